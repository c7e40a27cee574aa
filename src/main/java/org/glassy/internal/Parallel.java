package org.glassy.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits a loop over an output range [0, n) into contiguous, aligned parts run on several threads, for the
 * dense products of {@code model.Mlp}. The caller runs the first part itself and waits for the others, which
 * run on a shared pool of daemon threads (created on first use, idle threads end after a minute). Parts write
 * disjoint outputs, so the results do not depend on the number of parts whenever each output is computed in
 * an order that does not depend on its part (the contract of {@link Dense}'s range methods).
 */
public final class Parallel {

    /**
     * The work, in multiply–adds, from which a product is worth splitting: 1.6·10⁷ (a 784 × 200 layer on a batch
     * of 100, about 1 ms on one core); handing a part to another thread costs some ten microseconds.
     */
    public static final long THRESHOLD = 16_000_000L;

    /**
     * The length from which an elementwise pass over float64 vectors (a momentum update, a widening) is worth
     * splitting: 2¹⁷ entries, 1 MB per vector. Such passes are bound by memory bandwidth, which one core of the
     * benchmark machine does not saturate (docs/benchmarks.md, issue 22).
     */
    public static final int ELEMENTWISE_THRESHOLD = 1 << 17;

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static volatile ExecutorService pool;

    private Parallel() {
    }

    /** A loop body over the range [from, to). */
    @FunctionalInterface
    public interface Range {
        /**
         * Runs the loop over [from, to).
         *
         * @param from the first index
         * @param to one past the last index
         */
        void run(int from, int to);
    }

    /**
     * Returns how many parts a product of the given work gets: 1 below {@link #THRESHOLD}, else {@code threads}.
     *
     * @param threads the largest number of threads, at least 1
     * @param work the multiply–adds of the product
     * @return the number of parts, at least 1
     */
    public static int parts(int threads, long work) {
        return work < THRESHOLD ? 1 : Math.max(1, threads);
    }

    /**
     * Runs {@code body} over [0, n) in {@code parts} contiguous parts, each starting at a multiple of
     * {@code align} (the aligned blocks of the range shared out as evenly as possible; the last part ends at n).
     * With one part, or n at most {@code align}, the body runs once over [0, n) on the calling thread.
     *
     * @param parts the number of parts, at least 1
     * @param n the length of the range, at least 0
     * @param align the alignment of the parts' starts, at least 1
     * @param body the loop body
     */
    public static void run(int parts, int n, int align, Range body) {
        int blocks = (n + align - 1) / align;
        int p = Math.min(parts, blocks);
        if (p <= 1) {
            body.run(0, n);
            return;
        }
        ExecutorService executor = pool();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[p - 1];
        for (int k = 1; k < p; k++) {
            int from = (int) ((long) k * blocks / p) * align;
            int to = Math.min(n, (int) ((long) (k + 1) * blocks / p) * align);
            futures[k - 1] = executor.submit(() -> body.run(from, to));
        }
        RuntimeException failure = null;
        try {
            body.run(0, Math.min(n, (int) ((long) blocks / p) * align));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for a parallel part", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = Executors.newCachedThreadPool(task -> {
                        Thread t = new Thread(task, "glassy-dense-" + THREAD_NUMBER.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }
}
