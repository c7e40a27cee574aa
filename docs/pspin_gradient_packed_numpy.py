"""Reference timing for docs/benchmarks.md: a packed numpy p = 3 energy and gradient (not part of Glassy).

The spherical 3-spin with couplings J_ijk, i < j < k, packed as an N x C(N, 2) matrix A,
A[m, (a, b)] = J of the sorted triple {m, a, b} (zero when m is a or b), so that

    dP/ds_m = sum_{a<b} A[m, (a, b)] s_a s_b,    P = -H = s.grad(P) / 3,

one matrix-vector product over N C(N, 2) = 3 C(N, 3) + N (N - 1) numbers (about 6 N^3 / 6 multiply-adds,
50 % more than the C(N, 3) couplings need for their two multiply-adds each) plus the C(N, 2) pair
products. This is the peer of issue 16 ("numpy, packed").

Run in a throwaway virtual environment with numpy from PyPI (its wheels bundle OpenBLAS), one
thread, e.g.

    python3 -m venv /tmp/peer && /tmp/peer/bin/pip install numpy threadpoolctl
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
        /tmp/peer/bin/python docs/pspin_gradient_packed_numpy.py 100 200 400 800

(unset OPENBLAS_CORETYPE where the machine sets it, or OpenBLAS runs an older kernel). It checks
itself first on a small instance against the sum over all triples, then prints numpy's version, the
BLAS that ran (threadpoolctl) and the best time per call of repeated blocks.
"""
import sys
import timeit

import numpy as np


def couplings(n, seed=1):
    """J_ijk for i < j < k from a counter-based hash of (i, j, k), so any row of A can be built alone."""
    def j_of(lo, mid, hi):
        h = (lo.astype(np.uint64) * np.uint64(1_000_003) + mid.astype(np.uint64)) * np.uint64(1_000_033) \
            + hi.astype(np.uint64) + np.uint64(seed)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xff51afd7ed558ccd)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xc4ceb9fe1a85ec53)
        h ^= h >> np.uint64(33)
        uniform = (h >> np.uint64(11)).astype(np.float64) / float(1 << 53)
        return (uniform - 0.5) * np.sqrt(12 * 3.0 / n**2)      # variance 3! / (2 N^2)
    return j_of


def packed(n, j_of):
    a_idx, b_idx = np.triu_indices(n, 1)
    matrix = np.empty((n, a_idx.size))
    for m in range(n):
        mm = np.full_like(a_idx, m)
        lo = np.minimum(mm, a_idx)
        hi = np.maximum(mm, b_idx)
        mid = mm + a_idx + b_idx - lo - hi
        row = j_of(lo, mid, hi)
        row[(a_idx == m) | (b_idx == m)] = 0.0
        matrix[m] = row
    return matrix, a_idx, b_idx


def energy_and_gradient(matrix, a_idx, b_idx, s):
    grad_p = matrix @ (s[a_idx] * s[b_idx])
    return -(s @ grad_p) / 3, -grad_p


def self_check():
    n = 13
    j_of = couplings(n)
    matrix, a_idx, b_idx = packed(n, j_of)
    s = np.random.default_rng(2).standard_normal(n)
    e, g = energy_and_gradient(matrix, a_idx, b_idx, s)
    i, j, k = np.array([(i, j, k) for i in range(n) for j in range(i + 1, n) for k in range(j + 1, n)]).T
    c = j_of(i, j, k)
    e_ref = -np.sum(c * s[i] * s[j] * s[k])
    g_ref = np.zeros(n)
    np.add.at(g_ref, i, -c * s[j] * s[k])
    np.add.at(g_ref, j, -c * s[i] * s[k])
    np.add.at(g_ref, k, -c * s[i] * s[j])
    assert abs(e - e_ref) < 1e-12 * max(1, abs(e_ref)), (e, e_ref)
    assert np.max(np.abs(g - g_ref)) < 1e-12 * np.max(np.abs(g_ref)), "gradient differs from the sum over triples"


def main(sizes):
    self_check()
    try:
        import threadpoolctl
        blas = [(i["internal_api"], i["version"], i.get("architecture"), i["num_threads"])
                for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    except ImportError:
        blas = "threadpoolctl not installed"
    print(f"numpy {np.__version__}, BLAS {blas}")
    for n in sizes:
        matrix, a_idx, b_idx = packed(n, couplings(n))
        s = np.random.default_rng(3).standard_normal(n)
        s *= np.sqrt(n) / np.linalg.norm(s)
        call = lambda: energy_and_gradient(matrix, a_idx, b_idx, s)   # noqa: E731
        call()
        reps = max(3, int(2e7 / matrix.size))
        times = [t / reps for t in timeit.repeat(call, number=reps, repeat=7)]
        print(f"packed p=3 energy+gradient, N={n}: best {min(times) * 1e3:.4f} ms, "
              f"median {sorted(times)[3] * 1e3:.4f} ms ({matrix.nbytes / 1e6:.0f} MB matrix)")
        del matrix


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 200, 400])
