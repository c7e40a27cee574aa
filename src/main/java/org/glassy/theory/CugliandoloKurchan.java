package org.glassy.theory;

import org.glassy.core.LogTimes;
import org.glassy.internal.DotAxpy;
import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Mean-field (N → ∞) Langevin dynamics of the spherical p-spin after a quench from a random
 * (T = ∞) start: the Cugliandolo–Kurchan equations for the correlation C(t,t'), the response
 * R(t,t') and the Lagrange multiplier μ(t), integrated on a fixed grid.
 *
 * <p>Physics normalisation, covariance N f(q) with f(q) = q^p/2, energies per spin. For t &gt; t'
 * <pre>
 * ∂_t C(t,t') = −μ(t) C(t,t') + ∫_0^t ds f''(C(t,s)) R(t,s) C(s,t') + ∫_0^{t'} ds f'(C(t,s)) R(t',s)
 * ∂_t R(t,t') = −μ(t) R(t,t') + ∫_{t'}^t ds f''(C(t,s)) R(t,s) R(s,t')
 * μ(t) = T + ∫_0^t ds [f'(C) + f''(C) C](t,s) R(t,s),   e(t) = −∫_0^t ds f'(C(t,s)) R(t,s)
 * </pre>
 * with C(t,t) = 1, R(t,t) = 0, R(t⁺,t) = 1, so that μ(t) = T − p e(t).
 *
 * <p>Discretisation (the simplest fixed-grid scheme, as in Sarao Mannelli and Urbani's
 * {@code 2-p-spin_fixed_grid.cpp}): grid t_i = i h; explicit Euler in t; trapezoid rule in s with
 * weights (1/2, 1/2), the diagonal entering with R(t_i,t_i) = 0; after each step C(t_{i+1},t_{i+1}) = 1,
 * R(t_{i+1},t_{i+1}) = 0 and R(t_{i+1},t_i) = 1. The scheme is first order in h: the energy at
 * finite temperature carries an O(h) error (at T = 0.7, p = 3, e(40) moves by ≈ 0.0036 per halving
 * of h from h = 0.05), so finite-temperature work needs h ≤ 0.0125 or Richardson extrapolation.
 * Memory is two lower triangles of N_t(N_t+1)/2 doubles, the cost O(N_t³) (N_t = t/h).
 * {@link #solveLong(LongParameters, int, double...)} reaches long times (t = 10⁴ at T = 0 in seconds) in bounded
 * memory by decimating the stored past (Kim–Latz-type), with second-order steps; this fixed-grid solver is its
 * reference, and the two agree where both run (tested after extrapolating the fixed grid to h → 0).
 *
 * <p>L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993); A. Crisanti and
 * H.-J. Sommers, Z. Phys. B 87, 341 (1992); T. Castellani and A. Cavagna, J. Stat. Mech. (2005)
 * P05012.
 */
public final class CugliandoloKurchan {

    /** The largest number of time steps accepted (memory 8 N_t² bytes, ≈ 2.1 GB at the limit). */
    public static final int MAX_STEPS = 16_384;

    private CugliandoloKurchan() {
    }

    /**
     * What to integrate.
     *
     * @param p the interaction order, at least 2
     * @param temperature the bath temperature T ≥ 0 after the quench
     * @param step the grid step h &gt; 0
     * @param time the final time t_max &gt; 0, rounded to the nearest multiple of {@code step}; at
     *     least one and at most {@link #MAX_STEPS} steps
     */
    public record Parameters(int p, double temperature, double step, double time) {

        /**
         * Validates the parameters.
         *
         * @param p the interaction order, at least 2
         * @param temperature the bath temperature T ≥ 0
         * @param step the grid step h &gt; 0
         * @param time the final time, between {@code step} and {@link #MAX_STEPS}·{@code step}
         */
        public Parameters {
            Require.atLeast("p", p, 2);
            Require.nonNegative("temperature", temperature);
            Require.positive("step", step);
            Require.positive("time", time);
            double steps = Math.rint(time / step);
            if (steps < 1 || steps > MAX_STEPS) {
                throw new IllegalArgumentException("time must lie in [step, " + MAX_STEPS + "·step] = [" + step + ", "
                        + MAX_STEPS * step + "], got " + time);
            }
        }

        /**
         * The number of grid steps N_t.
         *
         * @return round(time / step), in [1, {@link #MAX_STEPS}]
         */
        public int steps() {
            return (int) Math.rint(time / step);
        }
    }

    /**
     * Integrates the equations from t = 0 to the final time.
     *
     * @param parameters p, T, h and t_max
     * @return the solution on the grid t_i = i h, i = 0 … N_t
     */
    public static Solution solve(Parameters parameters) {
        final int p = parameters.p();
        final double h = parameters.step();
        final double temperature = parameters.temperature();
        final int n = parameters.steps();
        final int size = n + 1;
        double[] c = new double[triangle(size)];
        double[] r = new double[triangle(size)];
        double[] mu = new double[size];
        double[] energy = new double[size];
        double[] a = new double[size];   // h w_s f''(C(t_i,s)) R(t_i,s)
        double[] d = new double[size];   // h w_s f'(C(t_i,s))
        double[] cAxpy = new double[size];
        double[] rAxpy = new double[size];
        double[] dots = new double[size];
        DotAxpy kernel = DotAxpy.INSTANCE;
        final double fp = 0.5 * p;
        final double fpp = 0.5 * p * (p - 1);
        c[0] = 1;
        for (int i = 0; i <= n; i++) {
            int row = triangle(i);
            double sum = 0;
            for (int s = 0; s < i; s++) {
                double cs = c[row + s];
                double cp2 = power(cs, p - 2);
                double weight = s == 0 ? 0.5 * h : h;
                double rs = r[row + s];
                a[s] = weight * fpp * cp2 * rs;
                d[s] = weight * fp * cp2 * cs;
                sum += d[s] * rs;
            }
            a[i] = 0;   // R(t_i, t_i) = 0 (and R(t_j, t_i) = 0 for j ≤ i)
            d[i] = 0;
            energy[i] = -sum;
            mu[i] = temperature - p * energy[i];
            if (i == n) {
                break;
            }
            // One pass over rows q ≤ i of both triangles (the cost is memory traffic):
            //   dot[q]     = Σ_{s < q} a_s C(q,s) + d_s R(q,s)       (integrals with s < t_j = t_q)
            //   cAxpy[j]  += a_q C(q,j), rAxpy[j] += a_q R(q,j), j ≤ q  (integrals with s ≥ t_j)
            java.util.Arrays.fill(cAxpy, 0, i + 1, 0);
            java.util.Arrays.fill(rAxpy, 0, i + 1, 0);
            for (int q = 0; q <= i; q++) {
                int rq = triangle(q);
                double aq = a[q];
                dots[q] = kernel.apply(c, rq, a, cAxpy, 0, q, aq) + kernel.apply(r, rq, d, rAxpy, 0, q, aq);
                cAxpy[q] += aq;   // C(q,q) = 1, R(q,q) = 0
            }
            int next = triangle(i + 1);
            double m = mu[i];
            for (int j = 0; j <= i; j++) {
                double cij = c[row + j];
                double rij = r[row + j];
                c[next + j] = cij + h * (-m * cij + cAxpy[j] + dots[j]);
                r[next + j] = rij + h * (-m * rij + rAxpy[j]);
            }
            c[next + i + 1] = 1;
            r[next + i] = 1;
            r[next + i + 1] = 0;
        }
        return new Solution(parameters, c, r, mu, energy);
    }

    /**
     * What to integrate with the long-time solver {@link #solveLong(LongParameters, int, double...)}.
     *
     * @param p the interaction order, at least 2
     * @param temperature the bath temperature T ≥ 0 after the quench
     * @param step the time step h &gt; 0 (kept fixed for the whole run)
     * @param time the final time t_max, rounded to the nearest multiple of {@code step}; at least one step
     * @param gridPoints the budget of stored times, at least 16: the density of the decimated grid (stored times per
     *     factor 2 of distance from either end of [0, t]) is the largest power of 2 that keeps at most
     *     {@code gridPoints} times at t_max, so memory, 40 bytes per pair of stored times, is bounded by
     *     40 gridPoints² bytes whatever t_max (plus two times per waiting time); a budget too small even for one
     *     stored time per factor 2 is rejected by the solver
     */
    public record LongParameters(int p, double temperature, double step, double time, int gridPoints) {

        /**
         * Validates the parameters.
         *
         * @param p the interaction order, at least 2
         * @param temperature the bath temperature T ≥ 0
         * @param step the time step h &gt; 0
         * @param time the final time, at least {@code step}
         * @param gridPoints the budget of stored times, at least 16
         */
        public LongParameters {
            Require.atLeast("p", p, 2);
            Require.nonNegative("temperature", temperature);
            Require.positive("step", step);
            Require.positive("time", time);
            Require.atLeast("gridPoints", gridPoints, 16);
            if (Math.rint(time / step) < 1) {
                throw new IllegalArgumentException("time must be >= step = " + step + ", got " + time);
            }
        }

        /**
         * The number of time steps.
         *
         * @return round(time / step), at least 1
         */
        public long steps() {
            return (long) Math.rint(time / step);
        }
    }

    /**
     * Integrates the same equations to long times in bounded memory, on a decimated set of stored times
     * (a Kim–Latz-type algorithm), with second-order steps.
     *
     * <p>The response enters through the integrated response F(t,t') = ∫_{t'}^t R(t,s) ds, which obeys
     * ∂_t F(t,t') = 1 − μ(t) F(t,t') + ∫_{t'}^t du f''(C(t,u)) R(t,u) F(u,t'), F(t,t) = 0. On each interval
     * [s_m, s_{m+1}] between stored times, the response weight is exact, F(t,s_m) − F(t,s_{m+1}), whatever the
     * interval's length, and a function that varies fast inside the interval (C(s, s_j) and F(s, s_j) for s near
     * s_j, where they drop on the fast time scale) enters through its interval mean, integrating by parts where the
     * fast factor is differentiated (the idea of Kim and Latz, Europhys. Lett. 53, 660 (2001)). The means are set by
     * the trapezoid rule when an interval is created (one step h long) and are merged exactly, weighted by length,
     * when a stored time is dropped, so no information is lost to coarsening except the shape inside an interval.
     * Stored are times s at multiples of the largest power of 2 below min(s, t − s)/K (in steps), i.e. about K
     * per factor 2 of distance from the start and from the present — dense where the aging functions vary, near
     * both ends — and the waiting times asked for; the rule only coarsens as t grows. K is the largest power of 2
     * keeping at most {@code gridPoints} times at t_max. The present is advanced by Heun's predictor–corrector with
     * the fixed step h (second order in h). Cost O(stored²) per step, i.e. about linear in t.
     *
     * @param parameters p, T, h, t_max and the budget of stored times
     * @param perDecade log-spaced output points per decade of steps (of times and of lags), at least 1
     * @param waitingTimes the waiting times t_w of the aging functions, each in [0, t_max − h]
     * @return e(t), μ(t) and the aging functions C(t_w + t, t_w), R(t_w + t, t_w)
     */
    public static LongSolution solveLong(LongParameters parameters, int perDecade, double... waitingTimes) {
        return new DecimatingSolver(parameters, perDecade, waitingTimes).run();
    }

    /**
     * The output of {@link #solveLong(LongParameters, int, double...)}: tables recorded during the run.
     *
     * @param parameters the parameters of the run
     * @param energy columns {@code time, energy, mu} on log-spaced times from t = 0 to t_max, with
     *     e(t) = −∫_0^t f'(C(t,s)) R(t,s) ds and μ(t) = T − p e(t)
     * @param aging columns {@code tw, t, correlation, response}: C(t_w + t, t_w) and R(t_w + t, t_w) for log-spaced
     *     lags t from h to t_max − t_w, where R is the difference quotient [F(t_w + t, t_w) − F(t_w + t, t_w + h)]/h,
     *     the response at t_w + h/2 to O(h²)
     * @param storedTimes the largest number of times held in memory at once
     */
    public record LongSolution(LongParameters parameters, Table energy, Table aging, int storedTimes) {

        /**
         * Checks the tables' columns.
         *
         * @param parameters the parameters of the run
         * @param energy columns {@code time, energy, mu}
         * @param aging columns {@code tw, t, correlation, response}
         * @param storedTimes the largest number of stored times
         */
        public LongSolution {
            java.util.Objects.requireNonNull(parameters, "parameters");
            if (!energy.columnNames().equals(java.util.List.of("time", "energy", "mu"))
                    || !aging.columnNames().equals(java.util.List.of("tw", "t", "correlation", "response"))) {
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
         * The memory of the stored two-time arrays (C, F and three arrays of interval means).
         *
         * @return 40 · storedTimes² bytes
         */
        public long bytes() {
            return 40L * storedTimes * storedTimes;
        }
    }

    private static int triangle(int i) {
        return i * (i + 1) / 2;
    }

    private static double power(double x, int k) {
        double y = 1;
        for (int e = 0; e < k; e++) {
            y *= x;
        }
        return y;
    }

    /**
     * C, R, μ and e on the grid t_i = i h, i = 0 … N_t. Immutable; safe to share between threads.
     */
    public static final class Solution {

        private final Parameters parameters;
        private final double[] c;
        private final double[] r;
        private final double[] mu;
        private final double[] energy;

        private Solution(Parameters parameters, double[] c, double[] r, double[] mu, double[] energy) {
            this.parameters = parameters;
            this.c = c;
            this.r = r;
            this.mu = mu;
            this.energy = energy;
        }

        /**
         * The parameters of the run.
         *
         * @return p, T, h and t_max
         */
        public Parameters parameters() {
            return parameters;
        }

        /**
         * The number of steps N_t; grid indices run from 0 to N_t.
         *
         * @return N_t
         */
        public int steps() {
            return parameters.steps();
        }

        /**
         * The grid time t_i = i h.
         *
         * @param i a grid index in [0, N_t]
         * @return i h
         */
        public double time(int i) {
            return index(i) * parameters.step();
        }

        /**
         * The grid index nearest to a time.
         *
         * @param time a time in [0, N_t h]
         * @return round(time / h)
         */
        public int indexOf(double time) {
            Require.nonNegative("time", time);
            long i = Math.round(time / parameters.step());
            if (i > steps()) {
                throw new IllegalArgumentException("time must be <= " + steps() * parameters.step() + ", got " + time);
            }
            return (int) i;
        }

        /**
         * The energy per spin e(t_i) = −∫_0^{t_i} f'(C(t_i,s)) R(t_i,s) ds (trapezoid).
         *
         * @param i a grid index in [0, N_t]
         * @return e(t_i); 0 at i = 0 (random start)
         */
        public double energy(int i) {
            return energy[index(i)];
        }

        /**
         * The Lagrange multiplier of the spherical constraint, μ(t_i) = T − p e(t_i).
         *
         * @param i a grid index in [0, N_t]
         * @return μ(t_i)
         */
        public double mu(int i) {
            return mu[index(i)];
        }

        /**
         * The two-time correlation C(t_i, t_j), symmetric, with C(t,t) = 1.
         *
         * @param i a grid index in [0, N_t]
         * @param j a grid index in [0, N_t]
         * @return C(t_i, t_j)
         */
        public double correlation(int i, int j) {
            int hi = Math.max(index(i), index(j));
            return c[triangle(hi) + Math.min(i, j)];
        }

        /**
         * The response R(t_i, t_j) to a field at t_j; 0 for i ≤ j, R(t_{j+1}, t_j) = 1.
         *
         * @param i the observation index in [0, N_t]
         * @param j the perturbation index in [0, N_t]
         * @return R(t_i, t_j)
         */
        public double response(int i, int j) {
            index(j);
            return j > index(i) ? 0 : r[triangle(i) + j];
        }

        private int index(int i) {
            if (i < 0 || i > steps()) {
                throw new IndexOutOfBoundsException("grid index must lie in [0, " + steps() + "], got " + i);
            }
            return i;
        }

        /**
         * The energy and multiplier on log-spaced grid times, from t = 0 (e = 0, μ = T) to t_max.
         *
         * @param perDecade log-spaced grid points per decade of steps, at least 1
         * @return columns {@code time, energy, mu}, one row per recorded time, the last at t_max
         */
        public Table energyTable(int perDecade) {
            long[] steps = LogTimes.upTo(steps(), perDecade);
            DoubleColumn time = DoubleColumn.create("time");
            DoubleColumn e = DoubleColumn.create("energy");
            DoubleColumn m = DoubleColumn.create("mu");
            for (long k : steps) {
                time.append(time((int) k));
                e.append(energy((int) k));
                m.append(mu((int) k));
            }
            return Table.create("cugliandolo-kurchan", time, e, m);
        }

        /**
         * The aging functions C(t_w + t, t_w) and R(t_w + t, t_w) in long format, for lags t on
         * log-spaced grid times from h to t_max − t_w.
         *
         * @param waitingTimes grid indices of the waiting times, each in [0, N_t − 1]
         * @param perDecade log-spaced lags per decade of steps, at least 1
         * @return columns {@code tw, t, correlation, response}
         */
        public Table agingTable(int[] waitingTimes, int perDecade) {
            DoubleColumn tw = DoubleColumn.create("tw");
            DoubleColumn lag = DoubleColumn.create("t");
            DoubleColumn corr = DoubleColumn.create("correlation");
            DoubleColumn resp = DoubleColumn.create("response");
            for (int w : waitingTimes) {
                if (w < 0 || w >= steps()) {
                    throw new IllegalArgumentException("waitingTimes must lie in [0, " + (steps() - 1) + "], got " + w);
                }
                for (long k : LogTimes.upTo(steps() - w, perDecade)) {
                    if (k == 0) {
                        continue;
                    }
                    int i = w + (int) k;
                    tw.append(time(w));
                    lag.append(k * parameters.step());
                    corr.append(correlation(i, w));
                    resp.append(response(i, w));
                }
            }
            return Table.create("cugliandolo-kurchan-aging", tw, lag, corr, resp);
        }
    }
}
