"""Reference timing for docs/benchmarks.md: a packed numpy p-spin energy and gradient (not part of Glassy).

The spherical p-spin with couplings J_{i1...ip}, i1 < ... < ip, packed as an N x C(N, p-1) matrix A,
A[m, T] = J of the sorted tuple T + {m} for every (p-1)-subset T (zero when m is in T), so that

    dP/ds_m = sum_T A[m, T] prod_{t in T} s_t,    P = -H = s.grad(P) / p,

one matrix-vector product over N C(N, p-1) = p C(N, p) + (zeros) numbers plus the C(N, p-1) products of
the spins: 2 p C(N, p) flops read from p C(N, p) stored numbers, against 4 C(N, p) flops over C(N, p)
numbers for Glassy's one pass (p = 3: 50 % more work and three times the memory). This is the peer of
issue 16 ("numpy, packed").

Run in a throwaway virtual environment with numpy from PyPI (its wheels bundle OpenBLAS), one
thread, e.g.

    python3 -m venv /tmp/peer && /tmp/peer/bin/pip install numpy threadpoolctl
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
        /tmp/peer/bin/python docs/pspin_gradient_packed_numpy.py 100 200 400 800
    ... /tmp/peer/bin/python docs/pspin_gradient_packed_numpy.py --p 4 100 150

(unset OPENBLAS_CORETYPE where the machine sets it, or OpenBLAS runs an older kernel: this machine sets
Haswell, AVX2, whose DGEMM is 30 % slower than the AVX-512 kernel OpenBLAS picks itself). It checks
itself first on a small instance against the sum over all p-tuples, then prints numpy's version, the
BLAS that ran (threadpoolctl) and the best and median time per call of repeated blocks.
"""
import itertools
import sys
import timeit
from math import comb, factorial

import numpy as np


def couplings(n, p=3, seed=1):
    """J of sorted p-tuples from a counter-based hash of the indices, so any row of A can be built alone.

    j_of(idx) takes an integer array of shape (..., p), each row strictly increasing.
    """
    scale = np.sqrt(12 * factorial(p) / (2.0 * n ** (p - 1)))      # uniform of variance p! / (2 N^(p-1))

    def j_of(idx):
        h = np.zeros(idx.shape[:-1], dtype=np.uint64) + np.uint64(seed)
        for q in range(p):
            h = h * np.uint64(1_000_003) + idx[..., q].astype(np.uint64)
            h ^= h >> np.uint64(33)
            h *= np.uint64(0xff51afd7ed558ccd)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xc4ceb9fe1a85ec53)
        h ^= h >> np.uint64(33)
        uniform = (h >> np.uint64(11)).astype(np.float64) / float(1 << 53)
        return (uniform - 0.5) * scale
    return j_of


def subsets(n, size):
    """The size-subsets of [0, n) in lexicographic order, shape (C(n, size), size)."""
    return np.array(list(itertools.combinations(range(n), size)), dtype=np.int64).reshape(-1, size)


def packed(n, p, j_of):
    columns = subsets(n, p - 1)
    matrix = np.empty((n, columns.shape[0]))
    for m in range(n):
        tuples = np.sort(np.concatenate([columns, np.full((columns.shape[0], 1), m)], axis=1), axis=1)
        row = j_of(tuples)
        row[np.any(columns == m, axis=1)] = 0.0
        matrix[m] = row
    return matrix, columns


def energy_and_gradient(matrix, columns, s):
    products = s[columns[:, 0]]
    for q in range(1, columns.shape[1]):
        products = products * s[columns[:, q]]
    grad_p = matrix @ products
    return -(s @ grad_p) / (columns.shape[1] + 1), -grad_p


def self_check(p):
    n = 13 if p == 3 else 9
    j_of = couplings(n, p)
    matrix, columns = packed(n, p, j_of)
    s = np.random.default_rng(2).standard_normal(n)
    e, g = energy_and_gradient(matrix, columns, s)
    tuples = subsets(n, p)
    c = j_of(tuples)
    e_ref = -np.sum(c * np.prod(s[tuples], axis=1))
    g_ref = np.zeros(n)
    for q in range(p):
        others = np.prod(s[np.delete(tuples, q, axis=1)], axis=1)
        np.add.at(g_ref, tuples[:, q], -c * others)
    assert abs(e - e_ref) < 1e-12 * max(1, abs(e_ref)), (e, e_ref)
    assert np.max(np.abs(g - g_ref)) < 1e-12 * np.max(np.abs(g_ref)), "gradient differs from the sum over tuples"


def blas():
    try:
        import threadpoolctl
        return [(i["internal_api"], i["version"], i.get("architecture"), i["num_threads"])
                for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    except ImportError:
        return "threadpoolctl not installed"


def timed(call, numbers, target=2e7, repeat=7):
    """Best and median seconds per call over `repeat` blocks of about target / numbers calls."""
    call()
    reps = max(3, int(target / numbers))
    times = sorted(t / reps for t in timeit.repeat(call, number=reps, repeat=repeat))
    return times[0], times[len(times) // 2]


def state(n, seed=3):
    s = np.random.default_rng(seed).standard_normal(n)
    return s * np.sqrt(n) / np.linalg.norm(s)


def main(args):
    p = 3
    if args[:1] == ["--p"]:
        p, args = int(args[1]), args[2:]
    sizes = [int(a) for a in args] or [100, 200, 400]
    self_check(p)
    print(f"numpy {np.__version__}, BLAS {blas()}")
    for n in sizes:
        matrix, columns = packed(n, p, couplings(n, p))
        s = state(n)
        best, median = timed(lambda: energy_and_gradient(matrix, columns, s), matrix.size)
        print(f"packed p={p} energy+gradient, N={n}: best {best * 1e3:.4f} ms, median {median * 1e3:.4f} ms "
              f"({matrix.nbytes / 1e6:.0f} MB matrix, C(N, p) = {comb(n, p)})")
        del matrix


if __name__ == "__main__":
    main(sys.argv[1:])
