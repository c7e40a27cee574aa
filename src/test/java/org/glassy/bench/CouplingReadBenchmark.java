package org.glassy.bench;

import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One read of as many doubles as a p-spin instance has couplings, C(N, p), summed with four vector
 * accumulators: the least time any energy–gradient pass over them can take, from whichever level of the
 * memory hierarchy holds them (L2 at N = 100, L3 at N = 200, memory at N ≥ 400 for p = 3). Beside
 * {@link PSpinGradientBenchmark} it tells how far one state's pass is from moving its data.
 * Run with {@code make bench BENCH_ARGS=CouplingRead}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class CouplingReadBenchmark {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Param({"3"})
    int p;

    @Param({"100", "200", "400", "800"})
    int n;

    private double[] couplings;

    @Setup
    public void setUp() {
        long count = 1;
        for (int i = 1; i <= p; i++) {
            count = count * (n - p + i) / i;
        }
        couplings = new double[(int) count / S.length() * S.length()];
        SplittableRandom random = new SplittableRandom(1L);
        for (int i = 0; i < couplings.length; i++) {
            couplings[i] = random.nextGaussian();
        }
    }

    @Benchmark
    public double readOnce() {
        double[] m = couplings;
        int step = S.length();
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        int i = 0;
        for (; i + 4 * step <= m.length; i += 4 * step) {
            a0 = a0.add(DoubleVector.fromArray(S, m, i));
            a1 = a1.add(DoubleVector.fromArray(S, m, i + step));
            a2 = a2.add(DoubleVector.fromArray(S, m, i + 2 * step));
            a3 = a3.add(DoubleVector.fromArray(S, m, i + 3 * step));
        }
        for (; i < m.length; i += step) {
            a0 = a0.add(DoubleVector.fromArray(S, m, i));
        }
        return a0.add(a1).add(a2).add(a3).reduceLanes(VectorOperators.ADD);
    }
}
