package org.glassy.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's multiply–add ceiling as the JVM reaches it: twelve independent chains of fused multiply–adds on
 * the preferred vector species (512-bit on the benchmark machine), no memory traffic: 2 × 12 × 10⁵ × lanes
 * flops per call ({@link #FLOPS}; 19.2 MFLOP with 8 lanes), so GFLOP/s = FLOPS / (time per call in ns).
 * The roofline of docs/benchmarks.md uses the DGEMM peak as the compute roof (what a tuned library
 * reaches); this is the higher bound that no kernel can pass.
 * Run with {@code make bench BENCH_ARGS=FmaPeak}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;
    private static final int ROUNDS = 100_000;
    /** Flops per call: 2 × chains × rounds × lanes of the preferred species. */
    public static final long FLOPS = 2L * CHAINS * ROUNDS * S.length();

    private final double[] start = new double[S.length()];

    @Benchmark
    public double fmaChains() {
        DoubleVector m = DoubleVector.broadcast(S, 0.999_999);
        DoubleVector c = DoubleVector.broadcast(S, 1e-9);
        DoubleVector a0 = DoubleVector.fromArray(S, start, 0);
        DoubleVector a1 = a0.add(1);
        DoubleVector a2 = a0.add(2);
        DoubleVector a3 = a0.add(3);
        DoubleVector a4 = a0.add(4);
        DoubleVector a5 = a0.add(5);
        DoubleVector a6 = a0.add(6);
        DoubleVector a7 = a0.add(7);
        DoubleVector a8 = a0.add(8);
        DoubleVector a9 = a0.add(9);
        DoubleVector a10 = a0.add(10);
        DoubleVector a11 = a0.add(11);
        for (int i = 0; i < ROUNDS; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
