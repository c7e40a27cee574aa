"""The machine's roofline for docs/benchmarks.md, measured with numpy (not part of Glassy).

Compute peak: one-thread DGEMM (numpy's matmul on OpenBLAS) of two large square float64 matrices,
2 n^3 flops per product. Memory bandwidth: a copy of a large float64 array (STREAM's convention,
read plus written bytes, 16 bytes per element), and a read-only sum for comparison. Best of repeated
runs. Run as docs/pspin_gradient_packed_numpy.py says (same venv, one thread, OPENBLAS_CORETYPE unset).
"""
import time

import numpy as np


def best(f, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times), sorted(times)[len(times) // 2]


def main():
    try:
        import threadpoolctl
        print("BLAS", [(i["internal_api"], i["version"], i.get("architecture"), i["num_threads"])
                       for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"])
    except ImportError:
        pass
    print("numpy", np.__version__)
    rng = np.random.default_rng(1)
    for n in (2000, 4000):
        a = rng.standard_normal((n, n))
        b = rng.standard_normal((n, n))
        c = np.empty((n, n))
        np.matmul(a, b, out=c)
        t, median = best(lambda: np.matmul(a, b, out=c), 5)
        print(f"DGEMM n={n}: {2 * n**3 / t / 1e9:.1f} GFLOP/s best, {2 * n**3 / median / 1e9:.1f} median")
    size = 50_000_000                      # 400 MB per array, far beyond the 32 MB L3
    src = rng.standard_normal(size)
    dst = np.empty_like(src)
    np.copyto(dst, src)
    t, median = best(lambda: np.copyto(dst, src), 7)
    print(f"copy 400 MB: {16 * size / t / 1e9:.1f} GB/s best, {16 * size / median / 1e9:.1f} median (read + write)")
    t, median = best(lambda: src.sum(), 7)
    print(f"sum 400 MB: {8 * size / t / 1e9:.1f} GB/s best, {8 * size / median / 1e9:.1f} median (read only)")


if __name__ == "__main__":
    main()
