package org.glassy.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

import org.glassy.core.LogTimes;
import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Mean-field (N → ∞) Langevin dynamics of the spherical p-spin after a quench from a random
 * (T = ∞) start: the Cugliandolo–Kurchan equations for the correlation C(t,t'), the response
 * R(t,t') and the Lagrange multiplier μ(t), integrated by one of two solvers behind one entry point,
 * {@link #solve(Parameters)}.
 *
 * <p>Physics normalisation, covariance N f(q) with f(q) = q^p/2, energies per spin. For t &gt; t'
 * <pre>
 * ∂_t C(t,t') = −μ(t) C(t,t') + ∫_0^t ds f''(C(t,s)) R(t,s) C(s,t') + ∫_0^{t'} ds f'(C(t,s)) R(t',s)
 * ∂_t R(t,t') = −μ(t) R(t,t') + ∫_{t'}^t ds f''(C(t,s)) R(t,s) R(s,t')
 * μ(t) = T + ∫_0^t ds [f'(C) + f''(C) C](t,s) R(t,s),   e(t) = −∫_0^t ds f'(C(t,s)) R(t,s)
 * </pre>
 * with C(t,t) = 1, R(t,t) = 0, R(t⁺,t) = 1, so that μ(t) = T − p e(t).
 *
 * <p><b>One API.</b> A {@link Parameters} record (built by {@link Parameters#builder(int, double, double)})
 * holds p, T, the step h, the final time, the {@link Solver}, the decimating solver's budget of stored times,
 * the output density and the waiting times, all times in the units of t (the final time and every waiting time
 * a multiple of h). Both solvers return the same {@link Solution}: a table {@code time, energy, mu} on
 * log-spaced times from 0 to t_max and a table {@code tw, t, correlation, response, integrated_response} of the
 * aging functions C(t_w + t, t_w), R(t_w + t, t_w) and χ(t_w + t, t_w) = ∫_{t_w}^{t_w + t} R(t_w + t, s) ds on
 * log-spaced lags, the same rows for the same parameters, in the order they
 * complete (by t_w + t, then in the order of the waiting times); select rows by value. A {@link Rows} listener
 * receives each row as soon as it is final, for writers that must not lose finished rows.
 *
 * <p><b>{@link Solver#FIXED_GRID}</b>, the reference (the simplest fixed-grid scheme, as in Sarao Mannelli and
 * Urbani's {@code 2-p-spin_fixed_grid.cpp}): grid t_i = i h; explicit Euler in t; trapezoid rule in s with
 * weights (1/2, 1/2), the diagonal entering with R(t_i,t_i) = 0; after each step C(t_{i+1},t_{i+1}) = 1,
 * R(t_{i+1},t_{i+1}) = 0 and R(t_{i+1},t_i) = 1. The scheme is first order in h: the energy at finite
 * temperature carries an O(h) error (at T = 0.7, p = 3, e(40) moves by ≈ 0.0036 per halving of h from
 * h = 0.05), so finite-temperature work needs h ≤ 0.0125 or Richardson extrapolation. Memory is two lower
 * triangles of N_t(N_t+1)/2 doubles, the cost O(N_t³) (N_t = t/h, at most {@link #MAX_FIXED_GRID_STEPS}).
 *
 * <p><b>{@link Solver#DECIMATING}</b> (the default) reaches long times (t = 10⁴ at T = 0 in seconds) in bounded
 * memory, a Kim–Latz-type algorithm with second-order steps. The response enters through the integrated response
 * F(t,t') = ∫_{t'}^t R(t,s) ds, which obeys ∂_t F(t,t') = 1 − μ(t) F(t,t') + ∫_{t'}^t du f''(C(t,u)) R(t,u)
 * F(u,t'), F(t,t) = 0. On each interval [s_m, s_{m+1}] between stored times, the response weight is exact,
 * F(t,s_m) − F(t,s_{m+1}), whatever the interval's length, and a function that varies fast inside the interval
 * (C(s, s_j) and F(s, s_j) for s near s_j, where they drop on the fast time scale) enters through its interval
 * mean, integrating by parts where the fast factor is differentiated (the idea of Kim and Latz, Europhys. Lett.
 * 53, 660 (2001)). The means are set by the trapezoid rule when an interval is created (one step h long) and are
 * merged exactly, weighted by length, when a stored time is dropped, so no information is lost to coarsening
 * except the shape inside an interval. Stored are times s at multiples of the largest power of 2 below
 * min(s, t − s)/K (in steps), i.e. about K per factor 2 of distance from the start and from the present — dense
 * where the aging functions vary, near both ends — and the waiting times asked for (so asking for waiting times
 * changes the stored grid, and the energies by the decimation error); the rule only coarsens as t grows. K is
 * the largest power of 2 keeping at most {@code gridPoints} times at t_max. The present is advanced by Heun's
 * predictor–corrector with the fixed step h (second order in h). Cost O(stored²) per step, i.e. about linear
 * in t. The two solvers agree where both run (tested after extrapolating the fixed grid to h → 0).
 *
 * <p><b>Stability.</b> Both schemes are explicit: a step too large for μ (h μ of order 1) makes the solution
 * oscillate and grow. Every new time is checked against the laws of the continuum equations: |C| ≤ 1
 * (Cauchy–Schwarz on the sphere), −√(p/2) ≤ e(t) ≤ 0 (the ground state lies above −√(f'(1)) by Sudakov–Fernique
 * comparison with a linear field; after a quench from T = ∞ the energy never exceeds its initial 0), hence
 * T ≤ μ(t) ≤ T + p√(p/2), and finite values; each bound is widened by round-off (10⁻⁹) for the fixed grid and by
 * 10⁻² for the decimating solver, whose interval means let C exceed 1 by up to 5·10⁻⁴ in valid runs. A violation
 * stops the run with an {@link IllegalArgumentException} whose message starts with
 * {@code step must be smaller than}. (A too large step of the decimating solver at T = 0 can also settle, stably,
 * on a wrong solution inside these ranges, e.g. p = 3 at h = 0.4: keep h μ well below 1, as the defaults do.)
 *
 * <p>L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993); A. Crisanti and
 * H.-J. Sommers, Z. Phys. B 87, 341 (1992); T. Castellani and A. Cavagna, J. Stat. Mech. (2005)
 * P05012; B. Kim and A. Latz, Europhys. Lett. 53, 660 (2001).
 */
public final class CugliandoloKurchan {

    /** The largest number of time steps of the fixed-grid solver (memory 8 N_t² bytes, ≈ 2.1 GB at the limit). */
    public static final int MAX_FIXED_GRID_STEPS = 16_384;

    /** The default time step h. */
    public static final double DEFAULT_STEP = 0.1;

    /** The default budget of stored times of the decimating solver. */
    public static final int DEFAULT_GRID_POINTS = 256;

    /** The default number of log-spaced output rows per decade of steps. */
    public static final int DEFAULT_PER_DECADE = 10;

    /** The name of {@link Solution#energy()}. */
    static final String ENERGY_TABLE = "cugliandolo-kurchan";

    /** The name of {@link Solution#aging()}. */
    static final String AGING_TABLE = "cugliandolo-kurchan-aging";

    /** The relative round-off allowed when a time must be a multiple of the step. */
    private static final double MULTIPLE_TOLERANCE = 1e-9;

    private CugliandoloKurchan() {
    }

    /** Which integrator {@link #solve(Parameters)} runs; both return the same tables. */
    public enum Solver {
        /**
         * Second-order (Heun) steps on a decimated set of at most {@code gridPoints} stored times: memory
         * bounded whatever t_max, the choice for long times.
         */
        DECIMATING,
        /**
         * The first-order reference on the whole grid t_i = i h: cost O(N_t³), memory 8 N_t² bytes, at most
         * {@link #MAX_FIXED_GRID_STEPS} steps.
         */
        FIXED_GRID
    }

    /**
     * What to integrate and what to record. Build with {@link #builder(int, double, double)}.
     *
     * @param p the interaction order, at least 2
     * @param temperature the bath temperature T ≥ 0 after the quench
     * @param step the time step h &gt; 0 (kept fixed for the whole run)
     * @param time the final time t_max, a multiple of {@code step} (within relative 10⁻⁹), at least one step; at
     *     most {@link #MAX_FIXED_GRID_STEPS} steps for {@link Solver#FIXED_GRID}
     * @param solver the integrator
     * @param gridPoints the budget of stored times of {@link Solver#DECIMATING}, at least 16 (checked for both
     *     solvers): the density of the decimated grid (stored times per factor 2 of distance from either end of
     *     [0, t]) is the largest power of 2 that keeps at most {@code gridPoints} times at t_max, so memory, 40
     *     bytes per pair of stored times, is bounded by 40 gridPoints² bytes whatever t_max (plus two times per
     *     waiting time); a budget too small even for one stored time per factor 2 is rejected by
     *     {@link #solve(Parameters)}
     * @param perDecade log-spaced output rows per decade of steps (of times and of lags), at least 1
     * @param waitingTimes the waiting times t_w of the aging table, each a multiple of {@code step} in
     *     [0, t_max − h]; may be empty
     */
    public record Parameters(int p, double temperature, double step, double time, Solver solver, int gridPoints,
                             int perDecade, List<Double> waitingTimes) {

        /**
         * Validates the parameters; every message names the offending parameter and its allowed range.
         *
         * @param p the interaction order, at least 2
         * @param temperature the bath temperature T ≥ 0
         * @param step the time step h &gt; 0
         * @param time the final time, a multiple of {@code step}, at least {@code step}
         * @param solver the integrator, not null
         * @param gridPoints the budget of stored times, at least 16
         * @param perDecade output rows per decade, at least 1
         * @param waitingTimes the waiting times, multiples of {@code step} in [0, t_max − h]; copied
         */
        public Parameters {
            Require.atLeast("p", p, 2);
            Require.nonNegative("temperature", temperature);
            Require.positive("step", step);
            Require.positive("time", time);
            long steps = multipleOfStep("time", time, step);
            if (steps < 1) {
                throw Require.invalid("time", "must be >= step = " + step + ", got " + time);
            }
            Objects.requireNonNull(solver, "solver");
            if (solver == Solver.FIXED_GRID && steps > MAX_FIXED_GRID_STEPS) {
                throw Require.invalid("time", "must lie in [step, " + MAX_FIXED_GRID_STEPS + "·step] = [" + step
                        + ", " + MAX_FIXED_GRID_STEPS * step + "] for the fixed-grid solver, got " + time);
            }
            Require.atLeast("gridPoints", gridPoints, 16);
            Require.atLeast("perDecade", perDecade, 1);
            waitingTimes = List.copyOf(waitingTimes);
            for (double tw : waitingTimes) {
                if (!(tw >= 0) || Math.round(tw / step) >= steps) {
                    throw Require.invalid("waitingTimes", "must lie in [0, " + (steps - 1) * step
                            + "] (t_max − step), got " + tw);
                }
                multipleOfStep("waitingTimes", tw, step);
            }
        }

        /**
         * Starts parameters with the required values; the step defaults to {@link #DEFAULT_STEP}, the solver to
         * {@link Solver#DECIMATING}, the budget to {@link #DEFAULT_GRID_POINTS}, the output density to
         * {@link #DEFAULT_PER_DECADE}, the waiting times to none.
         *
         * @param p the interaction order, at least 2
         * @param temperature the bath temperature T ≥ 0
         * @param time the final time, a multiple of the step
         * @return a builder
         */
        public static Builder builder(int p, double temperature, double time) {
            return new Builder(p, temperature, time);
        }

        /**
         * A builder holding these parameters, to change some of them.
         *
         * @return a builder with every value of this record
         */
        public Builder toBuilder() {
            return new Builder(p, temperature, time).step(step).solver(solver).gridPoints(gridPoints)
                    .perDecade(perDecade).waitingTimes(waitingTimes.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /**
         * The number of time steps N_t.
         *
         * @return round(time / step), at least 1
         */
        public long steps() {
            return (long) Math.rint(time / step);
        }

        /**
         * The estimated heap of a run: for the fixed grid the two triangles of C and R, 16 · (N_t + 1)(N_t + 2)/2
         * bytes; for the decimating solver five square arrays over the stored times, 40 · (gridPoints + 2 |t_w| +
         * 4)² bytes.
         *
         * @return the bytes
         */
        public double bytes() {
            double size = steps() + 1.0;
            if (solver == Solver.FIXED_GRID) {
                return 16 * size * (size + 1) / 2;
            }
            double stored = gridPoints + 2.0 * waitingTimes.size() + 4;
            return 40 * stored * stored;
        }

        /**
         * The estimated work of a run: for the fixed grid two passes over the triangles per step, about
         * 2 N_t³/3 multiply–adds in all; for the decimating solver about 10 stored² multiply–adds per step,
         * 10 N_t min(gridPoints, N_t)².
         *
         * @return the operations
         */
        public double operations() {
            double n = steps();
            if (solver == Solver.FIXED_GRID) {
                return 2 * n * n * n / 3;
            }
            double stored = Math.min(gridPoints, n + 1);
            return 10 * n * stored * stored;
        }

        /**
         * Checks, before anything is allocated, that the run fits this JVM's heap (naming {@code gridPoints} for
         * the decimating solver, {@code time} for the fixed grid) and the bound on work (naming {@code time});
         * {@link CugliandoloKurchan#solve(Parameters, ProgressListener, Rows)} calls it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            String what = solver == Solver.FIXED_GRID
                    ? "two triangles of " + Resources.count(steps() + 1.0) + " grid times"
                    : "five square arrays over at most " + gridPoints + " stored times";
            Resources.requireMemory(solver == Solver.FIXED_GRID ? "time" : "gridPoints", bytes(), what);
            Resources.requireWork("time", operations(), Resources.count(steps()) + " steps of the "
                    + (solver == Solver.FIXED_GRID ? "fixed grid, cost ∝ steps³" : "decimating solver"));
        }

        /** Builds {@link Parameters}: the required values first, optional knobs by name, validated once. */
        public static final class Builder {

            private final int p;
            private final double temperature;
            private final double time;
            private double step = DEFAULT_STEP;
            private Solver solver = Solver.DECIMATING;
            private int gridPoints = DEFAULT_GRID_POINTS;
            private int perDecade = DEFAULT_PER_DECADE;
            private double[] waitingTimes = new double[0];
            private int logSpacedWaitingTimes;

            private Builder(int p, double temperature, double time) {
                this.p = p;
                this.temperature = temperature;
                this.time = time;
            }

            /**
             * Sets the time step.
             *
             * @param step h &gt; 0, with the final time and the waiting times multiples of it
             * @return this builder
             */
            public Builder step(double step) {
                this.step = step;
                return this;
            }

            /**
             * Sets the integrator.
             *
             * @param solver {@link Solver#DECIMATING} or {@link Solver#FIXED_GRID}
             * @return this builder
             */
            public Builder solver(Solver solver) {
                this.solver = solver;
                return this;
            }

            /**
             * Sets the budget of stored times of the decimating solver.
             *
             * @param gridPoints at least 16
             * @return this builder
             */
            public Builder gridPoints(int gridPoints) {
                this.gridPoints = gridPoints;
                return this;
            }

            /**
             * Sets the output density.
             *
             * @param perDecade log-spaced rows per decade of steps, at least 1
             * @return this builder
             */
            public Builder perDecade(int perDecade) {
                this.perDecade = perDecade;
                return this;
            }

            /**
             * Sets the waiting times of the aging table (replacing any set before).
             *
             * @param waitingTimes times t_w, each a multiple of the step in [0, t_max − h]
             * @return this builder
             */
            public Builder waitingTimes(double... waitingTimes) {
                this.waitingTimes = waitingTimes.clone();
                this.logSpacedWaitingTimes = 0;
                return this;
            }

            /**
             * Asks for {@code count} waiting times log-spaced (rounded to whole steps) from t = 1, or one step if
             * that is longer, to half the run, replacing any set before; a run of one step gets t_w = 0 only, and
             * when the two ends coincide or {@code count} is 1 the one waiting time is half the run.
             *
             * @param count the number of waiting times, at least 1 (fewer result when steps coincide)
             * @return this builder
             */
            public Builder logSpacedWaitingTimes(int count) {
                Require.atLeast("waitingTimes", count, 1);
                this.logSpacedWaitingTimes = count;
                this.waitingTimes = new double[0];
                return this;
            }

            /**
             * Validates and builds the parameters.
             *
             * @return the parameters
             * @throws IllegalArgumentException naming the offending parameter and its allowed range
             */
            public Parameters build() {
                Parameters parameters = new Parameters(p, temperature, step, time, solver, gridPoints, perDecade,
                        boxed(waitingTimes));
                if (logSpacedWaitingTimes == 0) {
                    return parameters;
                }
                long[] steps = logSpacedSteps(parameters.steps(), logSpacedWaitingTimes);
                double[] times = new double[steps.length];
                for (int k = 0; k < steps.length; k++) {
                    times[k] = steps[k] * step;
                }
                return new Parameters(p, temperature, step, time, solver, gridPoints, perDecade, boxed(times));
            }

            /** Waiting times in steps: log-spaced from t = 1 (at least one step) to half the run. */
            private long[] logSpacedSteps(long steps, int count) {
                long last = Math.max(steps / 2, 1);
                if (last >= steps) {
                    return new long[] {0};
                }
                long first = Math.min(Math.max(Math.round(1 / step), 1), last);
                return count == 1 || first == last ? new long[] {last} : LogTimes.geometric(first, last, count);
            }

            private static List<Double> boxed(double[] values) {
                List<Double> list = new ArrayList<>(values.length);
                for (double v : values) {
                    list.add(v);
                }
                return list;
            }
        }
    }

    /**
     * Receives the rows of a solution as soon as they are final, in the order they complete: at each step, the
     * energy row of that time (if it is an output time), then the aging rows with t_w + t at that time, in the
     * order of the waiting times. A writer that prints each row as it arrives keeps every finished row when the
     * run stops early (an interrupt, an unstable step).
     */
    public interface Rows {

        /**
         * A row of {@link Solution#energy()}.
         *
         * @param time t
         * @param energy e(t)
         * @param mu μ(t)
         */
        void energy(double time, double energy, double mu);

        /**
         * A row of {@link Solution#aging()}.
         *
         * @param tw the waiting time t_w
         * @param t the lag t
         * @param correlation C(t_w + t, t_w)
         * @param response R(t_w + t, t_w)
         * @param integratedResponse χ(t_w + t, t_w) = ∫_{t_w}^{t_w + t} R(t_w + t, s) ds, the response to a field
         *     switched on at t_w
         */
        void aging(double tw, double t, double correlation, double response, double integratedResponse);
    }

    /** A listener that ignores every row. */
    static final Rows NO_ROWS = new Rows() {
        @Override
        public void energy(double time, double energy, double mu) {
        }

        @Override
        public void aging(double tw, double t, double correlation, double response, double integratedResponse) {
        }
    };

    /**
     * Integrates the equations from t = 0 to the final time with the chosen solver.
     *
     * @param parameters p, T, h, t_max, the solver, its budget, the output density and the waiting times
     * @return e(t), μ(t) and the aging functions, in the same tables for both solvers
     * @throws IllegalArgumentException whose message starts with {@code gridPoints} if the decimating solver's
     *     budget cannot reach t_max, or with {@code step must be smaller than} if the step proves unstable (the
     *     solution leaves its physical range)
     */
    public static Solution solve(Parameters parameters) {
        return solve(parameters, null, NO_ROWS);
    }

    /**
     * Integrates the equations, reporting progress and handing each row on as soon as it is final. The thread's
     * interrupt is checked at every step: an interrupted run stops with a {@link CancellationException} after
     * the rows of the steps done.
     *
     * @param parameters p, T, h, t_max, the solver, its budget, the output density and the waiting times
     * @param progress told of the step, the time and the energy per spin at every step, or null
     * @param rows receives every row of both tables, in the order rows complete
     * @return e(t), μ(t) and the aging functions, in the same tables for both solvers (rows in the order they
     *     complete)
     * @throws IllegalArgumentException as {@link #solve(Parameters)}, and if the run needs more memory or work
     *     than {@link Parameters#requireResources()} allows
     * @throws CancellationException if the thread is interrupted
     */
    public static Solution solve(Parameters parameters, ProgressListener progress, Rows rows) {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(rows, "rows");
        parameters.requireResources();
        return switch (parameters.solver()) {
            case DECIMATING -> new DecimatingSolver(parameters).run(progress, rows);
            case FIXED_GRID -> FixedGrid.integrate(parameters, progress, rows).solution();
        };
    }

    /** Throws if the thread is interrupted: the solvers call it at every step. */
    /**
     * The spiked matrix–tensor extension ({@link org.glassy.model.SpikedMatrixTensor}): the covariance f is replaced
     * by Q(x) = x²/(2Δ2) + x^p/(p Δp) and a signal overlap m(t) enters (Sarao Mannelli, Biroli, Cammarota, Krzakala,
     * Urbani, Zdeborová, PRX 10, 011057 (2020), arXiv:1812.09066; the T = 0 equations as in the authors'
     * {@code sphinxteam/spiked_matrix-tensor_T0/2p_planted_policy_fixed_T0_clean.cpp}). For t &gt; t′
     * <pre>
     * ∂_t C(t,t′) = −μ C + Q′(m(t)) m(t′) + ∫_0^t Q″(C(t,s)) R(t,s) C(s,t′) ds + ∫_0^{t′} Q′(C(t,s)) R(t′,s) ds
     * ∂_t R(t,t′) = −μ R + ∫_{t′}^t Q″(C(t,s)) R(t,s) R(s,t′) ds
     * ∂_t m(t)    = −μ m + Q′(m) + ∫_0^t Q″(C(t,s)) R(t,s) m(s) ds
     * μ(t) = T + m Q′(m) + ∫_0^t R(t,s) [Q′(C) + C Q″(C)] ds,   e(t) = −Q(m) − ∫_0^t R(t,s) Q′(C(t,s)) ds
     * </pre>
     * with Q′(x) = x/Δ2 + x^{p−1}/Δp, Q″(x) = 1/Δ2 + (p − 1) x^{p−2}/Δp. With 1/Δ2 = 0, Δp = 2/p and m(0) = 0 these
     * are the pure p-spin equations above (Q = f) and m stays 0.
     *
     * @param inverseDelta2 the matrix signal-to-noise ratio 1/Δ2 ≥ 0 (0: no matrix)
     * @param deltap the tensor noise variance Δp &gt; 0
     * @param startOverlap m(0), in [−1, 1]
     */
    public record Signal(double inverseDelta2, double deltap, double startOverlap) {

        /**
         * Validates, naming the offending parameter.
         *
         * @param inverseDelta2 1/Δ2 ≥ 0
         * @param deltap Δp &gt; 0
         * @param startOverlap m(0) in [−1, 1]
         */
        public Signal {
            Require.nonNegative("delta2", inverseDelta2);
            Require.positive("deltap", deltap);
            if (!(Math.abs(startOverlap) <= 1)) {
                throw Require.invalid("startOverlap", "must lie in [-1, 1], got " + startOverlap);
            }
        }

        /**
         * The signal of a matrix noise variance Δ2 (+∞ for no matrix).
         *
         * @param delta2 Δ2 &gt; 0 or +∞
         * @param deltap Δp &gt; 0
         * @param startOverlap m(0)
         * @return the signal
         */
        public static Signal of(double delta2, double deltap, double startOverlap) {
            if (!(delta2 > 0)) {
                throw Require.invalid("delta2", "must be > 0 (or inf for no matrix), got " + delta2);
            }
            return new Signal(1 / delta2, deltap, startOverlap);
        }

        /** Q(x) = x²/(2Δ2) + x^p/(p Δp). */
        double q(int p, double x) {
            return 0.5 * inverseDelta2 * x * x + Math.pow(x, p) / (p * deltap);
        }

        /** Q′(x) = x/Δ2 + x^{p−1}/Δp. */
        double qPrime(int p, double x) {
            return inverseDelta2 * x + Math.pow(x, p - 1) / deltap;
        }

        /** Q″(x) = 1/Δ2 + (p − 1) x^{p−2}/Δp. */
        double qSecond(int p, double x) {
            return inverseDelta2 + (p - 1) * Math.pow(x, p - 2) / deltap;
        }

        /**
         * The lowest energy per variable the dynamics can reach: the noise part is above −√Q′(1) (Sudakov–Fernique,
         * as for the p-spin) and the signal part above −Q(1).
         */
        double lowestEnergy(int p) {
            return -Math.sqrt(qPrime(p, 1)) - q(p, 1);
        }
    }

    /**
     * Solves the spiked matrix–tensor equations ({@link Signal}) with the parameters' solver and returns the table
     * {@code time, energy, mu, overlap} on log-spaced times from 0 to t_max ({@code perDecade} per decade). Both
     * solvers carry the signal: the fixed grid (the reference) by explicit Euler, the decimating solver by its Heun
     * step with m(s) entering each interval of the memory integral by the trapezoid rule.
     *
     * @param parameters p, T, h, t_max and the output density (waiting times are ignored)
     * @param signal Q and m(0)
     * @param progress told of every step, or null
     * @return the table
     * @throws IllegalArgumentException naming {@code step} if the integration is unstable
     */
    public static Table solve(Parameters parameters, Signal signal, ProgressListener progress) {
        Objects.requireNonNull(signal, "signal");
        parameters.requireResources();
        if (parameters.solver() == Solver.DECIMATING) {
            DecimatingSolver solver = new DecimatingSolver(parameters, signal);
            Table table = solver.run(progress, NO_ROWS).energy().copy();
            return table.addColumns(solver.overlapRows());
        }
        FixedGrid grid = FixedGrid.integrate(parameters, signal, progress, null);
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn energy = DoubleColumn.create("energy");
        DoubleColumn mu = DoubleColumn.create("mu");
        DoubleColumn overlap = DoubleColumn.create("overlap");
        for (long i : LogTimes.upTo(parameters.steps(), parameters.perDecade())) {
            int k = (int) i;
            time.append(grid.time(k));
            energy.append(grid.energy(k));
            mu.append(grid.mu(k));
            overlap.append(grid.overlap(k));
        }
        return Table.create(ENERGY_TABLE, time, energy, mu, overlap);
    }

    /**
     * The first time the signal overlap m(t) of the spiked equations ({@link Signal}) reaches {@code level}: the
     * convergence time of gradient flow (T = 0) or Langevin dynamics towards the signal. The decimating solver stops
     * there; the fixed grid integrates to t_max and scans its steps. Within the step where m crosses the level the
     * time is interpolated linearly.
     *
     * @param parameters p, T, h and t_max (the output density and waiting times are ignored)
     * @param signal Q and m(0)
     * @param level the level of m, in (−1, 1]
     * @param progress told of every step, or null
     * @return the first t with m(t) = level, 0 if m(0) ≥ level, {@link Double#POSITIVE_INFINITY} if m stays below
     *     it up to t_max
     * @throws IllegalArgumentException naming {@code level} outside (−1, 1], or {@code step} if the integration is
     *     unstable
     */
    public static double passageTime(Parameters parameters, Signal signal, double level, ProgressListener progress) {
        Objects.requireNonNull(signal, "signal");
        if (!(level > -1 && level <= 1)) {
            throw Require.invalid("level", "must lie in (-1, 1], got " + level);
        }
        parameters.requireResources();
        if (parameters.solver() == Solver.DECIMATING) {
            return new DecimatingSolver(parameters, signal).passageTime(level, progress);
        }
        FixedGrid grid = FixedGrid.integrate(parameters, signal, progress, null);
        if (grid.overlap(0) >= level) {
            return 0;
        }
        for (int k = 1; k <= parameters.steps(); k++) {
            double m = grid.overlap(k);
            if (m >= level) {
                double before = grid.overlap(k - 1);
                return grid.time(k - 1) + (level - before) / (m - before) * (grid.time(k) - grid.time(k - 1));
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    static void checkInterrupt(long step, long total, double time) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("run interrupted at step " + step + " of " + total + " (t = " + time
                    + "); rows handed on so far were kept");
        }
    }

    /**
     * The output of {@link #solve(Parameters)}, the same shape for both solvers.
     *
     * @param parameters the parameters of the run
     * @param energy columns {@code time, energy, mu} on log-spaced times ({@code perDecade} per decade of steps)
     *     from t = 0 (e = 0, μ = T) to t_max, with e(t) = −∫_0^t f'(C(t,s)) R(t,s) ds and μ(t) = T − p e(t)
     * @param aging columns {@code tw, t, correlation, response, integrated_response}: C(t_w + t, t_w),
     *     R(t_w + t, t_w) and χ(t_w + t, t_w) = ∫_{t_w}^{t_w + t} R(t_w + t, s) ds for each waiting time and
     *     log-spaced lags t from h to t_max − t_w; R is the grid value for the fixed grid, and for the decimating
     *     solver the difference quotient [F(t_w + t, t_w) − F(t_w + t, t_w + h)]/h, the response at t_w + h/2 to
     *     O(h²); χ is the decimating solver's integrated response F(t_w + t, t_w), and for the fixed grid the
     *     trapezoid rule over the grid values of R, with R(t⁻, t) = 1 at the upper end. χ against C is the
     *     fluctuation–dissipation plot: χ = (1 − C)/T in equilibrium (T &gt; T_d), and below T_d, for t_w → ∞,
     *     (1 − C)/T down to the plateau q_EA and a straight line of slope −x/T below it, x = (p − 2)(1 − q_EA)/q_EA
     *     (Cugliandolo and Kurchan 1993); no rows without waiting times
     * @param storedTimes the largest number of times held in memory at once (N_t + 1 for the fixed grid)
     */
    public record Solution(Parameters parameters, Table energy, Table aging, int storedTimes) {

        /**
         * Checks the tables' columns.
         *
         * @param parameters the parameters of the run, not null
         * @param energy columns {@code time, energy, mu}
         * @param aging columns {@code tw, t, correlation, response, integrated_response}
         * @param storedTimes the largest number of stored times
         */
        public Solution {
            Objects.requireNonNull(parameters, "parameters");
            if (!energy.columnNames().equals(List.of("time", "energy", "mu"))
                    || !aging.columnNames().equals(List.of("tw", "t", "correlation", "response",
                    "integrated_response"))) {
                throw new IllegalArgumentException("unexpected columns " + energy.columnNames() + ", " + aging.columnNames());
            }
        }

        /**
         * The energy per spin at the last time, e(t_max).
         *
         * @return e(t_max)
         */
        public double finalEnergy() {
            return energy.doubleColumn("energy").get(energy.rowCount() - 1);
        }

        /**
         * The memory of the stored two-time arrays: for the decimating solver C, F and three arrays of interval
         * means, 40 · storedTimes² bytes; for the fixed grid the two triangles of C and R, 8 · storedTimes ·
         * (storedTimes + 1) bytes.
         *
         * @return the bytes of the two-time arrays
         */
        public long bytes() {
            return parameters.solver() == Solver.DECIMATING ? 40L * storedTimes * storedTimes
                    : 8L * storedTimes * (storedTimes + 1);
        }
    }

    /**
     * The number of steps in a time that must be a multiple of the step (within relative 10⁻⁹ of the time).
     *
     * @return round(value / step)
     */
    private static long multipleOfStep(String name, double value, double step) {
        double steps = Math.rint(value / step);
        if (Math.abs(value - steps * step) > MULTIPLE_TOLERANCE * Math.abs(value)) {
            throw Require.invalid(name, "must be a multiple of step = " + step + ", got " + value);
        }
        return (long) steps;
    }
}
