"""One benchmark session for docs/benchmarks.md (issue 16): Glassy's p-spin kernels, their numpy peers and
the machine's roofline, measured in alternation so that their ratios hold on a shared, busy machine.

For every group (the roofline; p = 3 at N = 100, 200, 400, 800; p = 4 at N = 100, 150) and every round,
the measurements run one after the other: numpy packed, numpy dense, then Glassy's JMH benchmark
(PSpinGradientBenchmark: one state, and K = 1, 4, 16 states in one call) in a fresh JVM; the roofline
group runs a DGEMM, a copy, a read-only dot product, FmaPeakBenchmark and MlpStepBenchmark. Every call is timed
on its own (JMH's sample mode; perf_counter around each numpy call), so each measurement gives the
fastest call (the machine's best, when nothing else got in the way) and the median call (what the busy
machine gave). Raw rows go to a CSV; the summary (medians over the rounds) is printed as markdown.

With --autoneb it times AutoNEB on the p-spin instead (PSpinAutoNebBenchmark, notebook 04's setting), the
library as it is with and without batched images and, with --before DIR, the build in DIR (e.g. the
main branch before issue 16), in alternation round by round.

Run from the repository root after `./mvnw -B -q -DskipTests package` (it reads target/test-classpath.txt),
with the numpy of docs/pspin_gradient_packed_numpy.py (one thread, OPENBLAS_CORETYPE unset):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
        /tmp/peer/bin/python docs/pspin_speed_session.py --rounds 5 --csv build/speed-session.csv
"""
import argparse
import csv
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from math import comb

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pspin_gradient_numpy as dense_peer            # noqa: E402
import pspin_gradient_packed_numpy as packed_peer    # noqa: E402

GROUPS = [(3, 100), (3, 200), (3, 400), (3, 800), (4, 100), (4, 150)]
MLP_FLOPS = 2 * (784 * 100 + 100 * 10) * 100 * 2 + 2 * 100 * 10 * 100   # forward, both weight gradients, dH
FMA_FLOPS = 2 * 12 * 100_000 * 8                                          # FmaPeakBenchmark, 8 lanes
OUT = sys.stdout


def per_call(call, seconds=1.0, at_least=7, at_most=2000):
    """Seconds of each of several calls (after one untimed call)."""
    call()
    times = []
    start = time.perf_counter()
    while len(times) < at_most and (len(times) < at_least or time.perf_counter() - start < seconds):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return times


