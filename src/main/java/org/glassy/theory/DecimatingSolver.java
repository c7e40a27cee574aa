package org.glassy.theory;

import java.util.Arrays;

import org.glassy.core.LogTimes;
import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The long-time Cugliandolo–Kurchan integrator behind {@link CugliandoloKurchan.Solver#DECIMATING}: C and the
 * integrated response F on a decimated set of stored times, advanced by Heun's method (the algorithm is described
 * in {@link CugliandoloKurchan}). One instance runs once.
 */
final class DecimatingSolver {

    private final int p;
    private final double h;
    private final double temperature;
    private final long total;
    /** Stored times per factor 2 of distance from either end of [0, t]. */
    private final int perOctave;
    private final CugliandoloKurchan.Parameters parameters;
    private final Stability stability;
    private final long[] schedule;
    private final long[] waitingSteps;
    /** Per waiting time, the recorded lags in steps: log-spaced up to t_max − t_w. */
    private final long[][] lagSchedule;

    private long[] stepOf;
    private double[][] c;
    private double[][] f;
    /** cAvg[m][j]: mean of C(u, s_j) over u in the stored interval [s_m, s_{m+1}]. */
    private double[][] cAvg;
    /** fAfter[m][j], j ≤ m: mean of F(u, s_j) over u in [s_m, s_{m+1}]. */
    private double[][] fAfter;
    /** fBefore[q][m], m &lt; q: mean of F(s_q, u) over u in [s_m, s_{m+1}]. */
    private double[][] fBefore;
    private double[] scratch;
    private double[] g1;
    private double[] g2;
    private double[] df;
    private double[] i1;
    private double[] i3;
    private double[] k1c;
    private double[] k1f;
    private double[] k2c;
    private double[] k2f;
    private int[] keep;
    private int stored;
    private int maxStored;
    private double mu;
    /** The spiked extension's Q and m(0), or null for the pure p-spin. */
    private final CugliandoloKurchan.Signal signal;
    /** The signal overlap m at each stored time (with a signal). */
    private double[] overlap;
    /** ṁ at the time of the last {@link #derivatives} call (with a signal). */
    private double overlapSlope;
    /** The overlap m at the rows of the last run's energy table. */
    private DoubleColumn overlapRows;
    /** The run stops once m reaches this level (NaN: never). */
    private double passageLevel = Double.NaN;
    /** The first time m reached {@link #passageLevel} (linear between steps), +∞ if it did not. */
    private double passageTime = Double.POSITIVE_INFINITY;

    /**
     * Prepares a run (the parameters are validated by their record: waiting times are multiples of h in
     * [0, t_max − h]).
     *
     * @throws IllegalArgumentException naming {@code gridPoints} if the budget cannot reach t_max
     */
    DecimatingSolver(CugliandoloKurchan.Parameters parameters) {
        this(parameters, null);
    }

