package org.glassy.bench;

import java.util.concurrent.TimeUnit;

import org.glassy.core.Sphere;
import org.glassy.model.PSpinSpherical;
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
 * The fused energy–gradient pass of the spherical p-spin, the cost every p-spin study spends its
 * time on: one state ({@link #energyAndGradient}) and K states sharing the instance
 * ({@link #energiesAndGradients}, the images of a band; time per call, divide by K for the time per
 * state). Run with {@code make bench BENCH_ARGS=PSpinGradient}; p = 4 with
 * {@code BENCH_ARGS="PSpinGradient -p p=4 -p n=100,150"}; add
 * {@code -jvmArgsAppend -Dglassy.scalar=true} for the scalar kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class PSpinGradientBenchmark {

    @Param({"3"})
    int p;

    @Param({"100", "200", "400", "800"})
    int n;

    private PSpinSpherical model;
    private double[] s;
    private double[] gradient;

    @Setup
    public void setUp() {
        model = new PSpinSpherical(p, n, 1L);
        s = Sphere.randomPoint(n, 2L);
        gradient = new double[n];
    }

    /** K states on the sphere in one flat array, with their outputs. */
    @State(Scope.Thread)
    public static class States {

        @Param({"1", "4", "16"})
        int states;

        double[] x;
        double[] energies;
        double[] gradients;

        @Setup
        public void setUp(PSpinGradientBenchmark b) {
            x = new double[states * b.n];
            for (int i = 0; i < states; i++) {
                System.arraycopy(Sphere.randomPoint(b.n, 3L + i), 0, x, i * b.n, b.n);
            }
            energies = new double[states];
            gradients = new double[states * b.n];
        }
    }

    @Benchmark
    public double energyAndGradient() {
        return model.energyAndGradient(s, gradient);
    }

    @Benchmark
    public double energiesAndGradients(States k) {
        model.energiesAndGradients(k.x, 0, k.states, k.energies, k.gradients);
        return k.energies[0];
    }
}
