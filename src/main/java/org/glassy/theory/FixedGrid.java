package org.glassy.theory;

import java.util.Arrays;
import java.util.List;

import org.glassy.core.LogTimes;
import org.glassy.core.ProgressListener;
import org.glassy.internal.DotAxpy;
import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The fixed-grid Cugliandolo–Kurchan integrator behind {@link CugliandoloKurchan.Solver#FIXED_GRID}: C, R, μ
 * and e on the whole grid t_i = i h, i = 0 … N_t (explicit Euler in t, trapezoid in s; the scheme is described
 * in {@link CugliandoloKurchan}). Package-private: the public result is {@link CugliandoloKurchan.Solution}'s
 * tables; the whole grid is kept for the reference's own tests. Immutable once integrated; safe to share
 * between threads.
 */
final class FixedGrid {

    private final CugliandoloKurchan.Parameters parameters;
    private final double[] c;
    private final double[] r;
    private final double[] mu;
    private final double[] energy;
    /** The signal overlap m(t_i) with a {@link CugliandoloKurchan.Signal}; zeros without one. */
    private final double[] overlap;

    private FixedGrid(CugliandoloKurchan.Parameters parameters, double[] c, double[] r, double[] mu, double[] energy,
                      double[] overlap) {
        this.parameters = parameters;
        this.c = c;
        this.r = r;
        this.mu = mu;
        this.energy = energy;
        this.overlap = overlap;
    }

    /**
     * Integrates the equations from t = 0 to the final time on the grid t_i = i h.
     *
     * @param parameters p, T, h and t_max (the solver choice, budget, output density and waiting times only
     *     shape the tables)
     * @return the solution on the whole grid
     * @throws IllegalArgumentException naming {@code step} if the integration leaves the physical range
     *     ({@link Stability})
     */
    static FixedGrid integrate(CugliandoloKurchan.Parameters parameters) {
        return integrate(parameters, null, null);
    }

    /**
     * Integrates the equations, reporting progress and handing the rows of {@link #solution()} on as soon as
     * they are final (at step i: the energy row of t_i, then the aging rows with t_w + t = t_i).
     *
     * @param parameters p, T, h and t_max, the output density and the waiting times
     * @param progress told of every step, or null
     * @param rows receives the rows as they complete, or null
     * @return the solution on the whole grid
     * @throws IllegalArgumentException naming {@code step} if the integration leaves the physical range
     * @throws java.util.concurrent.CancellationException if the thread is interrupted
     */
    static FixedGrid integrate(CugliandoloKurchan.Parameters parameters, ProgressListener progress,
                               CugliandoloKurchan.Rows rows) {
        return integrate(parameters, null, progress, rows);
    }

    /**
     * Integrates the equations with a general covariance Q and a signal overlap m(t) (see
     * {@link CugliandoloKurchan.Signal}); without a signal (null) the pure p-spin, f(q) = q^p/2, exactly as
     * {@link #integrate(CugliandoloKurchan.Parameters, ProgressListener, CugliandoloKurchan.Rows)}.
     *
     * @param parameters p, T, h and t_max, the output density and the waiting times
     * @param signal Q and m(0), or null
     * @param progress told of every step, or null
     * @param rows receives the rows as they complete, or null
     * @return the solution on the whole grid
     */
    static FixedGrid integrate(CugliandoloKurchan.Parameters parameters, CugliandoloKurchan.Signal signal,
                               ProgressListener progress, CugliandoloKurchan.Rows rows) {
        final int p = parameters.p();
        final double h = parameters.step();
        final double temperature = parameters.temperature();
        final int n = (int) parameters.steps();
        final int size = n + 1;
        Stability stability = signal == null ? new Stability(parameters, Stability.ROUND_OFF)
                : new Stability(parameters, Stability.ROUND_OFF, signal.lowestEnergy(p));
        double[] c = new double[triangle(size)];
        double[] r = new double[triangle(size)];
        double[] mu = new double[size];
        double[] energy = new double[size];
        double[] m = new double[size];
        double[] a = new double[size];   // h w_s f''(C(t_i,s)) R(t_i,s)
        double[] d = new double[size];   // h w_s f'(C(t_i,s))
        double[] cAxpy = new double[size];
        double[] rAxpy = new double[size];
        double[] dots = new double[size];
        DotAxpy kernel = DotAxpy.INSTANCE;
        final double fp = 0.5 * p;
        final double fpp = 0.5 * p * (p - 1);
        c[0] = 1;
        if (signal != null) {
            m[0] = signal.startOverlap();
        }
        FixedGrid grid = new FixedGrid(parameters, c, r, mu, energy, m);
        RowCursor cursor = grid.new RowCursor();
        for (int i = 0; i <= n; i++) {
            CugliandoloKurchan.checkInterrupt(i, n, i * h);
            int row = triangle(i);
            double sum = 0;
            double signalDrift = 0;
            if (signal == null) {
                for (int s = 0; s < i; s++) {
                    double cs = c[row + s];
                    double cp2 = power(cs, p - 2);
                    double weight = s == 0 ? 0.5 * h : h;
                    double rs = r[row + s];
                    a[s] = weight * fpp * cp2 * rs;
                    d[s] = weight * fp * cp2 * cs;
                    sum += d[s] * rs;
                }
                energy[i] = -sum;
                mu[i] = temperature - p * energy[i];
            } else {
                // μ = T + m Q'(m) + ∫ R [Q'(C) + C Q''(C)] ds,  e = −Q(m) − ∫ R Q'(C) ds,
                // ṁ = −μ m + Q'(m) + ∫ Q''(C) R m(s) ds
                double muSum = 0;
                for (int s = 0; s < i; s++) {
                    double cs = c[row + s];
                    double weight = s == 0 ? 0.5 * h : h;
                    double rs = r[row + s];
                    double q2 = signal.qSecond(p, cs);
                    double q1 = signal.qPrime(p, cs);
                    a[s] = weight * q2 * rs;
                    d[s] = weight * q1;
                    sum += d[s] * rs;
                    muSum += weight * rs * cs * q2;
                    signalDrift += a[s] * m[s];
                }
                double mi = m[i];
                double q1m = signal.qPrime(p, mi);
                energy[i] = -sum - signal.q(p, mi);
                mu[i] = temperature + mi * q1m + sum + muSum;
                signalDrift += q1m;
            }
            a[i] = 0;   // R(t_i, t_i) = 0 (and R(t_j, t_i) = 0 for j ≤ i)
            d[i] = 0;
            stability.checkEnergy(i * h, energy[i]);
            if (progress != null) {
                progress.progress(i, n, i * h, energy[i]);
            }
            if (rows != null) {
                cursor.rowsAt(i, rows);
            }
            if (i == n) {
                break;
            }
            // One pass over rows q ≤ i of both triangles (the cost is memory traffic):
            //   dot[q]     = Σ_{s < q} a_s C(q,s) + d_s R(q,s)       (integrals with s < t_j = t_q)
            //   cAxpy[j]  += a_q C(q,j), rAxpy[j] += a_q R(q,j), j ≤ q  (integrals with s ≥ t_j)
            Arrays.fill(cAxpy, 0, i + 1, 0);
            Arrays.fill(rAxpy, 0, i + 1, 0);
            for (int q = 0; q <= i; q++) {
                int rq = triangle(q);
                double aq = a[q];
                dots[q] = kernel.apply(c, rq, a, cAxpy, 0, q, aq) + kernel.apply(r, rq, d, rAxpy, 0, q, aq);
                cAxpy[q] += aq;   // C(q,q) = 1, R(q,q) = 0
            }
            int next = triangle(i + 1);
            double mui = mu[i];
            double source = signal == null ? 0 : signal.qPrime(p, m[i]);   // the term Q'(m(t)) m(t')
            for (int j = 0; j <= i; j++) {
                double cij = c[row + j];
                double rij = r[row + j];
                c[next + j] = cij + h * (-mui * cij + cAxpy[j] + dots[j] + source * m[j]);
                r[next + j] = rij + h * (-mui * rij + rAxpy[j]);
            }
            m[i + 1] = m[i] + h * (-mui * m[i] + signalDrift);
            c[next + i + 1] = 1;
            r[next + i] = 1;
            r[next + i + 1] = 0;
            stability.checkRow((i + 1) * h, c, r, next, i + 2);
        }
        return grid;
    }

    /**
     * Walks the output rows step by step: the energy rows on log-spaced grid times and, for each waiting time in
     * the parameters' order, the aging rows on log-spaced lags from h to t_max − t_w. Row i of the grid must be
     * integrated when {@link #rowsAt} is called for step i.
     */
    private final class RowCursor {
        private final long[] schedule = LogTimes.upTo(steps(), parameters.perDecade());
        private final int[] waiting;
        private final long[][] lags;
        private final int[] nextLag;
        private int next;

        RowCursor() {
            List<Double> times = parameters.waitingTimes();
            waiting = new int[times.size()];
            lags = new long[times.size()][];
            nextLag = new int[times.size()];
            for (int w = 0; w < waiting.length; w++) {
                waiting[w] = (int) Math.round(times.get(w) / parameters.step());
                lags[w] = LogTimes.upTo(steps() - waiting[w], parameters.perDecade());
            }
        }

        /** Hands on the rows that complete at step i, steps visited in increasing order. */
        void rowsAt(int i, CugliandoloKurchan.Rows rows) {
            while (next < schedule.length && schedule[next] == i) {
                rows.energy(time(i), energy(i), mu(i));
                next++;
            }
            for (int w = 0; w < waiting.length; w++) {
                long k = (long) i - waiting[w];
                while (k > 0 && nextLag[w] < lags[w].length && lags[w][nextLag[w]] < k) {
                    nextLag[w]++;
                }
                if (k > 0 && nextLag[w] < lags[w].length && lags[w][nextLag[w]] == k) {
                    rows.aging(time(waiting[w]), k * parameters.step(), correlation(i, waiting[w]),
                            response(i, waiting[w]), integratedResponse(i, waiting[w]));
                    nextLag[w]++;
                }
            }
        }
    }

    /**
     * The parameters of the run.
     *
     * @return the parameters as given
     */
    CugliandoloKurchan.Parameters parameters() {
        return parameters;
    }

    /**
     * The number of steps N_t; grid indices run from 0 to N_t.
     *
     * @return N_t
     */
    int steps() {
        return (int) parameters.steps();
    }

    /**
     * The grid time t_i = i h.
     *
     * @param i a grid index in [0, N_t]
     * @return i h
     */
    double time(int i) {
        return index(i) * parameters.step();
    }

    /**
     * The grid index nearest to a time.
     *
     * @param time a time in [0, N_t h]
     * @return round(time / h)
     */
    int indexOf(double time) {
        Require.nonNegative("time", time);
        long i = Math.round(time / parameters.step());
        if (i > steps()) {
            throw Require.invalid("time", "must be <= " + steps() * parameters.step() + ", got " + time);
        }
        return (int) i;
    }

    /**
     * The energy per spin e(t_i) = −∫_0^{t_i} f'(C(t_i,s)) R(t_i,s) ds (trapezoid).
     *
     * @param i a grid index in [0, N_t]
     * @return e(t_i); 0 at i = 0 (random start)
     */
    double energy(int i) {
        return energy[index(i)];
    }

    /**
     * The Lagrange multiplier of the spherical constraint, μ(t_i) = T − p e(t_i).
     *
     * @param i a grid index in [0, N_t]
     * @return μ(t_i)
     */
    double mu(int i) {
        return mu[index(i)];
    }

    /**
     * The signal overlap m(t_i) (0 without a signal).
     *
     * @param i a grid index in [0, N_t]
     * @return m(t_i)
     */
    double overlap(int i) {
        return overlap[index(i)];
    }

    /**
     * The two-time correlation C(t_i, t_j), symmetric, with C(t,t) = 1.
     *
     * @param i a grid index in [0, N_t]
     * @param j a grid index in [0, N_t]
     * @return C(t_i, t_j)
     */
    double correlation(int i, int j) {
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
    double response(int i, int j) {
        index(j);
        return j > index(i) ? 0 : r[triangle(i) + j];
    }

    /**
     * The integrated response χ(t_i, t_j) = ∫_{t_j}^{t_i} R(t_i, s) ds by the trapezoid rule over the grid values,
     * the upper end entering with its limit R(t_i⁻, t_i) = 1 (the grid's R(t_i, t_i) = 0 is the value at equal
     * times, not the limit the integral needs).
     *
     * @param i the observation index in [0, N_t]
     * @param j the index at which the field is switched on, in [0, i]
     * @return χ(t_i, t_j); 0 for j = i
     */
    double integratedResponse(int i, int j) {
        if (index(j) >= index(i)) {
            return 0;
        }
        int row = triangle(i);
        double sum = 0.5 * (r[row + j] + 1);
        for (int k = j + 1; k < i; k++) {
            sum += r[row + k];
        }
        return parameters.step() * sum;
    }

    /**
     * The tables of {@link CugliandoloKurchan#solve}: the energy on log-spaced grid times and the aging functions
     * at the parameters' waiting times, for log-spaced lags from h to t_max − t_w, rows in the order they complete
     * (by t_w + t, then in the order of the waiting times), as {@link CugliandoloKurchan.Rows} receives them.
     *
     * @return the solution; every time N_t + 1 is stored
     */
    CugliandoloKurchan.Solution solution() {
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn e = DoubleColumn.create("energy");
        DoubleColumn m = DoubleColumn.create("mu");
        DoubleColumn tw = DoubleColumn.create("tw");
        DoubleColumn lag = DoubleColumn.create("t");
        DoubleColumn corr = DoubleColumn.create("correlation");
        DoubleColumn resp = DoubleColumn.create("response");
        DoubleColumn chi = DoubleColumn.create("integrated_response");
        RowCursor cursor = new RowCursor();
        CugliandoloKurchan.Rows collect = new CugliandoloKurchan.Rows() {
            @Override
            public void energy(double t, double energy, double mu) {
                time.append(t);
                e.append(energy);
                m.append(mu);
            }

            @Override
            public void aging(double waiting, double t, double correlation, double response,
                              double integratedResponse) {
                tw.append(waiting);
                lag.append(t);
                corr.append(correlation);
                resp.append(response);
                chi.append(integratedResponse);
            }
        };
        for (int i = 0; i <= steps(); i++) {
            cursor.rowsAt(i, collect);
        }
        return new CugliandoloKurchan.Solution(parameters, Table.create(CugliandoloKurchan.ENERGY_TABLE, time, e, m),
                Table.create(CugliandoloKurchan.AGING_TABLE, tw, lag, corr, resp, chi), steps() + 1);
    }

    private int index(int i) {
        if (i < 0 || i > steps()) {
            throw new IndexOutOfBoundsException("grid index must lie in [0, " + steps() + "], got " + i);
        }
        return i;
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
}
