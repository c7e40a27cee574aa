package org.glassy.study.spiked;

import java.util.SplittableRandom;

import org.glassy.core.LogTimes;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.dynamics.CheckpointPolicy;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.dynamics.StepRule;
import org.glassy.dynamics.Trajectory;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.model.SpikedMatrixTensor;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Gradient flow (T = 0) or Langevin dynamics at temperature T of the spiked matrix–tensor model
 * ({@link SpikedMatrixTensor}) on the sphere |σ|² = N, through the core run loop: σ̇ = −∇_⊥H(σ) (+ √(2T) noise),
 * Euler steps of size dt re-normalised to the sphere. Records the energy per variable and the overlap with the
 * signal m = σ·x* / N (its absolute value when p is even, where σ → −σ is a symmetry of H) on log-spaced times.
 *
 * <p>The start is uniform on the sphere (m(0) of order 1/√N) or, with a start overlap m₀, σ(0) = m₀ x* +
 * √(1 − m₀²) u with u uniform on the sphere orthogonal to x*, so m(0) = m₀ exactly. Studies: S. Sarao Mannelli,
 * F. Krzakala, P. Urbani, L. Zdeborová, "Passed &amp; Spurious", ICML 2019 (arXiv:1902.00139); Sarao Mannelli et al.,
 * "Who is afraid of big bad minima?", NeurIPS 2019 (arXiv:1907.08226), where gradient flow finds the signal for
 * 1/Δ2 above {@link org.glassy.theory.SpikedThreshold}.
 */
public final class SpikedGradientFlow {

    private SpikedGradientFlow() {
    }

