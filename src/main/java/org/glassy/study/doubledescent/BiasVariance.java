package org.glassy.study.doubledescent;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The bias and the three variances of random features regression, by d'Ascoli et al.'s definitions
 * (S. d'Ascoli, M. Refinetti, G. Biroli, F. Krzakala, "Double trouble in double descent: bias and variance(s) in
 * the lazy regime", ICML 2020, arXiv:2003.01054), estimated by nested sampling. With f(x) the prediction of an
 * ensemble of K models fitted to a data set X (inputs), label noise ε and first layers P = (θ¹, …, θᴷ), and
 * f*(x) = x·β the teacher, the law of total variance, taken in the order P inside ε inside X, splits the excess
 * risk E(f − f*)² averaged over x into
 *
 * <pre>
 *   bias  B   = E_x (E_{X,ε,P} f − f*)²
 *   V_X       = E_x Var_X E_{ε,P} f        (sampling of the data)
 *   V_ε       = E_x E_X Var_ε E_P f        (label noise)
 *   V_P       = E_x E_{X,ε} Var_P f        (initialisation)
 * </pre>
 *
 * <p>Averaging K independently drawn models leaves E_P f, hence B, V_X and V_ε, unchanged and divides V_P by K.
 * Sampling: one teacher and one test set of {@code testSamples} inputs; {@code dataSets} data sets X_i, for each
 * {@code noiseDraws} label noises ε_ij, for each {@code initialisations} ensembles of K models (independent θ).
 * Each component is estimated without bias (the sample variances of the inner levels correct the outer ones:
 * V̂_ε = mean_i[s²_ε(g) − V̂_P,i/n_P], V̂_X = s²_X(h) − mean_i s²_ε(g)/n_ε, B̂ = (h̄ − f*)² − s²_X(h)/n_X, with g the
 * mean over ensembles and h the mean over ε and ensembles), with a standard error from the delete-one-data-set
 * jackknife. Model fits use the seeds of the data set, noise and model indices alone, so runs that differ only in
 * K or in the number of initialisations share data, noise and their first models.
 */
public final class BiasVariance {

    private BiasVariance() {
    }

    /**
     * An estimate and its standard error.
     *
     * @param value the estimate
     * @param standardError its standard error
     */
    public record Estimate(double value, double standardError) {
    }

    /**
     * The decomposition of one point.
     *
     * @param parameters the point (model random features; its ensemble K, ridge, sizes, test samples, seed)
     * @param bias B
     * @param dataVariance V_X
     * @param noiseVariance V_ε
     * @param initialisationVariance V_P
     * @param testError the mean excess risk of the ensembles, ≈ B + V_X + V_ε + V_P
     */
    public record Decomposition(DoubleDescent.Parameters parameters, Estimate bias, Estimate dataVariance,
                                Estimate noiseVariance, Estimate initialisationVariance, Estimate testError) {

        /**
         * The components in long format: columns {@code component} (bias, data, noise, initialisation,
         * test error), {@code value}, {@code se}.
         *
         * @return five rows
         */
        public Table table() {
            Estimate[] all = {bias, dataVariance, noiseVariance, initialisationVariance, testError};
            String[] names = {"bias", "variance (data)", "variance (noise)", "variance (initialisation)", "test error"};
            StringColumn component = StringColumn.create("component");
            DoubleColumn value = DoubleColumn.create("value");
            DoubleColumn se = DoubleColumn.create("se");
            for (int k = 0; k < all.length; k++) {
                component.append(names[k]);
                value.append(all[k].value());
                se.append(all[k].standardError());
            }
            return Table.create("bias and variances", component, value, se);
        }
    }

    /**
     * Estimates the decomposition.
     *
     * @param p a random features point (its {@code repeats} is not used)
     * @param dataSets n_X &gt;= 2
     * @param noiseDraws n_ε &gt;= 2
     * @param initialisations n_P &gt;= 2 ensembles per data set and noise
     * @param progress told after each data set, or null
     * @return the decomposition
     */
    public static Decomposition estimate(DoubleDescent.Parameters p, int dataSets, int noiseDraws,
                                         int initialisations, ProgressListener progress) {
        if (p.model() != DoubleDescent.Model.RANDOM_FEATURES) {
            throw Require.invalid("model", "must be random-features (the linear model has no initialisation), got "
                    + p.model().label());
        }
        Require.atLeast("dataSets", dataSets, 2);
        Require.atLeast("noiseDraws", noiseDraws, 2);
        Require.atLeast("initialisations", initialisations, 2);
        int d = p.dim();
        int n = p.samples();
        int t = p.testSamples();
        int k = p.ensemble();
        SplittableRandom teacher = new SplittableRandom(mix(p.seed(), 0, 0, 0, 0));
        double[] beta = RandomFeatures.sphereRows(1, d, teacher);
        for (int q = 0; q < d; q++) {
            beta[q] /= Math.sqrt(d);
        }
        double[] test = RandomFeatures.sphereRows(t, d, teacher);
        double[] target = DoubleDescent.labels(test, t, beta, 0, null);

        double[][] h = new double[dataSets][t];          // mean over ε and ensembles
        double[][] noiseVar = new double[dataSets][t];   // s²_ε of g
        double[][] initVar = new double[dataSets][t];    // mean over ε of s²_P
        double[] error = new double[dataSets];
        double[][] g = new double[noiseDraws][t];
        double[][] f = new double[initialisations][t];
        for (int i = 0; i < dataSets; i++) {
            double[] x = RandomFeatures.sphereRows(n, d, new SplittableRandom(mix(p.seed(), 1, i, 0, 0)));
            for (int j = 0; j < noiseDraws; j++) {
                double[] y = DoubleDescent.labels(x, n, beta, p.noise(),
                        new SplittableRandom(mix(p.seed(), 2, i, j, 0)));
                for (int e = 0; e < initialisations; e++) {
                    Arrays.fill(f[e], 0);
                    for (int m = 0; m < k; m++) {
                        DoubleDescent.checkInterrupt(i, dataSets);
                        RandomFeatures model = new RandomFeatures(p.activation(), p.features(), d,
                                new SplittableRandom(mix(p.seed(), 3, i, j, (long) e * k + m)));
                        double[] fm = model.fitAndPredict(x, y, p.ridge(), test, t);
                        for (int r = 0; r < t; r++) {
                            f[e][r] += fm[r] / k;
                        }
                    }
                    for (int r = 0; r < t; r++) {
                        double diff = f[e][r] - target[r];
                        error[i] += diff * diff / ((double) t * noiseDraws * initialisations);
                    }
                }
                for (int r = 0; r < t; r++) {
                    double mean = 0;
                    for (int e = 0; e < initialisations; e++) {
                        mean += f[e][r] / initialisations;
                    }
                    double ss = 0;
                    for (int e = 0; e < initialisations; e++) {
                        ss += (f[e][r] - mean) * (f[e][r] - mean);
                    }
                    g[j][r] = mean;
                    initVar[i][r] += ss / (initialisations - 1) / noiseDraws;
                }
            }
            for (int r = 0; r < t; r++) {
                double mean = 0;
                for (int j = 0; j < noiseDraws; j++) {
                    mean += g[j][r] / noiseDraws;
                }
                double ss = 0;
                for (int j = 0; j < noiseDraws; j++) {
                    ss += (g[j][r] - mean) * (g[j][r] - mean);
                }
                h[i][r] = mean;
                noiseVar[i][r] = ss / (noiseDraws - 1);
            }
            if (progress != null) {
                progress.progress(i + 1, dataSets, i + 1, error[i]);
            }
        }

        // per data set: V_P and V_ε contributions; jackknife for B and V_X
        double[] vp = new double[dataSets];
        double[] ve = new double[dataSets];
        for (int i = 0; i < dataSets; i++) {
            for (int r = 0; r < t; r++) {
                vp[i] += initVar[i][r] / t;
                ve[i] += (noiseVar[i][r] - initVar[i][r] / initialisations) / t;
            }
        }
        double[] sumH = new double[t];
        double[] sumH2 = new double[t];
        double[] sumE = new double[t];
        for (int i = 0; i < dataSets; i++) {
            for (int r = 0; r < t; r++) {
                sumH[r] += h[i][r];
                sumH2[r] += h[i][r] * h[i][r];
                sumE[r] += noiseVar[i][r];
            }
        }
        double[] all = biasAndDataVariance(sumH, sumH2, sumE, null, dataSets, noiseDraws, target);
        double[] biasOut = new double[dataSets];
        double[] dataOut = new double[dataSets];
        for (int i = 0; i < dataSets; i++) {
            double[] out = biasAndDataVariance(sumH, sumH2, sumE, new double[][] {h[i], noiseVar[i]}, dataSets,
                    noiseDraws, target);
            biasOut[i] = out[0];
            dataOut[i] = out[1];
        }
        return new Decomposition(p, new Estimate(all[0], jackknife(biasOut)), new Estimate(all[1], jackknife(dataOut)),
                meanEstimate(ve), meanEstimate(vp), meanEstimate(error));
    }

    /**
     * The decomposition at several numbers of features (in parallel), in long format: columns {@code features},
     * {@code ratio} (N/P), {@code component}, {@code value}, {@code se}.
     *
     * @param base the point whose features vary
     * @param features the values of N
     * @param dataSets n_X &gt;= 2
     * @param noiseDraws n_ε &gt;= 2
     * @param initialisations n_P &gt;= 2
     * @param progress told after each point, or null
     * @return five rows per N
     */
    public static Table sweep(DoubleDescent.Parameters base, int[] features, int dataSets, int noiseDraws,
                              int initialisations, ProgressListener progress) {
        AtomicInteger done = new AtomicInteger();
        List<Table> parts = Arrays.stream(features).parallel().mapToObj(n -> {
            DoubleDescent.Parameters p = base.toBuilder().features(n).build();
            Table t = estimate(p, dataSets, noiseDraws, initialisations, null).table();
            if (progress != null) {
                synchronized (done) {
                    progress.progress(done.incrementAndGet(), features.length, done.get(), Double.NaN);
                }
            }
            int rows = t.rowCount();
            int[] ns = new int[rows];
            Arrays.fill(ns, n);
            t.insertColumn(0, IntColumn.create("features", ns));
            t.insertColumn(1, DoubleColumn.create("ratio", Collections.nCopies(rows, (double) n / base.samples())));
            return t;
        }).toList();
        Table all = parts.get(0).copy();
        for (int i = 1; i < parts.size(); i++) {
            all.append(parts.get(i));
        }
        return all.setName("bias and variances");
    }

    /** B̂ and V̂_X from the sums over data sets, leaving out one data set's h and s²_ε if given. */
    private static double[] biasAndDataVariance(double[] sumH, double[] sumH2, double[] sumE, double[][] leaveOut,
                                                int dataSets, int noiseDraws, double[] target) {
        int nx = leaveOut == null ? dataSets : dataSets - 1;
        double bias = 0;
        double data = 0;
        int t = target.length;
        for (int r = 0; r < t; r++) {
            double s = sumH[r];
            double s2 = sumH2[r];
            double se = sumE[r];
            if (leaveOut != null) {
                s -= leaveOut[0][r];
                s2 -= leaveOut[0][r] * leaveOut[0][r];
                se -= leaveOut[1][r];
            }
            double mean = s / nx;
            double var = nx > 1 ? (s2 - nx * mean * mean) / (nx - 1) : 0;
            bias += ((mean - target[r]) * (mean - target[r]) - var / nx) / t;
            data += (var - se / nx / noiseDraws) / t;
        }
        return new double[] {bias, data};
    }

    private static double jackknife(double[] leaveOneOut) {
        int n = leaveOneOut.length;
        double mean = 0;
        for (double v : leaveOneOut) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : leaveOneOut) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt((n - 1.0) / n * ss);
    }

    private static Estimate meanEstimate(double[] values) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return new Estimate(mean, Math.sqrt(ss / (n - 1) / n));
    }

    /** A seed for one level and index of the nested sampling (SplitMix64's finaliser over the fields). */
    static long mix(long seed, long level, long i, long j, long m) {
        long h = seed;
        for (long v : new long[] {level, i, j, m}) {
            h = finalise(h + 0x9E3779B97F4A7C15L * (v + 1));
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