    /**
     * Prepares a run of the equations with a general Q and a signal overlap m(t) ({@link CugliandoloKurchan.Signal});
     * null gives the pure p-spin run of {@link #DecimatingSolver(CugliandoloKurchan.Parameters)}. The signal's m(s),
     * slowly varying, enters the memory integral by the trapezoid rule on each interval with the exact integrated
     * response, and is advanced by the same Heun step.
     *
     * @throws IllegalArgumentException naming {@code gridPoints} if the budget cannot reach t_max
     */
    DecimatingSolver(CugliandoloKurchan.Parameters parameters, CugliandoloKurchan.Signal signal) {
        this.signal = signal;
        int perDecade = parameters.perDecade();
        this.parameters = parameters;
        this.stability = signal == null ? new Stability(parameters, Stability.DECIMATION)
                : new Stability(parameters, Stability.DECIMATION, signal.lowestEnergy(parameters.p()));
        this.p = parameters.p();
        this.h = parameters.step();
        this.temperature = parameters.temperature();
        this.total = parameters.steps();
        this.schedule = LogTimes.upTo(total, perDecade);
        int waitingTimes = parameters.waitingTimes().size();
        this.waitingSteps = new long[waitingTimes];
        for (int w = 0; w < waitingTimes; w++) {
            waitingSteps[w] = Math.round(parameters.waitingTimes().get(w) / h);
        }
        this.lagSchedule = new long[waitingSteps.length][];
        for (int w = 0; w < waitingSteps.length; w++) {
            lagSchedule[w] = LogTimes.upTo(total - waitingSteps[w], perDecade);
        }
        int density = Integer.highestOneBit(parameters.gridPoints());
        int needed = storedAt(total, density);
        while (density > 1 && needed > parameters.gridPoints()) {
            density /= 2;
            needed = storedAt(total, density);
        }
        if (needed > parameters.gridPoints()) {
            throw Require.invalid("gridPoints", "must be >= " + needed + " to reach time "
                    + parameters.time() + " with step " + h + ", got " + parameters.gridPoints());
        }
        this.perOctave = density;
        allocate(needed + 2 * waitingTimes + 4);
    }

    /**
     * The number of times the decimation rule keeps at the present step {@code present}.
     */
    static int storedAt(long present, int perOctave) {
        int count = 0;
        for (long s = 0; s <= present; s++) {
            if (s % spacing(s, present, perOctave) == 0) {
                count++;
            }
        }
        return count;
    }

    /** The stored spacing near step s at the present step: the largest power of 2 below min(s, present − s)/perOctave. */
    private static long spacing(long s, long present, int perOctave) {
        long distance = Math.min(s, present - s) / perOctave;
        return distance <= 1 ? 1 : Long.highestOneBit(distance);
    }

    private void allocate(int cap) {
        int old = stepOf == null ? 0 : stepOf.length;
        stepOf = stepOf == null ? new long[cap] : Arrays.copyOf(stepOf, cap);
        overlap = overlap == null ? new double[cap] : Arrays.copyOf(overlap, cap);
        c = grow(c, cap, old);
        f = grow(f, cap, old);
        cAvg = grow(cAvg, cap, old);
        fAfter = grow(fAfter, cap, old);
        fBefore = grow(fBefore, cap, old);
        scratch = new double[cap];
        g1 = new double[cap];
        g2 = new double[cap];
        df = new double[cap];
        i1 = new double[cap];
        i3 = new double[cap];
        k1c = new double[cap];
        k1f = new double[cap];
        k2c = new double[cap];
        k2f = new double[cap];
        keep = new int[cap];
    }

    private static double[][] grow(double[][] matrix, int cap, int old) {
        double[][] grown = new double[cap][cap];
        for (int i = 0; i < old; i++) {
            System.arraycopy(matrix[i], 0, grown[i], 0, old);
        }
        return grown;
    }

