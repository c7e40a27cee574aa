package org.glassy.path;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.Model;

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
 *   v_i ← μ v_i + G_i,    p_i ← p_i − η v_i   (then mapped back onto the space),
 * </pre>
 *
 * <p>with target lengths d̂ proportional to the chain's weights. The tangent is Henkelman and
 * Jónsson's improved tangent: towards the higher neighbour, and at a local extremum of E along the
 * chain a mix of both sides weighted by the energy differences, the larger weight on the side of
 * the higher neighbour (as in their paper; Draxler et al.'s code puts it on the lower side). With k = ∞ there is no spring
 * ({@link #string}, AutoNEB's setting): before every step the images are re-spaced along the
 * polyline to the target spacing instead (the string method). With a climbing image, during the
 * second half of the steps the highest interior image feels G = g − 2(g·τ)τ and no spring: it
 * climbs along the path to the saddle, and in string mode the images on either side of it are
 * re-spaced separately.
 *
 * <p>With a batch size B &gt; 0 (for losses over training examples) every step evaluates all
 * images on the same mini-batch, so E_i in the tangent are batch losses; B = 0 uses exact
 * gradients.
 *
 * @param learningRate η, finite and &gt; 0
 * @param steps the number of steps, at least 0
 * @param springConstant k &gt; 0, or {@link Double#POSITIVE_INFINITY} for re-spacing (the string method)
 * @param climbing whether the highest image climbs during the second half of the steps
 * @param momentum μ in [0, 1)
 * @param batchSize B: 0 for exact gradients, else at least 1 and at most the number of training examples
 */
public record NudgedElasticBand(double learningRate, long steps, double springConstant, boolean climbing,
                                double momentum, int batchSize) {

    private static final int INTERRUPT_CHECK_INTERVAL = 16;

    /**
     * Validates the parameters, naming the offending one.
     *
     * @param learningRate η
     * @param steps the number of steps
     * @param springConstant k
     * @param climbing whether the highest image climbs
     * @param momentum μ
     * @param batchSize B
     */
    public NudgedElasticBand {
        Require.positive("learningRate", learningRate);
        Require.atLeast("steps", steps, 0);
        if (!(springConstant > 0)) {
            throw new IllegalArgumentException("springConstant must be > 0 (or infinite), got " + springConstant);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
        }
        Require.atLeast("batchSize", batchSize, 0);
    }

    /**
     * The string method as AutoNEB runs it: no spring, images re-spaced before every step; exact
     * gradients, no momentum, no climbing image.
     *
     * @param learningRate η &gt; 0
     * @param steps the number of steps
     * @return the optimiser
     */
    public static NudgedElasticBand string(double learningRate, long steps) {
        return new NudgedElasticBand(learningRate, steps, Double.POSITIVE_INFINITY, false, 0, 0);
    }

    /**
     * @param k the spring constant &gt; 0, or infinite for re-spacing
     * @return this optimiser with springs of constant k
     */
    public NudgedElasticBand withSpring(double k) {
        return new NudgedElasticBand(learningRate, steps, k, climbing, momentum, batchSize);
    }

    /** @return this optimiser with a climbing image during the second half of the steps */
    public NudgedElasticBand withClimbingImage() {
        return new NudgedElasticBand(learningRate, steps, springConstant, true, momentum, batchSize);
    }

    /**
     * @param mu the momentum in [0, 1)
     * @return this optimiser with heavy-ball momentum μ
     */
    public NudgedElasticBand withMomentum(double mu) {
        return new NudgedElasticBand(learningRate, steps, springConstant, climbing, mu, batchSize);
    }

    /**
     * @param size the batch size, 0 for exact gradients
     * @return this optimiser on mini-batches of that size
     */
    public NudgedElasticBand withBatchSize(int size) {
        return new NudgedElasticBand(learningRate, steps, springConstant, climbing, momentum, size);
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
    public Chain relax(Model model, Space space, Chain chain, long seed) {
        return relax(model, space, chain, seed, null);
    }

    /**
     * Relaxes a chain, reporting progress.
     *
     * @param model the energy; its dimension must be the chain's
     * @param space the space of the images
     * @param chain the initial path; its endpoints stay fixed
     * @param seed the seed of the mini-batch order
     * @param progress told about every percent (time = step, energy = the highest image's), or null
     * @return the relaxed chain
     * @throws ArithmeticException if an energy stops being finite (η too large)
     * @throws CancellationException if the thread is interrupted
     */
    public Chain relax(Model model, Space space, Chain chain, long seed, ProgressListener progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(chain, "chain");
        int n = chain.dimension();
        model.checkDimension("chain's images", chain.start());
        space.checkContains(chain.start());
        space.checkContains(chain.end());
        int m = chain.images();
        double[] x = chain.coordinates();
        double[] weights = chain.weights();
        if (m < 3 || steps == 0) {
            return Chain.wrap(n, x, weights);
        }
        Batches batches = Batches.of(model, batchSize);
        SplittableRandom random = new SplittableRandom(seed);
        double[] energies = new double[m];
        double[] gradients = new double[m * n];
        double[] velocity = new double[m * n];
        double[] image = new double[n];
        double[] gradient = new double[n];
        double[] tangent = new double[n];
        double[] scratch = new double[n];
        if (batches == null) {
            energies[0] = model.energy(chain.start());
            energies[m - 1] = model.energy(chain.end());
        }
        boolean spring = springConstant < Double.POSITIVE_INFINITY;
        double weightSum = Arrays.stream(weights).sum();
        long climbFrom = climbing ? steps / 2 : Long.MAX_VALUE;
        long reportEvery = Math.max(1, steps / 100);
        int climber = -1;
        for (long step = 0; step < steps; step++) {
            if (step >= climbFrom) {
                climber = highestInterior(energies);
            }
            if (!spring) {
                if (climber > 0) {
                    Chain.redistribute(x, n, weights, 0, climber, space);
                    Chain.redistribute(x, n, weights, climber, m - 1, space);
                } else {
                    Chain.redistribute(x, n, weights, 0, m - 1, space);
                }
            }
            if (batches != null) {
                batches.next(random);
                for (int i : new int[] {0, m - 1}) {
                    System.arraycopy(x, i * n, image, 0, n);
                    energies[i] = batches.energyAndGradient(image, scratch);
                }
            }
            for (int i = 1; i < m - 1; i++) {
                System.arraycopy(x, i * n, image, 0, n);
                double e = batches == null ? model.energyAndGradient(image, gradient)
                        : batches.energyAndGradient(image, gradient);
                if (!Double.isFinite(e)) {
                    throw new ArithmeticException("energy of image " + i + " became " + e + " at step " + step
                            + " of the nudged elastic band: reduce the learning rate " + learningRate);
                }
                energies[i] = e;
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
            // all forces first, from the same chain; then every image moves
            for (int i = 1; i < m - 1; i++) {
                int offset = i * n;
                System.arraycopy(x, offset, image, 0, n);
                for (int j = 0; j < n; j++) {
                    velocity[offset + j] = momentum * velocity[offset + j] + gradients[offset + j];
                    image[j] -= learningRate * velocity[offset + j];
                }
                space.retract(image);
                System.arraycopy(image, 0, x, offset, n);
            }
            if (progress != null && step % reportEvery == 0) {
                progress.progress(step, steps, step, energies[highestInterior(energies)]);
            }
            if (step % INTERRUPT_CHECK_INTERVAL == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("nudged elastic band interrupted at step " + step + " of " + steps);
            }
        }
        if (progress != null) {
            progress.progress(steps, steps, steps, energies[highestInterior(energies)]);
        }
        return Chain.wrap(n, x, weights);
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