    /**
     * The parameters of a run; build with {@link #builder()} (ten fields).
     *
     * @param p the tensor order, in [2, {@value PSpinSpherical#MAX_P}]
     * @param n the number of variables N, at least p
     * @param delta2 the matrix noise variance Δ2 &gt; 0, or +∞ for no matrix
     * @param deltap the tensor noise variance Δp &gt; 0
     * @param time the final time, at least dt
     * @param dt the time step, &gt; 0
     * @param seed the seed of signal, noise, start and Langevin noise
     * @param temperature the temperature T ≥ 0 (0: gradient flow)
     * @param startOverlap the start overlap m₀ in [−1, 1], or NaN for a uniform random start
     * @param recordsPerDecade log-spaced rows per decade of time, at least 1
     */
    public record Parameters(int p, int n, double delta2, double deltap, double time, double dt, long seed,
                             double temperature, double startOverlap, int recordsPerDecade) {

        /**
         * Validates every field, naming the offending one.
         *
         * @param p the tensor order
         * @param n the number of variables N
         * @param delta2 Δ2, or +∞ for no matrix
         * @param deltap Δp
         * @param time the final time
         * @param dt the time step
         * @param seed the seed
         * @param temperature the temperature T
         * @param startOverlap the start overlap m₀, or NaN for a random start
         * @param recordsPerDecade rows per decade
         */
        public Parameters {
            PSpinSpherical.requireOrder(p);
            Require.atLeast("n", n, p);
            SpikedMatrixTensor.requireDelta2(delta2);
            Require.positive("deltap", deltap);
            Require.positive("dt", dt);
            Require.positive("time", time);
            Require.nonNegative("temperature", temperature);
            if (!Double.isNaN(startOverlap) && !(startOverlap >= -1 && startOverlap <= 1)) {
                throw Require.invalid("startOverlap", "must lie in [-1, 1], got " + startOverlap);
            }
            Require.atLeast("recordsPerDecade", recordsPerDecade, 1);
            if (time < dt) {
                throw Require.invalid("time", "must be >= dt = " + dt + ", got " + time);
            }
            if (time / dt > 1e12) {
                throw Require.invalid("time", "must be at most 1e12 dt, got " + time / dt + " steps");
            }
        }

        /** @return the number of steps, round(time/dt), at least 1 */
        public long steps() {
            return Math.max(1, Math.round(time / dt));
        }

        /** @return the log-spaced recorded steps, from 0 to {@link #steps()} */
        public long[] recordSteps() {
            return LogTimes.upTo(steps(), recordsPerDecade);
        }

        /** @return gradient descent (monotone, stops naming dt on a rise) at T = 0, Langevin otherwise */
        public StepRule<Model, ?> rule() {
            return temperature == 0 ? GradientDescent.monotone(dt) : new Langevin(temperature, dt);
        }

        /** @return the multiply–adds of the run, steps × (p C(N, p) + 2 C(N, 2)) */
        public double operations() {
            return steps() * (PSpinSpherical.operationsPerGradient(p, n)
                    + (Double.isInfinite(delta2) ? 0 : PSpinSpherical.operationsPerGradient(2, n)));
        }

        /** Refuses, naming n or time, a run whose couplings do not fit or whose work exceeds the limit. */
        public void requireResources() {
            PSpinSpherical.requireStorable(p, n);
            Resources.requireWork("time", operations(), Resources.count(steps()) + " steps of "
                    + Resources.count(operations() / steps()) + " multiply-adds");
        }

        /** @return a new builder */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder: p, n, delta2, deltap, time, dt and seed are required. */
        public static final class Builder {
            private Integer p;
            private Integer n;
            private Double delta2;
            private Double deltap;
            private Double time;
            private Double dt;
            private Long seed;
            private double temperature;
            private double startOverlap = Double.NaN;
            private int recordsPerDecade = 10;

            private Builder() {
            }

            /**
             * @param value the tensor order p
             * @return this
             */
            public Builder p(int value) {
                p = value;
                return this;
            }

            /**
             * @param value the number of variables N
             * @return this
             */
            public Builder n(int value) {
                n = value;
                return this;
            }

            /**
             * @param value Δ2 (+∞: no matrix)
             * @return this
             */
            public Builder delta2(double value) {
                delta2 = value;
                return this;
            }

            /**
             * @param value Δp
             * @return this
             */
            public Builder deltap(double value) {
                deltap = value;
                return this;
            }

            /**
             * @param value the final time
             * @return this
             */
            public Builder time(double value) {
                time = value;
                return this;
            }

            /**
             * @param value the time step
             * @return this
             */
            public Builder dt(double value) {
                dt = value;
                return this;
            }

            /**
             * @param value the seed
             * @return this
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value the temperature (default 0, gradient flow)
             * @return this
             */
            public Builder temperature(double value) {
                temperature = value;
                return this;
            }

            /**
             * @param value the start overlap m₀ (default NaN, a random start)
             * @return this
             */
            public Builder startOverlap(double value) {
                startOverlap = value;
                return this;
            }

            /**
             * @param value rows per decade (default 10)
             * @return this
             */
            public Builder recordsPerDecade(int value) {
                recordsPerDecade = value;
                return this;
            }

            /** @return the validated parameters */
            public Parameters build() {
                return new Parameters(Require.given("p", p), Require.given("n", n), Require.given("delta2", delta2),
                        Require.given("deltap", deltap), Require.given("time", time), Require.given("dt", dt),
                        Require.given("seed", seed), temperature, startOverlap, recordsPerDecade);
            }
        }
    }

    /**
     * The instance of a run: the first seed drawn from {@code parameters.seed()}.
     *
     * @param parameters the run
     * @return the model
     */
    public static SpikedMatrixTensor model(Parameters parameters) {
        parameters.requireResources();
        return new SpikedMatrixTensor(parameters.p(), parameters.n(), parameters.delta2(), parameters.deltap(),
                new SplittableRandom(parameters.seed()).nextLong());
    }

    /**
     * The reported overlap: m = σ·x* / N, taken positive when p is even (σ → −σ is then a symmetry of H).
     *
     * @param model the instance
     * @param x a state
     * @return the overlap
     */
    public static double overlap(SpikedMatrixTensor model, double[] x) {
        double m = model.overlap(x);
        return model.p() % 2 == 0 ? Math.abs(m) : m;
    }

