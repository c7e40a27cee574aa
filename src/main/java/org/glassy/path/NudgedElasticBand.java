package org.glassy.path;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.random.RandomGenerator;

import org.glassy.core.ProductSpace;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.dynamics.BatchCursor;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientSource;
import org.glassy.dynamics.HeavyBall;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.Schedule;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;
import org.glassy.model.MultiStateModel;

/**
 * The nudged elastic band: relaxes the interior images of a {@link Chain} towards a minimum
 * energy path, whose highest point is the saddle between the endpoints (H. Jónsson, G. Mills and
 * K. W. Jacobsen 1998; G. Henkelman and H. Jónsson, J. Chem. Phys. 113, 9978 (2000); for networks
 * F. Draxler et al., "Essentially No Barriers in Neural Network Energy Landscape", ICML 2018).
 *
 * <p>Each step, for every interior image p_i with gradient g_i = ∇E(p_i) (projected on the space's
 * tangent plane) and unit path tangent τ_i:
 *
 * <pre>
 *   G_i = g_i − (g_i·τ_i) τ_i + k [(d_{i−1} − d̂_{i−1}) − (d_i − d̂_i)] τ_i,    d_i = |p_{i+1} − p_i|,
 *   v_i ← μ v_i + G_i,    p_i ← p_i − η(k) v_i   (then mapped back onto the space),
 * </pre>
 *
 * <p>with target lengths d̂ proportional to the chain's weights. The tangent is Henkelman and
 * Jónsson's improved tangent: towards the higher neighbour, and at a local extremum of E along the
 * chain a mix of both sides weighted by the energy differences, the larger weight on the side of
 * the higher neighbour (as in their paper; Draxler et al.'s code puts it on the lower side). The
 * momentum update is {@link HeavyBall}'s. With k = ∞ there is no spring
 * ({@link #string}, AutoNEB's setting): before every step the images are re-spaced along the
 * polyline to the target spacing instead (the string method). With a climbing image, during the
 * second half of the steps the highest interior image feels G = g − 2(g·τ)τ and no spring: it
 * climbs along the path to the saddle, and in string mode the images on either side of it are
 * re-spaced separately.
 *
 * <p>With mini-batches ({@link #withBatches}, for losses over training examples) every step
 * evaluates all images on the same mini-batch, so E_i in the tangent are batch losses; by default
 * gradients are exact, and then all interior images are evaluated in one call
 * ({@link MultiStateModel#energiesAndGradients(Model, double[], int, int, double[], double[])}):
 * for the p-spin one pass over the couplings per group of images instead of one per image.
 *
 * <p>A step rule over the whole band: the state holds the M images in one flat array of M·n
 * numbers (the product space {@link Space#power}), their velocities and energies; the endpoints
 * never move. {@link #relax} runs it through {@link Dynamics}, the one run loop. Time is counted in
 * steps.
 *
 * @param learningRate η(k)
 * @param steps the number of steps of a {@link #relax} (the climbing image starts at half of them), at least 0
 * @param springConstant k &gt; 0 with η k ≤ (1 + μ)/2 (the springs' stability limit), or
 *     {@link Double#POSITIVE_INFINITY} for re-spacing (the string method)
 * @param climbing whether the highest image climbs during the second half of the steps
 * @param momentum μ in [0, 1)
 * @param gradients exact gradients, or mini-batches
 * @param <M> the models it can relax: any {@link Model} with exact gradients, a {@link BatchModel}
 *     with mini-batches
 */
