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
 * time on. Run with {@code make bench BENCH_ARGS=PSpinGradient}; add
 * {@code -jvmArgsAppend -Dglassy.scalar=true} for the scalar kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class PSpinGradientBenchmark {

    @Param({"3"})
    int p;

    @Param({"100", "200", "400"})
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

    @Benchmark
    public double energyAndGradient() {
        return model.energyAndGradient(s, gradient);
    }
}