    CugliandoloKurchan.Solution run(ProgressListener progress, CugliandoloKurchan.Rows rows) {
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn energy = DoubleColumn.create("energy");
        DoubleColumn multiplier = DoubleColumn.create("mu");
        DoubleColumn overlapColumn = DoubleColumn.create("overlap");
        DoubleColumn tw = DoubleColumn.create("tw");
        DoubleColumn lag = DoubleColumn.create("t");
        DoubleColumn correlation = DoubleColumn.create("correlation");
        DoubleColumn response = DoubleColumn.create("response");
        DoubleColumn integratedResponse = DoubleColumn.create("integrated_response");
        int[] nextLag = new int[waitingSteps.length];
        int next = 0;
        c[0][0] = 1;
        overlap[0] = signal == null ? 0 : signal.startOverlap();
        stored = 1;
        for (long n = 0; ; n++) {
            if (stored + 1 >= stepOf.length) {
                allocate(2 * stepOf.length);
            }
            CugliandoloKurchan.checkInterrupt(n, total, n * h);
            int a = stored - 1;
            double e = derivatives(a, k1c, k1f);
            double slope1 = overlapSlope;
            stability.checkEnergy(n * h, e);
            if (progress != null) {
                progress.progress(n, total, n * h, e);
            }
            while (next < schedule.length && schedule[next] == n) {
                time.append(n * h);
                energy.append(e);
                multiplier.append(mu);
                overlapColumn.append(overlap[a]);
                rows.energy(n * h, e, mu);
                next++;
            }
            for (int w = 0; w < waitingSteps.length; w++) {
                long k = n - waitingSteps[w];
                long[] lags = lagSchedule[w];
                while (k > 0 && nextLag[w] < lags.length && lags[nextLag[w]] < k) {
                    nextLag[w]++;
                }
                if (k > 0 && nextLag[w] < lags.length && lags[nextLag[w]] == k) {
                    int qw = indexOf(waitingSteps[w]);
                    int qw1 = indexOf(waitingSteps[w] + 1);
                    tw.append(waitingSteps[w] * h);
                    lag.append(k * h);
                    correlation.append(c[a][qw]);
                    response.append((f[a][qw] - f[a][qw1]) / h);
                    integratedResponse.append(f[a][qw]);
                    rows.aging(waitingSteps[w] * h, k * h, c[a][qw], (f[a][qw] - f[a][qw1]) / h, f[a][qw]);
                    nextLag[w]++;
                }
            }
            if (n == total) {
                break;
            }
            // Heun: predictor row from the slopes at t_n, corrector with the slopes at the predicted t_{n+1}
            int k = stored;
            double[] cn = c[k];
            double[] fn = f[k];
            for (int j = 0; j <= a; j++) {
                cn[j] = c[a][j] + h * k1c[j];
                fn[j] = f[a][j] + h * k1f[j];
                c[j][k] = cn[j];
            }
            cn[k] = 1;
            fn[k] = 0;
            stepOf[k] = n + 1;
            overlap[k] = overlap[a] + h * slope1;
            stored++;
            averageNewest(k);
            derivatives(k, k2c, k2f);
            overlap[k] = overlap[a] + 0.5 * h * (slope1 + overlapSlope);
            for (int j = 0; j <= a; j++) {
                cn[j] = c[a][j] + 0.5 * h * (k1c[j] + k2c[j]);
                fn[j] = f[a][j] + 0.5 * h * (k1f[j] + k2f[j]);
                c[j][k] = cn[j];
            }
            averageNewest(k);
            stability.checkRow((n + 1) * h, cn, fn, 0, k + 1);
            maxStored = Math.max(maxStored, stored);
            if (overlap[k] >= passageLevel) {
                passageTime = (n + (passageLevel - overlap[a]) / (overlap[k] - overlap[a])) * h;
                break;
            }
            decimate(n + 1);
        }
        Table energyTable = Table.create(CugliandoloKurchan.ENERGY_TABLE, time, energy, multiplier);
        overlapRows = overlapColumn;
        Table agingTable = Table.create(CugliandoloKurchan.AGING_TABLE, tw, lag, correlation, response,
                integratedResponse);
        return new CugliandoloKurchan.Solution(parameters, energyTable, agingTable, maxStored);
    }

    /**
     * Runs until the signal overlap first reaches {@code level} (or to t_max) and returns that time, interpolated
     * linearly within the step where m crosses the level; 0 if m(0) ≥ level, +∞ if m stays below it up to t_max.
     *
     * @param level the level of m
     * @param progress told of every step, or null
     * @return the first passage time
     */
    double passageTime(double level, ProgressListener progress) {
        if (signal.startOverlap() >= level) {
            return 0;
        }
        passageLevel = level;
        run(progress, CugliandoloKurchan.NO_ROWS);
        return passageTime;
    }

    /**
     * The overlap m(t) at the times of the energy table of the last {@link #run} (zeros without a signal).
     *
     * @return the column {@code overlap}
     */
    DoubleColumn overlapRows() {
        return overlapRows;
    }

