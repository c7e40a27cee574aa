package org.glassy.bench;

import java.util.concurrent.TimeUnit;

import org.glassy.data.Dataset;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.MiniBatchSgd;
import org.glassy.core.Space;
import org.glassy.core.SplitMix64;
import org.glassy.model.Activation;
import org.glassy.model.BatchModel;
import org.glassy.model.DeepLearning4jNetwork;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
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
 * One SGD step (mini-batch forward, backward, momentum update) of a 784-100-10 ReLU network with
 * batch 100, double precision, one thread: the hot loop of the DNN studies. Compare with
 * {@code docs/pytorch_mlp_step.py} run in the same session. Run: {@code make bench BENCH_ARGS=MlpStep}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class MlpStepBenchmark {

    @Param({"lean", "dl4j"})
    String engine;

    @Param({"SQUARED", "CROSS_ENTROPY"})
    Loss loss;

    private BatchModel model;
    private MiniBatchSgd sgd;
    private MiniBatchSgd.State state;
    private SplitMix64 random;
    private long step;

    @Setup
    public void setUp() {
        Dataset data = new TeacherStudent(new TeacherStudent.Parameters(784, 10, 10, 1L)).sample(10_000, 2L);
        Mlp.Architecture architecture = Mlp.Architecture.oneHidden(784, 100, 10, Activation.RELU, loss);
        Mlp lean = new Mlp(architecture, data);
        model = engine.equals("lean") ? lean : new DeepLearning4jNetwork(architecture, data);
        sgd = new MiniBatchSgd(0.01, 100, 0.5);
        state = sgd.init(model, Space.euclidean(), lean.initialParameters(3L));
        random = new SplitMix64(4L);
    }

    @Benchmark
    public double sgdStep() {
        state = sgd.step(model, Space.euclidean(), state, step++, random);
        return state.energy();
    }
}
