package org.glassy.bench;

import java.util.concurrent.TimeUnit;

import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.path.AutoNeb;
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
 * AutoNEB between two minima of one 3-spin instance, as notebook 04 runs it ({@code PSpinBarriers.join}:
 * coupling seed 1803, minima by gradient descent from seeds 1804 and 1805 with dt = 0.1 to t = 1000, Draxler
 * et al.'s schedule with learning rates × 0.1 and the notebook's full-mode effort 0.5, i.e. 8000 band steps
 * with up to 31 images): wall time of one run. {@code batched = true} is the library as it is (every step
 * evaluates the band's interior images in one {@link org.glassy.model.MultiStateModel} call);
 * {@code false} hides the model behind a plain {@link Model}, so every image is one call, as before issue 16.
 * Only public API that existed before the issue is used, so the class also runs against an older build.
 * Run with {@code make bench BENCH_ARGS=PSpinAutoNeb}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class PSpinAutoNebBenchmark {

    @Param({"32", "64", "128", "256"})
    int n;

    @Param({"true", "false"})
    boolean batched;

    @Param({"0.5"})
    double effort;

    private Model model;
    private double[] start;
    private double[] end;

    @Setup
    public void setUp() {
        PSpinSpherical pSpin = new PSpinSpherical(3, n, 1803L);
        start = minimum(pSpin, 1804L);
        end = minimum(pSpin, 1805L);
        model = batched ? pSpin : new OneStateAtATime(pSpin);
    }

    private static double[] minimum(PSpinSpherical model, long seed) {
        return Dynamics.of(model, new GradientDescent(0.1)).space(Space.sphere()).seed(seed).steps(10_000)
                .run(Sphere.randomPoint(model.dimension(), seed)).finalState();
    }

    @Benchmark
    public double autoNeb() {
        return AutoNeb.draxler(0.1).withSteps(effort).run(model, Space.sphere(), start, end, 1803L, null)
                .profile().barrier("energy").height();
    }

    /** The p-spin without its several-states method: one energy–gradient call per image. */
    private record OneStateAtATime(PSpinSpherical model) implements Model {

        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public double energy(double[] x) {
            return model.energy(x);
        }

        @Override
        public double energyAndGradient(double[] x, double[] gradient) {
            return model.energyAndGradient(x, gradient);
        }
    }
}
