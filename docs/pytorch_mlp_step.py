#!/usr/bin/env python3
"""Peer benchmark of MlpStepBenchmark: time of one SGD training step of a 784-H-10 MLP.

One step = batch indexing (precomputed random permutation into a preloaded dataset),
forward, loss, zero_grad, backward, optimizer.step() (SGD with momentum 0.5, batch 100).

Variants: --dtype float32|float64|both x CrossEntropyLoss / MSELoss-to-one-hot, for each
width in --hidden (default 100); --threads (default 1) sets torch's intra-op threads and the
OpenMP/MKL thread counts before torch is loaded.
Warm-up 200 steps, then 7 timed blocks of 1000 steps (time.perf_counter; also the calling thread's
CPU time, time.thread_time, which a loaded machine inflates less).

Run:  python docs/pytorch_mlp_step.py --dtype float32 --threads 1 --hidden 100 1000
      python docs/pytorch_mlp_step.py --width 10000 --threads 2 --variants d --config
(--width is --hidden; --variants picks among a-d, d being float64 MSE to one-hot, the variant of Glassy's
`-p loss=SQUARED`; --config, or --full-config, prints the whole torch.__config__.show().)
"""
import os
import sys


def _threads_from_argv(default=1):
    for i, a in enumerate(sys.argv):
        if a == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--threads="):
            return a.split("=", 1)[1]
    return str(default)


# Must be set before torch (and its OpenMP/MKL runtimes) is loaded.
os.environ["OMP_NUM_THREADS"] = _threads_from_argv()
os.environ["MKL_NUM_THREADS"] = _threads_from_argv()

import argparse
import platform
import statistics
import subprocess
import time

import torch
import torch.nn as nn

N_EXAMPLES = 10000
N_IN, N_OUT = 784, 10
BATCH = 100
LR, MOMENTUM = 0.01, 0.5


def cpu_info():
    model, cores = "?", os.cpu_count()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return model, cores


def config_summary():
    keep = ("Math Kernel", "MKL", "DNN", "oneDNN", "OpenMP", "LAPACK", "NNPACK",
            "CPU capability", "BLAS")
    lines = []
    for line in torch.__config__.show().splitlines():
        s = line.strip()
        if s.startswith("- Build settings:"):
            # keep only the BLAS/LAPACK/MKL(DNN)/OpenMP-related key=value pairs
            kv = [p.strip() for p in s.split(":", 1)[1].split(",")]
            kv = [p for p in kv if p.split("=")[0] in
                  ("BLAS_INFO", "LAPACK_INFO", "USE_MKL", "USE_MKLDNN", "USE_OPENMP",
                   "TORCH_VERSION")]
            lines.append("- Build settings (subset): " + ", ".join(kv))
        elif any(k in s for k in keep):
            lines.append(s)
    return lines


def run_variant(dtype, loss_kind, warmup, block, reps, n_hid, seed=0):
    torch.set_default_dtype(dtype)
    g = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)

    # Fixed, preloaded random dataset (not timed).
    X = torch.randn(N_EXAMPLES, N_IN, generator=g)
    y = torch.randint(0, N_OUT, (N_EXAMPLES,), generator=g)
    Y1h = torch.zeros(N_EXAMPLES, N_OUT)
    Y1h[torch.arange(N_EXAMPLES), y] = 1.0
    assert X.dtype == dtype and Y1h.dtype == dtype

    # Precomputed random permutation -> list of batch index tensors (one epoch, cycled).
    perm = torch.randperm(N_EXAMPLES, generator=g)
    batches = [perm[i:i + BATCH] for i in range(0, N_EXAMPLES, BATCH)]
    nb = len(batches)

    model = nn.Sequential(nn.Linear(N_IN, n_hid), nn.ReLU(), nn.Linear(n_hid, N_OUT))
    assert next(model.parameters()).dtype == dtype
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM)
    if loss_kind == "ce":
        crit = nn.CrossEntropyLoss()
        targets = y
    else:
        crit = nn.MSELoss()
        targets = Y1h

    k = 0

    def steps(n):
        nonlocal k
        loss = None
        for _ in range(n):
            idx = batches[k]
            k += 1
            if k == nb:
                k = 0
            xb = X[idx]
            tb = targets[idx]
            out = model(xb)
            loss = crit(out, tb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        return loss

    steps(warmup)
    times_ms = []
    cpu_ms = []
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.thread_time()
        loss = steps(block)
        t1, c1 = time.perf_counter(), time.thread_time()
        times_ms.append((t1 - t0) * 1e3 / block)
        cpu_ms.append((c1 - c0) * 1e3 / block)
    final_loss = float(loss.item())
    torch.set_default_dtype(torch.float32)
    return times_ms, cpu_ms, final_loss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--block", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--hidden", "--width", type=int, nargs="+", default=[100], help="hidden widths H")
    ap.add_argument("--variants", default="abcd", help="which variants to run, e.g. d (float64 MSE)")
    ap.add_argument("--full-config", "--config", action="store_true", help="print torch.__config__.show() whole")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)

    model, cores = cpu_info()
    print(f"CPU: {model}  (os.cpu_count()={cores})")
    print(f"Python {platform.python_version()}, torch {torch.__version__}, "
          f"torch.get_num_threads()={torch.get_num_threads()}, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}, "
          f"MKL_NUM_THREADS={os.environ.get('MKL_NUM_THREADS')}")
    print("torch.__config__.show() (BLAS/MKL/oneDNN lines):")
    for line in (torch.__config__.show().splitlines() if args.full_config else config_summary()):
        print("  " + line)
    print(f"MLP {N_IN}-H-{N_OUT} ReLU, H in {args.hidden}, batch {BATCH}, SGD lr={LR} momentum={MOMENTUM}; "
          f"warmup {args.warmup} steps, {args.reps} x {args.block} steps")
    print()

    variants = [
        ("a", torch.float32, "ce", "float32 CrossEntropy"),
        ("b", torch.float32, "mse", "float32 MSE one-hot"),
        ("c", torch.float64, "ce", "float64 CrossEntropy"),
        ("d", torch.float64, "mse", "float64 MSE one-hot"),
    ]
    if args.dtype != "both":
        variants = [v for v in variants if v[1] == getattr(torch, args.dtype)]
    variants = [v for v in variants if v[0] in args.variants]
    hdr = f"| {'variant':<26} | {'median ms/step':>14} | {'min ms/step':>11} | all blocks (ms/step)"
    print(hdr)
    print("|" + "-" * 28 + "|" + "-" * 16 + "|" + "-" * 13 + "|" + "-" * 22)
    for n_hid in args.hidden:
        for tag, dt, lk, name in variants:
            times, cpu, final_loss = run_variant(dt, lk, args.warmup, args.block, args.reps, n_hid)
            med, mn = statistics.median(times), min(times)
            allb = " ".join(f"{t:.4f}" for t in times)
            label = f"H={n_hid} {name}"
            print(f"| ({tag}) {label:<22} | {med:>14.4f} | {mn:>11.4f} | {allb}  (final loss {final_loss:.4f}; "
                  f"thread CPU time median {statistics.median(cpu):.4f} ms/step)")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