    /**
     * The slopes ∂_t C(t_a, s_j) and ∂_t F(t_a, s_j), j ≤ a, with row a the present; sets {@link #mu}.
     *
     * @return the energy e(t_a)
     */
    private double derivatives(int a, double[] dc, double[] dfOut) {
        final double fp = 0.5 * p;
        final double fpp = 0.5 * p * (p - 1);
        double[] ca = c[a];
        double[] fa = f[a];
        if (signal == null) {
            for (int m = 0; m <= a; m++) {
                double cp2 = power(ca[m], p - 2);
                g2[m] = fpp * cp2;
                g1[m] = fp * cp2 * ca[m];
            }
        } else {
            for (int m = 0; m <= a; m++) {
                g2[m] = signal.qSecond(p, ca[m]);
                g1[m] = signal.qPrime(p, ca[m]);
            }
        }
        double sum = 0;
        for (int m = 0; m < a; m++) {
            df[m] = fa[m] - fa[m + 1];
            sum += 0.5 * (g1[m] + g1[m + 1]) * df[m];
        }
        df[a] = 0;
        double energy;
        double source = 0;   // Q'(m(t)), the source of Q'(m(t)) m(t') in ∂_t C
        if (signal == null) {
            energy = -sum;
            mu = temperature - p * energy;
        } else {
            // μ = T + m Q'(m) + ∫ R [Q'(C) + C Q''(C)],  e = −Q(m) − ∫ R Q'(C),  ṁ = −μ m + Q'(m) + ∫ Q''(C) R m
            double cq2 = 0;
            double drift = 0;
            for (int m = 0; m < a; m++) {
                cq2 += 0.5 * (ca[m] * g2[m] + ca[m + 1] * g2[m + 1]) * df[m];
                drift += 0.5 * (g2[m] * overlap[m] + g2[m + 1] * overlap[m + 1]) * df[m];
            }
            double ma = overlap[a];
            source = signal.qPrime(p, ma);
            energy = -sum - signal.q(p, ma);
            mu = temperature + ma * source + sum + cq2;
            overlapSlope = -mu * ma + source + drift;
        }
        Arrays.fill(i1, 0, a + 1, 0);
        Arrays.fill(i3, 0, a + 1, 0);
        // ∫ ds f''(C(t,s)) R(t,s) X(s, s_j) over each interval: the slowly varying f'' R by the trapezoid with the
        // exact integrated response, the possibly fast X(·, s_j) (near s = s_j) by its stored interval mean
        for (int m = 0; m < a; m++) {
            double weight = 0.5 * (g2[m] + g2[m + 1]) * df[m];
            if (weight == 0) {
                continue;
            }
            double[] cm = cAvg[m];
            double[] fm = fAfter[m];
            for (int j = 0; j <= a; j++) {
                i1[j] += weight * cm[j];
            }
            for (int j = 0; j <= m; j++) {
                i3[j] += weight * fm[j];
            }
        }
        for (int j = 0; j <= a; j++) {
            // ∫_0^{s_j} ds f'(C(t,s)) R(s_j,s) = −∫ g ∂_s F(s_j,s) ds, by parts on each interval so that the fast
            // F(s_j, ·) enters through its interval mean: Σ g_m F_m − g_{m+1} F_{m+1} + (g_{m+1} − g_m) F̄_m
            double[] fj = f[j];
            double[] fb = fBefore[j];
            double i2 = 0;
            for (int m = 0; m < j; m++) {
                i2 += g1[m] * fj[m] - g1[m + 1] * fj[m + 1] + (g1[m + 1] - g1[m]) * fb[m];
            }
            dc[j] = -mu * ca[j] + i1[j] + i2 + source * overlap[j];
            dfOut[j] = 1 - mu * fa[j] + i3[j];
        }
        return energy;
    }