public record NudgedElasticBand<M extends Model>(Schedule learningRate, long steps, double springConstant,
                                                 boolean climbing, double momentum, GradientSource<M> gradients)
        implements StepRule<M, NudgedElasticBand.State> {

    /**
     * Validates the parameters, naming the offending one.
     *
     * @param learningRate η(k)
     * @param steps the number of steps
     * @param springConstant k
     * @param climbing whether the highest image climbs
     * @param momentum μ
     * @param gradients the gradient source
     */
    public NudgedElasticBand {
        Objects.requireNonNull(learningRate, "learningRate");
        Require.atLeast("steps", steps, 0);
        if (!(springConstant > 0)) {
            throw Require.invalid("springConstant", "must be > 0 (or infinite), got " + springConstant);
        }
        Require.unitInterval("momentum", momentum);
        Objects.requireNonNull(gradients, "gradients");
        if (springConstant < Double.POSITIVE_INFINITY && learningRate instanceof Schedule.Constant c
                && c.value() * springConstant > (1 + momentum) / 2) {
            // the springs couple neighbours like a discrete Laplacian, eigenvalues up to 4k: an explicit
            // (heavy-ball) step is stable only for η·4k < 2(1 + μ)
            throw Require.invalid("springConstant", "must be at most " + (1 + momentum) / (2 * c.value())
                    + " for a stable band (η k ≤ (1 + μ)/2 with η = " + c.value() + ", μ = " + momentum + "), got "
                    + springConstant);
        }
    }

    /**
     * The string method as AutoNEB runs it: no spring, images re-spaced before every step; exact
     * gradients, no momentum, no climbing image.
     *
     * @param learningRate η &gt; 0
     * @param steps the number of steps
     * @return the optimiser
     */
    public static NudgedElasticBand<Model> string(double learningRate, long steps) {
        return new NudgedElasticBand<>(Schedule.constant(learningRate), steps, Double.POSITIVE_INFINITY, false, 0,
                GradientSource.full());
    }

    /**
     * @param k the spring constant &gt; 0, or infinite for re-spacing
     * @return this optimiser with springs of constant k
     */
    public NudgedElasticBand<M> withSpring(double k) {
        return new NudgedElasticBand<>(learningRate, steps, k, climbing, momentum, gradients);
    }

    /** @return this optimiser with a climbing image during the second half of the steps */
    public NudgedElasticBand<M> withClimbingImage() {
        return new NudgedElasticBand<>(learningRate, steps, springConstant, true, momentum, gradients);
    }

    /**
     * @param mu the momentum in [0, 1)
     * @return this optimiser with heavy-ball momentum μ
     */
    public NudgedElasticBand<M> withMomentum(double mu) {
        return new NudgedElasticBand<>(learningRate, steps, springConstant, climbing, mu, gradients);
    }

    /**
     * @param schedule η(k)
     * @return this optimiser with that learning rate
     */
    public NudgedElasticBand<M> withLearningRate(Schedule schedule) {
        return new NudgedElasticBand<>(schedule, steps, springConstant, climbing, momentum, gradients);
    }

    /**
     * @param size the batch size B, at least 1
     * @return this optimiser on mini-batches of B examples (for a loss over training examples)
     */
    public NudgedElasticBand<BatchModel> withBatches(int size) {
        return new NudgedElasticBand<>(learningRate, steps, springConstant, climbing, momentum,
                GradientSource.miniBatches(size));
    }

    /**
     * The state of a band.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param coordinates the M images, image i at [i·n, (i+1)·n)
     * @param weights the target weights of the M − 1 segments
     * @param velocity the images' velocities (zero at the endpoints)
     * @param forces the projected NEB forces of the last step (scratch)
     * @param energies E of every image at the last step (batch losses with mini-batches)
     * @param scratch four work vectors of length n
     * @param climber the climbing image, or −1
     * @param batches the batch order (null for exact gradients)
     * @param energy the highest interior energy of the last step (NaN before the first)
     */
    public record State(double[] coordinates, double[] weights, double[] velocity, double[] forces,
                        double[] energies, double[][] scratch, int climber, BatchCursor batches, double energy)
            implements RunState {

        @Override
        public double[] position() {
            return coordinates;
        }

        /**
         * Returns the band as a chain.
         *
         * @return a new chain with the state's images and weights
         */
        public Chain chain() {
            return Chain.of(images(), weights);
        }

        private double[][] images() {
            int m = energies.length;
            int n = coordinates.length / m;
            double[][] images = new double[m][];
            for (int i = 0; i < m; i++) {
                images[i] = Arrays.copyOfRange(coordinates, i * n, (i + 1) * n);
            }
            return images;
        }
    }

    @Override
    public double timeStep() {
        return 1;
    }

    /**
     * Starts a band from a chain.
     *
     * @param model the energy; its dimension must be the chain's
     * @param space the space of the images; the endpoints must lie in it
     * @param chain the initial path; its endpoints stay fixed
     * @return the initial state
     */
    public State init(M model, Space space, Chain chain) {
        Objects.requireNonNull(chain, "chain");
        model.checkDimension("chain's images", chain.start());
        space.checkContains(chain.start());
        space.checkContains(chain.end());
        int n = chain.dimension();
        int m = chain.images();
        double[] energies = new double[m];
        BatchCursor batches = gradients.start(model);
        if (batches == null) {
            energies[0] = model.energy(chain.start());
            energies[m - 1] = model.energy(chain.end());
        }
        return new State(chain.coordinates(), chain.weights(), new double[m * n], new double[m * n], energies,
                new double[4][n], -1, batches, Double.NaN);
    }

    /**
     * Starts a band from its images in one flat array, with equal segment weights.
     *
     * @param model the energy
     * @param space the space of the images
     * @param x0 M ≥ 2 images of the model's dimension, image i at [i·n, (i+1)·n)
     * @return the initial state
     */
    @Override
    public State init(M model, Space space, double[] x0) {
        int m = Space.power(space, model.dimension()).images(x0);
        double[][] images = new double[m][];
        for (int i = 0; i < m; i++) {
            images[i] = Arrays.copyOfRange(x0, i * model.dimension(), (i + 1) * model.dimension());
        }
        return init(model, space, Chain.of(images));
    }

    @Override
    public State step(M model, Space space, State state, long step, RandomGenerator random) {
        double[] x = state.coordinates();
        double[] weights = state.weights();
        double[] energies = state.energies();
        double[] gradients = state.forces();
        int n = model.dimension();
        int m = energies.length;
        double[] image = state.scratch()[0];
        double[] gradient = state.scratch()[1];
        double[] tangent = state.scratch()[2];
        double[] scratch = state.scratch()[3];
        boolean spring = springConstant < Double.POSITIVE_INFINITY;
        double weightSum = Arrays.stream(weights).sum();
        int climber = climbing && step >= steps / 2 ? highestInterior(energies) : state.climber();
        if (!spring) {
            if (climber > 0) {
                Chain.redistribute(x, n, weights, 0, climber, space);
                Chain.redistribute(x, n, weights, climber, m - 1, space);
            } else {
                Chain.redistribute(x, n, weights, 0, m - 1, space);
            }
        }
        BatchCursor batch = this.gradients.next(state.batches(), random);
        if (batch != null) {
            for (int i : new int[] {0, m - 1}) {
                System.arraycopy(x, i * n, image, 0, n);
                energies[i] = this.gradients.energyAndGradient(model, image, batch, scratch);
            }
        }
        double highest = Double.NEGATIVE_INFINITY;
        if (batch == null) {
            // exact gradients: every interior image in one call (one pass over the p-spin's couplings per group)
            MultiStateModel.energiesAndGradients(model, x, 1, m - 2, energies, gradients);
        }
        for (int i = 1; i < m - 1; i++) {
            System.arraycopy(x, i * n, image, 0, n);
            if (batch == null) {
                System.arraycopy(gradients, i * n, gradient, 0, n);
            } else {
                energies[i] = this.gradients.energyAndGradient(model, image, batch, gradient);
            }
            highest = Math.max(highest, energies[i]);
            space.tangent(image, gradient);
            System.arraycopy(gradient, 0, gradients, i * n, n);
        }
        double[] lengths = Chain.segmentLengths(x, n, m);
        double total = Arrays.stream(lengths).sum();
        for (int i = 1; i < m - 1; i++) {
            System.arraycopy(x, i * n, image, 0, n);
            tangent(x, n, i, energies, tangent);
            space.tangent(image, tangent);
            double norm = Math.sqrt(dot(tangent, tangent));
            int offset = i * n;
            if (norm > 0) {
                for (int j = 0; j < n; j++) {
                    tangent[j] /= norm;
                }
                double along = 0;
                for (int j = 0; j < n; j++) {
                    along += gradients[offset + j] * tangent[j];
                }
                double coefficient = i == climber ? -2 * along : -along;
                if (spring && i != climber) {
                    double targetPrevious = weights[i - 1] / weightSum * total;
                    double targetNext = weights[i] / weightSum * total;
                    coefficient += springConstant
                            * ((lengths[i - 1] - targetPrevious) - (lengths[i] - targetNext));
                }
                for (int j = 0; j < n; j++) {
                    gradients[offset + j] += coefficient * tangent[j];
                }
            }
        }
        // all forces first, from the same chain; then every interior image moves
        HeavyBall.update(momentum, learningRate.at(step), state.velocity(), gradients, x, n, (m - 2) * n);
        ProductSpace band = Space.power(space, n);
        band.retract(x, 1, m - 1);
        return new State(x, weights, state.velocity(), gradients, energies, state.scratch(), climber, batch, highest);
    }

    /**
     * The energy recorded at a recording step: the highest exact energy of the interior images.
     *
     * @param model the energy
     * @param state the band
     * @return max over interior images of E(p_i)
     */
    @Override
    public double energy(M model, State state) {
        int n = model.dimension();
        int m = state.energies().length;
        double highest = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < m - 1; i++) {
            highest = Math.max(highest, model.energy(Arrays.copyOfRange(state.coordinates(), i * n, (i + 1) * n)));
        }
        return highest;
    }

    @Override
    public String stepSizeName() {
        return "learningRate";
    }

    /**
     * Relaxes a chain.
     *
     * @param model the energy; its dimension must be the chain's
     * @param space the space of the images (e.g. {@code Space.sphere()} for the p-spin); the
     *     endpoints must lie in it
     * @param chain the initial path; its endpoints stay fixed
     * @param seed the seed of the mini-batch order (unused with exact gradients)
     * @return the relaxed chain, with the same images count and weights
     */
    public Chain relax(M model, Space space, Chain chain, long seed) {
        return relax(model, space, chain, seed, null);
    }

    /**
     * Relaxes a chain for {@link #steps} steps of the run loop.
     *
     * @param model the energy; its dimension must be the chain's
     * @param space the space of the images
     * @param chain the initial path; its endpoints stay fixed
     * @param seed the seed of the mini-batch order
     * @param progress told about every percent (energy = the highest image's), or null
     * @return the relaxed chain
     * @throws org.glassy.core.NumericalInstabilityException if an energy stops being finite (η too large)
     * @throws CancellationException if the thread is interrupted
     */
    public Chain relax(M model, Space space, Chain chain, long seed, ProgressListener progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(space, "space");
        State initial = init(model, space, chain);
        if (chain.images() < 3 || steps == 0) {
            return chain;
        }
        State last = Dynamics.of(model, this).space(space).seed(seed).steps(steps).progress(progress)
                .runFrom(initial).state();
        return Chain.wrap(chain.dimension(), last.coordinates(), last.weights());
    }

    private static int highestInterior(double[] energies) {
        int best = 1;
        for (int i = 2; i < energies.length - 1; i++) {
            if (energies[i] > energies[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Henkelman and Jónsson's improved tangent at interior image i (not normalised): towards the
     * higher neighbour, or at an extremum τ⁺ ΔE_max + τ⁻ ΔE_min when the next image is higher
     * than the previous one (τ⁺ ΔE_min + τ⁻ ΔE_max otherwise), τ⁺ = p_{i+1} − p_i,
     * τ⁻ = p_i − p_{i−1}.
     */
    static void tangent(double[] x, int n, int i, double[] energies, double[] out) {
        double previous = energies[i - 1];
        double here = energies[i];
        double next = energies[i + 1];
        int a = (i - 1) * n;
        int b = i * n;
        int c = (i + 1) * n;
        double wPlus;
        double wMinus;
        if (next > here && here > previous) {
            wPlus = 1;
            wMinus = 0;
        } else if (next < here && here < previous) {
            wPlus = 0;
            wMinus = 1;
        } else {
            double dNext = Math.abs(next - here);
            double dPrevious = Math.abs(previous - here);
            double max = Math.max(dNext, dPrevious);
            double min = Math.min(dNext, dPrevious);
            if (max == 0) {
                wPlus = 1;
                wMinus = 1;
            } else if (next > previous) {
                wPlus = max;
                wMinus = min;
            } else {
                wPlus = min;
                wMinus = max;
            }
        }
        for (int j = 0; j < n; j++) {
            out[j] = wPlus * (x[c + j] - x[b + j]) + wMinus * (x[b + j] - x[a + j]);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
