"""Reference timing for docs/benchmarks.md: a dense numpy p-spin gradient (not part of Glassy).

The spherical p-spin gradient with the couplings stored as a dense N^p tensor (for timing a random one;
the physics would symmetrise it and zero coinciding indices): dH/ds_i = -(1/(p-1)!) sum J_{i j...} s_j ...
with the (p-1)! undoing the repeated orderings. One matrix-vector product over N^p entries, (N, N^(p-1))
times the outer product of p - 1 copies of s.
Run in any Python with numpy: python docs/pspin_gradient_numpy.py [--p P] [N ...] (default p = 3,
N = 100 200 400); for docs/benchmarks.md one thread with numpy's own OpenBLAS, as
docs/pspin_gradient_packed_numpy.py says.
"""
import sys
import timeit
from math import factorial

import numpy as np


def dense(n, p, seed=1):
    """A random (N, N^(p-1)) float64 matrix, generated row by row (no float32 or temporary copies)."""
    rng = np.random.default_rng(seed)
    flat = np.empty((n, n ** (p - 1)))
    for i in range(n):
        flat[i] = rng.standard_normal(n ** (p - 1))
    return flat


def gradient(flat, s, p):
    outer = s
    for _ in range(p - 2):
        outer = np.multiply.outer(outer, s).ravel()
    return -flat @ outer / factorial(p - 1)


if __name__ == "__main__":
    args = sys.argv[1:]
    p = 3
    if args[:1] == ["--p"]:
        p, args = int(args[1]), args[2:]
    try:
        import threadpoolctl
        print("BLAS", [(i["internal_api"], i["version"], i.get("architecture"), i["num_threads"])
                       for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"])
    except ImportError:
        pass
    for n in [int(a) for a in args] or [100, 200, 400]:
        flat = dense(n, p)
        s = np.random.default_rng(2).standard_normal(n)
        gradient(flat, s, p)
        reps = max(5, int(2e8 / flat.size))
        best = min(timeit.repeat(lambda: gradient(flat, s, p), number=reps, repeat=5)) / reps
        print(f"numpy {np.__version__} dense p={p} gradient, N={n}: {best * 1e3:.3f} ms")
        del flat