    /** The interval means that involve the newest stored time k (trapezoid over the newest, fine interval). */
    private void averageNewest(int k) {
        int a = k - 1;
        double[] ck = c[k];
        double[] fk = f[k];
        for (int j = 0; j <= k; j++) {
            cAvg[a][j] = 0.5 * (c[a][j] + ck[j]);
        }
        for (int m = 0; m < a; m++) {
            cAvg[m][k] = 0.5 * (ck[m] + ck[m + 1]);
        }
        for (int j = 0; j <= a; j++) {
            fAfter[a][j] = 0.5 * (f[a][j] + fk[j]);
        }
        for (int m = 0; m < k; m++) {
            fBefore[k][m] = 0.5 * (fk[m] + fk[m + 1]);
        }
    }

    /**
     * Drops the stored times the rule no longer keeps: near step s the kept times are multiples of the largest power
     * of 2 below min(s, present − s)/perOctave, i.e. about perOctave times per factor 2 of distance from either end
     * of [0, t]. The rule only coarsens as t grows, so the stored sets are nested.
     */
    private void decimate(long present) {
        int kept = 0;
        for (int q = 0; q < stored; q++) {
            long s = stepOf[q];
            if (s % spacing(s, present, perOctave) == 0 || pinned(s)) {
                keep[kept++] = q;
            }
        }
        compact(kept);
    }

    private void compact(int kept) {
        if (kept == stored) {
            return;
        }
        // interval means over the merged intervals [s_keep[x], s_keep[x+1]]: length-weighted means of the old ones
        for (int x = 0; x + 1 < kept; x++) {
            int lo = keep[x];
            int hi = keep[x + 1];
            double length = stepOf[hi] - stepOf[lo];
            merge(cAvg, x, lo, hi, kept, length);
            merge(fAfter, x, lo, hi, x + 1, length);
        }
        for (int q = 0; q < kept; q++) {
            double[] row = fBefore[keep[q]];
            for (int y = 0; y < q; y++) {
                int lo = keep[y];
                int hi = keep[y + 1];
                double sum = 0;
                for (int m = lo; m < hi; m++) {
                    sum += (stepOf[m + 1] - stepOf[m]) * row[m];
                }
                scratch[y] = sum / (stepOf[hi] - stepOf[lo]);
            }
            System.arraycopy(scratch, 0, fBefore[q], 0, q);
        }
        for (int x = 0; x < kept; x++) {
            double[] cx = c[x];
            double[] fx = f[x];
            double[] cs = c[keep[x]];
            double[] fs = f[keep[x]];
            for (int y = 0; y < kept; y++) {
                cx[y] = cs[keep[y]];
                fx[y] = fs[keep[y]];
            }
            stepOf[x] = stepOf[keep[x]];
            overlap[x] = overlap[keep[x]];
        }
        stored = kept;
    }

    /** Row x of the compacted interval matrix: the mean of the old rows lo … hi−1 weighted by their lengths, columns keep[y]. */
    private void merge(double[][] matrix, int x, int lo, int hi, int columns, double length) {
        Arrays.fill(scratch, 0, columns, 0);
        for (int m = lo; m < hi; m++) {
            double weight = (stepOf[m + 1] - stepOf[m]) / length;
            double[] row = matrix[m];
            for (int y = 0; y < columns; y++) {
                scratch[y] += weight * row[keep[y]];
            }
        }
        System.arraycopy(scratch, 0, matrix[x], 0, columns);
    }

    private boolean pinned(long step) {
        for (long w : waitingSteps) {
            if (step == w || step == w + 1) {
                return true;
            }
        }
        return false;
    }

    private int indexOf(long step) {
        for (int q = 0; q < stored; q++) {
            if (stepOf[q] == step) {
                return q;
            }
        }
        throw new IllegalStateException("stored time for step " + step + " was dropped");
    }

    private static double power(double x, int k) {
        double y = 1;
        for (int e = 0; e < k; e++) {
            y *= x;
        }
        return y;
    }
}
