"""Reference timing for docs/benchmarks.md: a dense numpy p = 3 gradient (not part of Glassy).

The spherical 3-spin gradient with the couplings stored as a dense symmetric N x N x N tensor
(J_ijk for all orderings, zero on coinciding indices): dH/ds_i = -(1/2) sum_jk J_ijk s_j s_k with
the 1/2 undoing the double counting of (j, k). One matrix-vector product over N^3 entries.
Run in any Python with numpy: python docs/pspin_gradient_numpy.py [N ...] (default 100 200 400);
for docs/benchmarks.md one thread with numpy's own OpenBLAS, as docs/pspin_gradient_packed_numpy.py says.
"""
import sys
import timeit

import numpy as np

try:
    import threadpoolctl
    print("BLAS", [(i["internal_api"], i["version"], i.get("architecture"), i["num_threads"])
                   for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"])
except ImportError:
    pass

for n in [int(a) for a in sys.argv[1:]] or [100, 200, 400]:
    rng = np.random.default_rng(1)
    j = rng.standard_normal((n, n, n))
    s = rng.standard_normal(n)
    flat = j.reshape(n, n * n)

    def gradient():
        return -0.5 * flat @ np.outer(s, s).ravel()

    gradient()
    reps = max(5, int(2e8 / n**3))
    best = min(timeit.repeat(gradient, number=reps, repeat=5)) / reps
    print(f"numpy {np.__version__} dense p=3 gradient, N={n}: {best * 1e3:.3f} ms")
