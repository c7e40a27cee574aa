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
 * One SGD step (mini-batch forward, backward, momentum update) of a 784-H-10 ReLU network with
 * batch 100, double precision: the hot loop of the DNN studies. H is {@code width} (default 100; 1000 and
 * 10000 for Baity-Jesi et al.'s toy model), {@code threads} the lean engine's {@link Mlp#withThreads} (default
 * 1; 2 splits the products of layers of at least 1.6·10⁷ multiply–adds, and the momentum update from 2¹⁷
 * parameters, over two threads, with bit-identical results; ignored by the DL4J engines). Compare with {@code docs/pytorch_mlp_step.py --width H --threads T}
 * run in the same session. Run: {@code make bench BENCH_ARGS=MlpStep}; the widths and threads of
 * docs/benchmarks.md: {@code make bench BENCH_ARGS='MlpStep -p engine=lean -p loss=SQUARED -p width=1000,10000
 * -p threads=1,2'}. At width 10000 give the JIT ≥ 40 s of warm-up ({@code -wi 4 -w 10}): one kernel call per step,
 * so the first steps run the Vector-API loops before C2 has compiled them (docs/benchmarks.md).
 *
 * <p>Engines: {@code lean} ({@link Mlp}), {@code dl4j} ({@link DeepLearning4jNetwork} behind the run loop,
 * copying parameters and batch into native arrays every step) and {@code dl4j-fit} (the same DL4J network
 * trained natively: {@code MultiLayerNetwork.fit} on batches already in native arrays, plain SGD, as
 * {@code study.bias} trains its CNNs; the batches cycle through 100 pre-built ones).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx3g"})
public class MlpStepBenchmark {

    @Param({"lean", "lean-float32", "dl4j", "dl4j-fit"})
    String engine;

    @Param({"SQUARED", "CROSS_ENTROPY"})
    Loss loss;

    @Param({"100"})
    int width;

    @Param({"1"})
    int threads;

    private BatchModel model;
    private MiniBatchSgd sgd;
    private MiniBatchSgd.State state;
    private SplitMix64 random;
    private long step;
    private org.deeplearning4j.nn.multilayer.MultiLayerNetwork native4j;
    private java.util.List<org.nd4j.linalg.dataset.DataSet> batches;

    @Setup
    public void setUp() {
        Dataset data = new TeacherStudent(new TeacherStudent.Parameters(784, 10, 10, 1L)).sample(10_000, 2L);
        Mlp.Architecture architecture = Mlp.Architecture.oneHidden(784, width, 10, Activation.RELU, loss);
        Mlp lean = new Mlp(architecture, data).withThreads(threads);
        model = engine.equals("lean") ? lean
                : engine.equals("lean-float32") ? lean.withPrecision(org.glassy.model.Precision.FLOAT32)
                : new DeepLearning4jNetwork(architecture, data);
        sgd = new MiniBatchSgd(0.01, 100, 0.5);
        state = sgd.init(model, Space.euclidean(), lean.initialParameters(3L));
        random = new SplitMix64(4L);
        if (engine.equals("dl4j-fit")) {
            boolean squared = loss == Loss.SQUARED;
            native4j = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                    new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                    .dataType(org.nd4j.linalg.api.buffer.DataType.DOUBLE).seed(3L)
                    .updater(new org.nd4j.linalg.learning.config.Sgd(0.01)).list()
                    .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(784).nOut(width)
                            .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                    .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(squared
                            ? org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE
                            : org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(width).nOut(10)
                            .activation(squared ? org.nd4j.linalg.activations.Activation.IDENTITY
                                    : org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                    .build());
            native4j.init();
            double[] labels = new double[data.size() * 10];
            for (int i = 0; i < data.size(); i++) {
                labels[i * 10 + data.labels()[i]] = 1;
            }
            batches = new org.nd4j.linalg.dataset.DataSet(
                    org.nd4j.linalg.factory.Nd4j.createFromArray(data.inputs()).reshape(data.size(), 784),
                    org.nd4j.linalg.factory.Nd4j.createFromArray(labels).reshape(data.size(), 10)).batchBy(100);
        }
    }

    @Benchmark
    public double sgdStep() {
        if (native4j != null) {
            native4j.fit(batches.get((int) (step++ % batches.size())));
            return native4j.score();
        }
        state = sgd.step(model, Space.euclidean(), state, step++, random);
        return state.energy();
    }
}
