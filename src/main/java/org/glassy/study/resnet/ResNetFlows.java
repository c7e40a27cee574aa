package org.glassy.study.resnet;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.dynamics.Adam;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.internal.Require;
import org.glassy.model.Model;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One run of the flow study ({@code bin/glassy resnet-flow}, notebook 10): train a {@link ResidualFlow} through
 * the core run loop ({@link Dynamics} with {@link Adam} or full-batch {@link GradientDescent}), optionally with
 * the hard spectral bound Lip(v) ≤ L applied after each step ({@link ResidualFlow#lipschitzBall}), then measure
 * it.
 *
 * <ul>
 * <li>{@code moons}, {@code circles}: a {@link FlowClassifier} on P training points; accuracies on P fresh test
 *     points (seed + 1);</li>
 * <li>{@code gaussian}: a {@link FlowTransport} from P samples of N(0, I₂) to P samples of N(m, Σ) with 32
 *     slicing directions; {@code w2_squared} is the closed form W₂²(N(0, I), N(m, Σ)) =
 *     |m|² + tr(I + Σ − 2Σ^{1/2}), the Benamou–Brenier limit of the kinetic energy as λ → 0⁺.</li>
 * </ul>
 *
 * <p>The observables, on the P test points (fresh source samples for {@code gaussian}): the kinetic energy
 * (1/P) Σ_μ Σ_k |x_{k+1} − x_k|²/h; the smallest Jacobian determinant of the whole map on a 41 × 41 grid over
 * the training inputs' bounding box enlarged by 0.5 (augmented coordinates zero); the Lipschitz upper bound
 * Π_k (1 + h ‖W₂‖ ‖W₁ₓ‖); the largest inversion error |F⁻¹(F(x)) − x|.
 *
 * <p>References: Rousseau, Drumetz and Fablet, arXiv:1805.09585; Dupont, Doucet and Teh, arXiv:1904.01681;
 * Behrmann et al., arXiv:1811.00995; Finlay et al., arXiv:2002.02798.
 */
public final class ResNetFlows {

    /** Slicing directions of the transport loss. */
    public static final int DIRECTIONS = 32;

    /** Side of the grid on which the Jacobian determinant is evaluated. */
    public static final int GRID = 41;

    private ResNetFlows() {
    }

    /** The data sets. */
    public enum Data {
        /** Two moons. */
        MOONS,
        /** Concentric circles (disc inside an annulus). */
        CIRCLES,
        /** Transport of N(0, I₂) onto N(m, Σ). */
        GAUSSIAN;

        /** @return the lower-case name used on the command line */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a name.
         *
         * @param name moons, circles or gaussian
         * @return the data set
         */
        public static Data parse(String name) {
            for (Data d : values()) {
                if (d.label().equals(name)) {
                    return d;
                }
            }
            throw Require.invalid("data", "must be moons, circles or gaussian, got " + name);
        }
    }

    /** The optimisers. */
    public enum Optimizer {
        /** Adam with PyTorch's defaults. */
        ADAM,
        /** Full-batch gradient descent. */
        SGD;

        /**
         * Parses a name.
         *
         * @param name adam or sgd
         * @return the optimiser
         */
        public static Optimizer parse(String name) {
            return switch (name) {
                case "adam" -> ADAM;
                case "sgd" -> SGD;
                default -> throw Require.invalid("optimizer", "must be adam or sgd, got " + name);
            };
        }
    }

    /**
     * The parameters of one run.
     *
     * @param data the data set
     * @param blocks K ≥ 1
     * @param hidden H ≥ 1
     * @param steps optimiser steps ≥ 0
     * @param seed the seed of data and initialisation
     * @param shared one velocity network for all blocks (true) or one per block
     * @param augment A ≥ 0 extra zero dimensions (0 for gaussian)
     * @param kinetic the kinetic-energy weight ≥ 0
     * @param jacobian the Jacobian Frobenius weight ≥ 0
     * @param lipschitz the bound L &gt; 0 on each Lip(v_k), or +∞ for none
     * @param targetMean m (gaussian), length 2
     * @param targetCovariance Σ = {Σxx, Σxy, Σyy} (gaussian), positive definite
     * @param optimizer Adam or SGD
     * @param learningRate η &gt; 0
     * @param samples P ≥ 2 training (and test) points
     */
    public record Parameters(Data data, int blocks, int hidden, long steps, long seed, boolean shared, int augment,
                             double kinetic, double jacobian, double lipschitz, double[] targetMean,
                             double[] targetCovariance, Optimizer optimizer, double learningRate, int samples) {

        /**
         * Validates.
         *
         * @param data the data set
         * @param blocks K ≥ 1
         * @param hidden H ≥ 1
         * @param steps steps ≥ 0
         * @param seed the seed
         * @param shared shared or per-block networks
         * @param augment A ≥ 0 (0 for gaussian)
         * @param kinetic ≥ 0
         * @param jacobian ≥ 0
         * @param lipschitz &gt; 0, +∞ for none
         * @param targetMean length 2, finite
         * @param targetCovariance positive definite {Σxx, Σxy, Σyy}
         * @param optimizer the optimiser
         * @param learningRate &gt; 0
         * @param samples ≥ 2
         */
        public Parameters {
            java.util.Objects.requireNonNull(data, "data");
            Require.atLeast("blocks", blocks, 1);
            Require.atLeast("hidden", hidden, 1);
            Require.atLeast("steps", steps, 0);
            Require.atLeast("augment", augment, 0);
            if (data == Data.GAUSSIAN && augment != 0) {
                throw Require.invalid("augment", "must be 0 for the gaussian transport (a map of the plane), got "
                        + augment);
            }
            Require.nonNegative("kinetic", kinetic);
            Require.nonNegative("jacobian", jacobian);
            if (!(lipschitz > 0)) {
                throw Require.invalid("lipschitz", "must be > 0, got " + lipschitz);
            }
            if (targetMean.length != 2 || !Double.isFinite(targetMean[0]) || !Double.isFinite(targetMean[1])) {
                throw Require.invalid("targetMean", "must be two finite numbers MX,MY, got "
                        + Arrays.toString(targetMean));
            }
            if (targetCovariance.length != 3) {
                throw Require.invalid("targetCovariance", "must be three numbers SXX,SXY,SYY, got "
                        + Arrays.toString(targetCovariance));
            }
            try {
                FlowData.cholesky(targetCovariance);
            } catch (IllegalArgumentException e) {
                throw Require.invalid("targetCovariance", "must be positive definite (SXX > 0, SXX*SYY > SXY^2), "
                        + "got " + Arrays.toString(targetCovariance));
            }
            java.util.Objects.requireNonNull(optimizer, "optimizer");
            Require.positive("learningRate", learningRate);
            Require.atLeast("samples", samples, 2);
            targetMean = targetMean.clone();
            targetCovariance = targetCovariance.clone();
        }

        /**
         * Defaults: shared, no augmentation, no regulariser, no bound, target N((1, 0), [[2, 0.5], [0.5, 1]]),
         * Adam, η = 10⁻², 1000 samples.
         *
         * @param data the data set
         * @param blocks K
         * @param hidden H
         * @param steps the steps
         * @param seed the seed
         * @return the parameters
         */
        public static Parameters of(Data data, int blocks, int hidden, long steps, long seed) {
            return new Parameters(data, blocks, hidden, steps, seed, true, 0, 0, 0, Double.POSITIVE_INFINITY,
                    new double[] {1, 0}, new double[] {2, 0.5, 1}, Optimizer.ADAM, 1e-2, 1000);
        }

        /**
         * @param a A
         * @return a copy with this augmentation
         */
        public Parameters withAugment(int a) {
            return new Parameters(data, blocks, hidden, steps, seed, shared, a, kinetic, jacobian, lipschitz,
                    targetMean, targetCovariance, optimizer, learningRate, samples);
        }

        /**
         * @param s shared
         * @return a copy with shared (true) or per-block (false) networks
         */
        public Parameters withShared(boolean s) {
            return new Parameters(data, blocks, hidden, steps, seed, s, augment, kinetic, jacobian, lipschitz,
                    targetMean, targetCovariance, optimizer, learningRate, samples);
        }

        /**
         * @param lambda the kinetic weight
         * @return a copy with it
         */
        public Parameters withKinetic(double lambda) {
            return new Parameters(data, blocks, hidden, steps, seed, shared, augment, lambda, jacobian, lipschitz,
                    targetMean, targetCovariance, optimizer, learningRate, samples);
        }

        /**
         * @param beta the Jacobian weight
         * @return a copy with it
         */
        public Parameters withJacobian(double beta) {
            return new Parameters(data, blocks, hidden, steps, seed, shared, augment, kinetic, beta, lipschitz,
                    targetMean, targetCovariance, optimizer, learningRate, samples);
        }

        /**
         * @param bound L
         * @return a copy with the bound Lip(v) ≤ L
         */
        public Parameters withLipschitz(double bound) {
            return new Parameters(data, blocks, hidden, steps, seed, shared, augment, kinetic, jacobian, bound,
                    targetMean, targetCovariance, optimizer, learningRate, samples);
        }

        /**
         * @param mean m
         * @param covariance Σ
         * @return a copy with this Gaussian target
         */
        public Parameters withTarget(double[] mean, double[] covariance) {
            return new Parameters(data, blocks, hidden, steps, seed, shared, augment, kinetic, jacobian, lipschitz,
                    mean, covariance, optimizer, learningRate, samples);
        }

        /**
         * @param o the optimiser
         * @param eta η
         * @return a copy with them
         */
        public Parameters withOptimizer(Optimizer o, double eta) {
            return new Parameters(data, blocks, hidden, steps, seed, shared, augment, kinetic, jacobian, lipschitz,
                    targetMean, targetCovariance, o, eta, samples);
        }

        /**
         * @param p P
         * @return a copy with P samples
         */
        public Parameters withSamples(int p) {
            return new Parameters(data, blocks, hidden, steps, seed, shared, augment, kinetic, jacobian, lipschitz,
                    targetMean, targetCovariance, optimizer, learningRate, p);
        }

        /**
         * @param s the steps
         * @return a copy with them
         */
        public Parameters withSteps(long s) {
            return new Parameters(data, blocks, hidden, s, seed, shared, augment, kinetic, jacobian, lipschitz,
                    targetMean, targetCovariance, optimizer, learningRate, samples);
        }

        /**
         * @param s the seed
         * @return a copy with it
         */
        public Parameters withSeed(long s) {
            return new Parameters(data, blocks, hidden, steps, s, shared, augment, kinetic, jacobian, lipschitz,
                    targetMean, targetCovariance, optimizer, learningRate, samples);
        }

        /** @return the state dimension D = 2 + A */
        public int dimension() {
            return 2 + augment;
        }

        /** @return the flow's architecture */
        public ResidualFlow flow() {
            return new ResidualFlow(dimension(), hidden, blocks, shared);
        }

        /** @return the training data (sources for gaussian) */
        public FlowData train() {
            return switch (data) {
                case MOONS -> FlowData.moons(samples, seed);
                case CIRCLES -> FlowData.circles(samples, seed);
                case GAUSSIAN -> FlowData.gaussian(samples, new double[2], new double[] {1, 0, 1}, seed);
            };
        }

        /** @return the test data (fresh sources for gaussian), seed + 1 */
        public FlowData test() {
            return switch (data) {
                case MOONS -> FlowData.moons(samples, seed + 1);
                case CIRCLES -> FlowData.circles(samples, seed + 1);
                case GAUSSIAN -> FlowData.gaussian(samples, new double[2], new double[] {1, 0, 1}, seed + 1);
            };
        }

        /** @return the target samples of the transport, seed + 2 */
        public FlowData targets() {
            return FlowData.gaussian(samples, targetMean, targetCovariance, seed + 2);
        }

        /** @return the training loss */
        public Model model() {
            ResidualFlow flow = flow();
            if (data == Data.GAUSSIAN) {
                return new FlowTransport(flow, train().points(), targets().points(),
                        Transport.directions(2, DIRECTIONS, seed), kinetic);
            }
            return new FlowClassifier(flow, train(), kinetic, jacobian);
        }

        /** @return the closed-form W₂² between N(0, I₂) and the target (gaussian), NaN otherwise */
        public double w2Squared() {
            return data == Data.GAUSSIAN ? Transport.standardToGaussian(targetMean, targetCovariance) : Double.NaN;
        }
    }

    /**
     * The result of a run.
     *
     * @param parameters the parameters
     * @param model the trained loss ({@link FlowClassifier} or {@link FlowTransport})
     * @param state the trained state (θ, and the read-out for a classifier)
     * @param loss the final loss
     * @param trainAccuracy the training accuracy (NaN for gaussian)
     * @param testAccuracy the test accuracy (NaN for gaussian)
     * @param kineticEnergy the mean kinetic energy over the test points
     * @param w2Squared the closed-form W₂² (gaussian), NaN otherwise
     * @param minJacobianDet the smallest Jacobian determinant on the grid
     * @param lipschitzUpper Π_k (1 + h ‖W₂‖ ‖W₁ₓ‖)
     * @param inverseError max over test points of |F⁻¹(F(x)) − x|
     */
    public record Result(Parameters parameters, Model model, double[] state, double loss, double trainAccuracy,
                         double testAccuracy, double kineticEnergy, double w2Squared, double minJacobianDet,
                         double lipschitzUpper, double inverseError) {

        /** @return the flow */
        public ResidualFlow flow() {
            return parameters.flow();
        }

        /** @return the test inputs padded to the flow's dimension */
        public double[][] testInputs() {
            return parameters.test().augmented(parameters.dimension());
        }
    }

    /**
     * Trains and measures.
     *
     * @param p the parameters
     * @param progress told of the training's progress (energy = loss), or null
     * @return the result
     */
    public static Result run(Parameters p, ProgressListener progress) {
        Model model = p.model();
        ResidualFlow flow = p.flow();
        double[] x0 = model instanceof FlowClassifier c ? c.initialState(p.seed())
                : flow.initialParameters(p.seed(), 0.1);
        Space space = Space.euclidean();
        if (Double.isFinite(p.lipschitz())) {
            flow.boundLipschitz(x0, p.lipschitz());
            space = flow.lipschitzBall(p.lipschitz());
        }
        double[] x = x0;
        if (p.steps() > 0) {
            var dynamics = p.optimizer() == Optimizer.ADAM
                    ? Dynamics.of(model, Adam.of(p.learningRate()))
                    : Dynamics.of(model, new GradientDescent(p.learningRate()));
            x = dynamics.space(space).seed(p.seed()).steps(p.steps()).progress(progress).run(x0).finalState();
        }
        double loss = model.energy(x);
        FlowData train = p.train();
        FlowData test = p.test();
        double[][] testInputs = test.augmented(p.dimension());
        double trainAcc = Double.NaN;
        double testAcc = Double.NaN;
        if (model instanceof FlowClassifier c) {
            trainAcc = c.accuracy(x, train);
            testAcc = c.accuracy(x, test);
        }
        double[][] grid = FlowObservables.grid(train.points(), GRID, 0.5, p.dimension());
        return new Result(p, model, x, loss, trainAcc, testAcc,
                FlowObservables.kineticEnergy(flow, x, testInputs), p.w2Squared(),
                FlowObservables.min(FlowObservables.jacobianDeterminants(flow, x, grid)),
                flow.lipschitzUpperBound(x), FlowObservables.inverseError(flow, x, testInputs));
    }

    /**
     * Tabulates results with the command line's columns
     * {@code data,blocks,augment,train_accuracy,test_accuracy,kinetic_energy,w2_squared,min_jacobian_det,
     * lipschitz_upper,inverse_error} (NaN where a value does not apply; the CSV writer leaves it empty).
     *
     * @param results the results
     * @return one row per result
     */
    public static Table table(List<Result> results) {
        StringColumn data = StringColumn.create("data");
        IntColumn blocks = IntColumn.create("blocks");
        IntColumn augment = IntColumn.create("augment");
        DoubleColumn trainAcc = DoubleColumn.create("train_accuracy");
        DoubleColumn testAcc = DoubleColumn.create("test_accuracy");
        DoubleColumn kinetic = DoubleColumn.create("kinetic_energy");
        DoubleColumn w2 = DoubleColumn.create("w2_squared");
        DoubleColumn det = DoubleColumn.create("min_jacobian_det");
        DoubleColumn lip = DoubleColumn.create("lipschitz_upper");
        DoubleColumn inv = DoubleColumn.create("inverse_error");
        for (Result r : results) {
            data.append(r.parameters().data().label());
            blocks.append(r.parameters().blocks());
            augment.append(r.parameters().augment());
            trainAcc.append(r.trainAccuracy());
            testAcc.append(r.testAccuracy());
            kinetic.append(r.kineticEnergy());
            w2.append(r.w2Squared());
            det.append(r.minJacobianDet());
            lip.append(r.lipschitzUpper());
            inv.append(r.inverseError());
        }
        return Table.create("resnet-flow", data, blocks, augment, trainAcc, testAcc, kinetic, w2, det, lip, inv);
    }
}