    /**
     * The start: uniform on the sphere, or with overlap exactly m₀ (see the class comment).
     *
     * @param model the instance
     * @param startOverlap m₀, or NaN for uniform
     * @param seed the seed
     * @return σ(0), |σ(0)|² = N
     */
    public static double[] start(SpikedMatrixTensor model, double startOverlap, long seed) {
        int n = model.dimension();
        double[] u = Sphere.randomPoint(n, seed);
        if (Double.isNaN(startOverlap)) {
            return u;
        }
        double[] signal = model.signal();
        double m = model.overlap(u);
        double norm = 0;
        for (int i = 0; i < n; i++) {
            u[i] -= m * signal[i];
            norm += u[i] * u[i];
        }
        double scale = Math.sqrt((1 - startOverlap * startOverlap) * n / norm);
        for (int i = 0; i < n; i++) {
            u[i] = startOverlap * signal[i] + scale * u[i];
        }
        return u;
    }

    /**
     * Runs the dynamics on {@code model} (from {@link #model}); handlers are called at the recorded steps.
     *
     * @param parameters the run
     * @param model the instance, from {@link #model(Parameters)}
     * @param progress progress listener, or null
     * @param checkpoint checkpointing, or null
     * @param handlers called at every recorded step
     * @return the trajectory
     */
    public static Trajectory<?> run(Parameters parameters, SpikedMatrixTensor model, ProgressListener progress,
                                    CheckpointPolicy checkpoint, StepHandler... handlers) {
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        seeds.nextLong(); // the instance
        long initial = seeds.nextLong();
        long noise = seeds.nextLong();
        var dynamics = Dynamics.of(model, parameters.rule())
                .space(Space.sphere())
                .seed(noise)
                .steps(parameters.steps())
                .record(parameters.recordSteps(), handlers)
                .progress(progress);
        return CheckpointPolicy.apply(checkpoint, dynamics).run(start(model, parameters.startOverlap(), initial));
    }

    /**
     * One run as a table with columns time, energy (per variable) and overlap, on the recorded steps.
     *
     * @param parameters the run
     * @return the table, named after the parameters
     */
    public static Table curves(Parameters parameters) {
        SpikedMatrixTensor model = model(parameters);
        long[] steps = parameters.recordSteps();
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn energy = DoubleColumn.create("energy");
        DoubleColumn overlap = DoubleColumn.create("overlap");
        run(parameters, model, null, null, (step, t, x, e) -> {
            time.append(t);
            energy.append(e / x.length);
            overlap.append(overlap(model, x));
        });
        return Table.create(model.toString(), time, energy, overlap);
    }

    /** The overlap |m| at the final time above which a run counts as a success: {@value}. */
    public static final double SUCCESS_OVERLAP = 0.5;

    /**
     * One run reduced to its end, the task of a success-rate sweep: one row {@code overlap, energy, success} with
     * the final overlap (as in {@link #curves}), the final energy per variable and success = 1 if |m| ≥
     * {@value #SUCCESS_OVERLAP} at the final time, else 0 (|m| because for odd p the flow may also end in the mirror
     * state m &lt; 0, the signal up to its sign). The mean of {@code success} over instances is the success rate of
     * Sarao Mannelli et al.'s finite-N simulations; only the final state is kept (no rows on the way).
     *
     * @param parameters the run
     * @return the one-row table
     */
    public static Table finalState(Parameters parameters) {
        SpikedMatrixTensor model = model(parameters);
        long last = parameters.steps();
        double[] end = new double[2];
        run(parameters, model, null, null, (step, t, x, e) -> {
            if (step == last) {
                end[0] = overlap(model, x);
                end[1] = e / x.length;
            }
        });
        return Table.create(model.toString(), DoubleColumn.create("overlap", end[0]),
                DoubleColumn.create("energy", end[1]),
                DoubleColumn.create("success", Math.abs(end[0]) >= SUCCESS_OVERLAP ? 1.0 : 0.0));
    }
}