def jmh(root, pattern, params, extra, out):
    """Runs JMH in root's build; returns {(benchmark, params...): {percentile: seconds}}."""
    classpath = f"{root}/target/test-classes:{root}/target/classes:" + open(f"{root}/target/test-classpath.txt").read().strip()
    command = ["java", "--add-modules", "jdk.incubator.vector", "-cp", classpath, "org.openjdk.jmh.Main", pattern,
               "-f", "1", "-rf", "json", "-rff", out] + extra
    for key, values in params.items():
        command += ["-p", f"{key}={values}"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = {}
    unit = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}
    for r in json.load(open(out)):
        metric = r["primaryMetric"]
        scale = unit[metric["scoreUnit"]]
        name = r["benchmark"].rsplit(".", 1)[1]
        key = (name,) + tuple(sorted(r.get("params", {}).items()))
        if metric.get("scorePercentiles") and r["mode"] == "sample":
            results[key] = {"min": metric["scorePercentiles"]["0.0"] * scale,
                            "median": metric["scorePercentiles"]["50.0"] * scale}
        else:
            raw = sorted(x for fork in metric["rawData"] for x in fork)
            results[key] = {"min": raw[0] * scale, "median": raw[len(raw) // 2] * scale}
    return results


def record(writer, group, rnd, engine, p, n, states, times):
    for stat, value in times.items():
        writer.writerow([group, rnd, engine, p, n, states, stat, f"{value:.9g}"])
    OUT.flush()


def stats(times):
    times = sorted(times)
    return {"min": times[0], "median": times[len(times) // 2]}


def roofline_round(writer, rnd, root, tmp):
    rng = np.random.default_rng(rnd)
    n = 1000                               # 2 GFLOP per product: short calls, so some run while the machine is idle
    a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
    c = np.empty((n, n))
    record(writer, "roofline", rnd, "dgemm", 0, n, 0, stats(per_call(lambda: np.matmul(a, b, out=c), 3.0, 20, 500)))
    del a, b, c
    size = 50_000_000                      # 400 MB per array, far beyond the 32 MB L3
    src = rng.standard_normal(size)
    dst = np.empty_like(src)
    record(writer, "roofline", rnd, "copy", 0, size, 0, stats(per_call(lambda: np.copyto(dst, src), 1.5, 10, 100)))
    # read-only: a BLAS dot of the array with itself reads 8 bytes per element (numpy's sum is not bandwidth-bound)
    record(writer, "roofline", rnd, "read", 0, size, 0, stats(per_call(lambda: src @ src, 1.5, 10, 100)))
    del src, dst
    gc.collect()
    fma = jmh(root, "FmaPeakBenchmark", {}, ["-bm", "sample", "-wi", "3", "-w", "500ms", "-i", "4", "-r", "500ms"],
              f"{tmp}/fma.json")
    record(writer, "roofline", rnd, "fma", 0, 0, 0, fma[("fmaChains",)])
    mlp = jmh(root, "MlpStepBenchmark", {"engine": "lean", "loss": "SQUARED"},
              ["-bm", "sample", "-wi", "4", "-w", "1s", "-i", "4", "-r", "1s"], f"{tmp}/mlp.json")
    record(writer, "roofline", rnd, "mlp", 0, 0, 0, next(iter(mlp.values())))


def pspin_round(writer, rnd, root, tmp, p, n, packed, dense):
    s = packed_peer.state(n)
    matrix, columns = packed
    record(writer, f"p{p}n{n}", rnd, "numpy-packed", p, n, 1,
           stats(per_call(lambda: packed_peer.energy_and_gradient(matrix, columns, s))))
    if dense is not None:
        record(writer, f"p{p}n{n}", rnd, "numpy-dense", p, n, 1,
               stats(per_call(lambda: dense_peer.gradient(dense, s, p))))
    seconds = "1s" if comb(n, p) > 2e7 else "500ms"
    glassy = jmh(root, "PSpinGradientBenchmark", {"p": p, "n": n, "states": "1,4,16"},
                 ["-bm", "sample", "-wi", "3", "-w", seconds, "-i", "4", "-r", seconds], f"{tmp}/pspin.json")
    for key, times in glassy.items():
        params = dict(key[1:])
        if key[0] == "energyAndGradient":
            record(writer, f"p{p}n{n}", rnd, "glassy", p, n, 0, times)   # 0: the single-state method
        else:
            record(writer, f"p{p}n{n}", rnd, "glassy", p, n, int(params["states"]), times)


def available_bytes():
    for line in open("/proc/meminfo"):
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


def session(args, writer, tmp):
    root = os.getcwd()
    for rnd in range(args.rounds if args.roofline else 0):
        print(f"roofline round {rnd + 1}", file=sys.stderr, flush=True)
        roofline_round(writer, rnd, root, tmp)
    for p, n in args.groups:
        packed = packed_peer.packed(n, p, packed_peer.couplings(n, p))
        dense = None
        if 8.0 * n ** p < available_bytes() - 8e9:      # leave 8 GB to the machine's other users
            dense = dense_peer.dense(n, p)
        for rnd in range(args.rounds):
            print(f"p = {p}, N = {n}, round {rnd + 1}", file=sys.stderr, flush=True)
            pspin_round(writer, rnd, root, tmp, p, n, packed, dense)
        del packed, dense
        gc.collect()


def autoneb(args, writer, tmp):
    builds = [("glassy", os.getcwd())] + ([("before", args.before)] if args.before else [])
    for rnd in range(args.rounds):
        for n in args.sizes:
            for name, root in (builds if rnd % 2 == 0 else builds[::-1]):
                print(f"AutoNEB N = {n}, {name}, round {rnd + 1}", file=sys.stderr, flush=True)
                batched = "true,false" if name == "glassy" else "false"
                result = jmh(root, "PSpinAutoNebBenchmark", {"n": n, "batched": batched},
                             ["-wi", "2", "-i", "2"], f"{tmp}/autoneb.json")
                for key, times in result.items():
                    params = dict(key[1:])
                    engine = name if name == "before" else ("batched" if params["batched"] == "true" else "one-by-one")
                    record(writer, "autoneb", rnd, engine, 3, n, 0, times)


def summary(path):
    rows = list(csv.reader(open(path)))[1:]
    table = {}
    for group, rnd, engine, p, n, states, stat, value in rows:
        table.setdefault((group, engine, int(p), int(n), int(states), stat), []).append(float(value))
    med = {k: float(np.median(v)) for k, v in table.items()}
    best = {k: min(v) for k, v in table.items()}
    for key in sorted(med):
        print(key, f"median over rounds {med[key]:.6g} s, best round {best[key]:.6g} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--csv", default="build/speed-session.csv")
    parser.add_argument("--autoneb", action="store_true")
    parser.add_argument("--before", help="repository root of the build to compare AutoNEB with")
    parser.add_argument("--sizes", type=int, nargs="*", default=[32, 64, 128, 256], help="AutoNEB's N")
    parser.add_argument("--groups", nargs="*", default=[f"{p}:{n}" for p, n in GROUPS], help="p:N of the kernels")
    parser.add_argument("--no-roofline", dest="roofline", action="store_false")
    args = parser.parse_args()
    args.groups = [tuple(int(x) for x in g.split(":")) for g in args.groups]
    global OUT
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {platform.platform()}; numpy {np.__version__}, "
          f"BLAS {packed_peer.blas()}", flush=True)
    print(subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.strip(), flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.csv)), exist_ok=True)
    with open(args.csv, "w", newline="") as f, tempfile.TemporaryDirectory() as tmp:
        OUT = f
        writer = csv.writer(f)
        writer.writerow(["group", "round", "engine", "p", "n", "states", "stat", "seconds"])
        (autoneb if args.autoneb else session)(args, writer, tmp)
    summary(args.csv)


if __name__ == "__main__":
    main()
