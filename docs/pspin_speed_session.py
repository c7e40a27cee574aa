"""One benchmark session for docs/benchmarks.md (issue 16): Glassy's p-spin kernels, their numpy peers and
the machine's roofline, measured in alternation so that their ratios hold on a shared, busy machine.

For every group (the roofline; p = 3 at N = 100, 200, 400, 800; p = 4 at N = 100, 150) and every round,
the measurements run one after the other: numpy packed, numpy dense, then Glassy's JMH benchmark
(PSpinGradientBenchmark: one state, and K = 1, 4, 16 states in one call) in a fresh JVM, and one plain read
of as many doubles as there are couplings (CouplingReadBenchmark); the roofline
group runs a DGEMM, a copy, a read-only dot product, FmaPeakBenchmark and MlpStepBenchmark. Every call is timed
on its own (JMH's sample mode; perf_counter around each numpy call), so each measurement gives the
fastest call (the machine's best, when nothing else got in the way) and the median call (what the busy
machine gave). Raw rows go to a CSV; the summary (medians over the rounds) is printed as markdown.

With --autoneb it times AutoNEB on the p-spin instead (PSpinAutoNebBenchmark, notebook 04's setting; warm JVM),
the library as it is with and without batched images and, with --before DIR, the build in DIR (e.g. the
main branch before issue 16), and the whole p-spin sweep of notebook 04 in a cold JVM
(PSpinBarriersSweepBenchmark), in alternation round by round.

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
    read = jmh(root, "CouplingReadBenchmark", {"p": p, "n": n},
               ["-bm", "sample", "-wi", "3", "-w", "500ms", "-i", "4", "-r", "500ms"], f"{tmp}/read.json")
    record(writer, f"p{p}n{n}", rnd, "read-couplings", p, n, 1, next(iter(read.values())))
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
                             ["-wi", "1", "-i", "2"], f"{tmp}/autoneb.json")
                for key, times in result.items():
                    params = dict(key[1:])
                    engine = name if name == "before" else ("batched" if params["batched"] == "true" else "one-by-one")
                    record(writer, "autoneb", rnd, engine, 3, n, 0, times)
        for name, root in (builds if rnd % 2 == 0 else builds[::-1]):
            print(f"notebook 04's p-spin sweep, {name}, round {rnd + 1}", file=sys.stderr, flush=True)
            result = jmh(root, "PSpinBarriersSweepBenchmark", {}, [], f"{tmp}/sweep.json")
            record(writer, "sweep", rnd, name, 3, 0, 0, next(iter(result.values())))


def machine_l3_bytes():
    """The L3 cache of this machine in bytes (Linux sysfs), or 32 MB when it cannot be read."""
    try:
        size = open("/sys/devices/system/cpu/cpu0/cache/index3/size").read().strip()
        return int(size[:-1]) * {"K": 1024, "M": 1024 ** 2}[size[-1]] if size[-1] in "KM" else int(size)
    except (OSError, ValueError):
        return 32e6


def report(path, l3_bytes=32e6):
    """The markdown tables of docs/benchmarks.md from a session's CSV.

    Each figure is the median over the rounds of the fastest call in each round; a ratio is the median over
    the rounds of the ratio within each round (the measurements of one round ran minutes apart at most).
    """
    rows = list(csv.reader(open(path)))[1:]
    by = {}
    for group, rnd, engine, p, n, states, stat, value in rows:
        by.setdefault((group, engine, int(p), int(n), int(states), stat), {})[int(rnd)] = float(value)

    def fastest(group, engine, p=0, n=0, states=0, stat="min"):
        return by.get((group, engine, p, n, states, stat), {})

    def med(values):
        return float(np.median(list(values))) if values else float("nan")

    def ratio(a, b):
        return med(a[r] / b[r] for r in a if r in b)

    if fastest("roofline", "dgemm", n=1000):
        dgemm = {r: 2e9 / t for r, t in fastest("roofline", "dgemm", n=1000).items()}
        copy = {r: 16 * 50e6 / t for r, t in fastest("roofline", "copy", n=50_000_000).items()}
        read = {r: 8 * 50e6 / t for r, t in fastest("roofline", "read", n=50_000_000).items()}
        fma = {r: FMA_FLOPS / t for r, t in fastest("roofline", "fma").items()}
        mlp = fastest("roofline", "mlp")
        peak, bandwidth = med(dgemm.values()), med(copy.values())
        print(f"DGEMM {peak / 1e9:.1f} GFLOP/s (best round {max(dgemm.values()) / 1e9:.1f}); copy "
              f"{bandwidth / 1e9:.1f} GB/s (best {max(copy.values()) / 1e9:.1f}); read {med(read.values()) / 1e9:.1f} GB/s; "
              f"FMA ceiling {med(fma.values()) / 1e9:.1f} GFLOP/s (best {max(fma.values()) / 1e9:.1f})")
        print(f"784-100-10 step: {med(mlp.values()) * 1e3:.3f} ms, {MLP_FLOPS / med(mlp.values()) / 1e9:.1f} GFLOP/s = "
              f"{ratio({r: MLP_FLOPS / t for r, t in mlp.items()}, dgemm):.0%} of the DGEMM peak (round by round), "
              f"{ratio({r: MLP_FLOPS / t for r, t in mlp.items()}, fma):.0%} of the FMA ceiling")
        dgemm_of = dgemm
        copy_of = copy
    else:
        print("no roofline in this CSV")
        return

    def roof(p, n, states, r):
        """Roofline time of one call: compute at the DGEMM peak; memory at the copy bandwidth once the couplings
        exceed the L3 cache (below that they stay in cache between calls)."""
        compute = 4.0 * states * comb(n, p) / dgemm_of[r]
        memory = 8.0 * comb(n, p) / copy_of[r] if 8.0 * comb(n, p) > l3_bytes else 0.0
        return max(compute, memory), "memory" if memory > compute else "compute"

    print()
    print("| p | N | couplings | Glassy, one state | numpy packed | numpy dense | packed / Glassy | dense / Glassy "
          "| roof (bound) | Glassy / roof | one read of the couplings | Glassy / read |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    groups = sorted({(p, n) for (g, e, p, n, k, st) in by if g.startswith("p")})
    for p, n in groups:
        g = f"p{p}n{n}"
        glassy = fastest(g, "glassy", p, n, 0)
        packed = fastest(g, "numpy-packed", p, n, 1)
        dense = fastest(g, "numpy-dense", p, n, 1)
        roofs = {r: roof(p, n, 1, r)[0] for r in glassy}
        read = fastest(g, "read-couplings", p, n, 1)
        bound = roof(p, n, 1, 0)[1]
        print(f"| {p} | {n} | {8 * comb(n, p) / 1e6:.1f} MB | {med(glassy.values()) * 1e3:.3f} ms "
              f"| {med(packed.values()) * 1e3:.3f} ms | {med(dense.values()) * 1e3:.3g} ms | {ratio(packed, glassy):.2f} "
              f"| {ratio(dense, glassy):.1f} | {med(roofs.values()) * 1e3:.3f} ms ({bound}) | {ratio(glassy, roofs):.2f} "
              f"| {med(read.values()) * 1e3:.3f} ms | {ratio(glassy, read):.2f} |")
    print()
    print("| p | N | K | Glassy, K states in one call | per state | per state / one state "
          "| per-state compute roof | per state / compute roof |")
    print("|---|---|---|---|---|---|---|---|")
    for p, n in groups:
        g = f"p{p}n{n}"
        single = fastest(g, "glassy", p, n, 0)
        for k in (1, 4, 16):
            call = fastest(g, "glassy", p, n, k)
            per = {r: t / k for r, t in call.items()}
            compute = {r: 4.0 * comb(n, p) / dgemm_of[r] for r in per}
            print(f"| {p} | {n} | {k} | {med(call.values()) * 1e3:.3f} ms | {med(per.values()) * 1e3:.3f} ms "
                  f"| {ratio(per, single):.2f} | {med(compute.values()) * 1e3:.3f} ms | {ratio(per, compute):.2f} |")
    print()
    print("median calls (the busy machine), ms:")
    for key in sorted(k for k in by if k[5] == "median" and k[0].startswith("p")):
        print(" ", key[:5], f"{med(by[key].values()) * 1e3:.4g}")


def autoneb_report(path):
    """The AutoNEB table of docs/benchmarks.md: medians over the rounds of each round's faster run; ratios round by
    round."""
    rows = list(csv.reader(open(path)))[1:]
    by = {}
    for group, rnd, engine, p, n, states, stat, value in rows:
        if stat == "min":
            by.setdefault((group, engine, int(n)), {})[int(rnd)] = float(value)

    def med(values):
        return float(np.median(list(values))) if values else float("nan")

    def ratio(a, b):
        return med(a[r] / b[r] for r in a if r in b)

    print("| N | before: old kernel, one call per image | now, one call per image | now, batched images "
          "| before / batched | one call per image / batched |")
    print("|---|---|---|---|---|---|")
    for n in sorted({k[2] for k in by if k[0] == "autoneb"}):
        before, single, batched = (by.get(("autoneb", e, n), {}) for e in ("before", "one-by-one", "batched"))
        print(f"| {n} | {med(before.values()):.2f} s | {med(single.values()):.2f} s | {med(batched.values()):.2f} s "
              f"| {ratio(before, batched):.1f} | {ratio(single, batched):.1f} |")
    before, after = by.get(("sweep", "before", 0), {}), by.get(("sweep", "glassy", 0), {})
    if before:
        print(f"notebook 04's p-spin sweep, cold JVM: before {' / '.join(f'{before[r]:.0f}' for r in sorted(before))} s, "
              f"after {' / '.join(f'{after[r]:.0f}' for r in sorted(after))} s (rounds); before / after {ratio(before, after):.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--csv", default="build/speed-session.csv")
    parser.add_argument("--autoneb", action="store_true")
    parser.add_argument("--before", help="repository root of the build to compare AutoNEB with")
    parser.add_argument("--sizes", type=int, nargs="*", default=[32, 64, 128], help="AutoNEB's N")
    parser.add_argument("--groups", nargs="*", default=[f"{p}:{n}" for p, n in GROUPS], help="p:N of the kernels")
    parser.add_argument("--no-roofline", dest="roofline", action="store_false")
    parser.add_argument("--report", action="store_true", help="only print the tables of an existing CSV")
    parser.add_argument("--l3-mb", type=float, help="the L3 cache of the session's machine in MB, for the roofline "
                        "(default: this machine's, from sysfs; session 1 of docs/benchmarks.md: 32)")
    args = parser.parse_args()
    l3_bytes = args.l3_mb * 1e6 if args.l3_mb else machine_l3_bytes()
    if args.report:
        autoneb_report(args.csv) if args.autoneb else report(args.csv, l3_bytes)
        return
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
    print(f"L3 cache: {l3_bytes / 1e6:.1f} MB", flush=True)
    autoneb_report(args.csv) if args.autoneb else report(args.csv, l3_bytes)


if __name__ == "__main__":
    main()
