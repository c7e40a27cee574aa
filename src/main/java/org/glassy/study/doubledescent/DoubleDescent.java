package org.glassy.study.doubledescent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.glassy.core.ProgressListener;
import org.glassy.internal.Require;
import org.glassy.internal.Resources;
import org.glassy.model.Activation;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Simulated test error of the two solvable models of double descent, next to their theory: what
 * {@code bin/glassy double-descent} runs and notebook 07 sweeps.
 * <ul>
 * <li>{@link Model#LINEAR}: inputs x ~ N(0, I_D), teacher β uniform on the sphere |β|² = r² = 1, labels
 *     y = x·β + ε, ε ~ N(0, σ²); the features are the inputs (N = D); β̂ by {@link RidgeRegression}; the test
 *     error is the exact excess risk |β̂ − β|² (isotropic inputs). Theory: at λ = 0 the exact finite-size
 *     expectation {@link LinearRidgeRisk#ridgelessFinite}, at λ &gt; 0 the asymptotic {@link LinearRidgeRisk#ridge}
 *     at γ = D/P.</li>
 * <li>{@link Model#RANDOM_FEATURES}: inputs uniform on the sphere |x|² = D, a unit-norm linear teacher plus
 *     noise of standard deviation σ, {@link RandomFeatures} with N features; an ensemble of K models shares the
 *     data and labels but not θ, and predicts the mean of their outputs. The test error is the excess risk
 *     E_x(f_K(x) − x·β)² on {@code testSamples} fresh inputs. Theory (K = 1 only, else NaN): Mei and Montanari's
 *     {@link RandomFeaturesTheory#excessRisk}.</li>
 * </ul>
 * Each of the {@code repeats} repeats draws new data, teacher, noise and θ from its own stream (split from the
 * seed); the result is their mean with its standard error.
 */
public final class DoubleDescent {

    private DoubleDescent() {
    }

    /** The two models. */
    public enum Model {
        /** Min-norm or ridge linear regression on the inputs. */
        LINEAR("linear"),
        /** Random features regression. */
        RANDOM_FEATURES("random-features");

        private final String label;

        Model(String label) {
            this.label = label;
        }

        /** @return the command line's name, {@code linear} or {@code random-features} */
        public String label() {
            return label;
        }

        /**
         * The model of a name.
         *
         * @param name {@code linear} or {@code random-features}
         * @return the model
         */
        public static Model parse(String name) {
            for (Model m : values()) {
                if (m.label.equals(name)) {
                    return m;
                }
            }
            throw Require.invalid("model", "must be linear or random-features, got " + name);
        }
    }

    /**
     * One point of a study: model, sizes, noise, ridge and sampling. Built by {@link #builder()}.
     *
     * @param model the model
     * @param features N &gt;= 1 (= D for the linear model)
     * @param samples P &gt;= 1
     * @param dim D &gt;= 1
     * @param noise σ &gt;= 0, the label noise's standard deviation
     * @param ridge λ &gt;= 0 of (1/P)|y − Xb|² + λ|b|² (&gt; 0 for the linear model at D = P)
     * @param activation σ of the random features (ignored by the linear model)
     * @param ensemble K &gt;= 1 models per ensemble (1 for the linear model)
     * @param repeats R &gt;= 1 repeats with new data
     * @param testSamples T &gt;= 1 test inputs per repeat (random features)
     * @param seed the seed
     */
    public record Parameters(Model model, int features, int samples, int dim, double noise, double ridge,
                             Activation activation, int ensemble, int repeats, int testSamples, long seed) {

        /**
         * Validates, naming the parameter and its range.
         *
         * @param model the model
         * @param features N &gt;= 1, equal to D for the linear model
         * @param samples P &gt;= 1
         * @param dim D &gt;= 1
         * @param noise σ &gt;= 0
         * @param ridge λ &gt;= 0, &gt; 0 for the linear model at D = P
         * @param activation σ of the random features
         * @param ensemble K &gt;= 1, 1 for the linear model
         * @param repeats R &gt;= 1
         * @param testSamples T &gt;= 1
         * @param seed the seed
         */
        public Parameters {
            Require.given("model", model);
            Require.given("activation", activation);
            Require.atLeast("features", features, 1);
            Require.atLeast("samples", samples, 1);
            Require.atLeast("dim", dim, 1);
            Require.nonNegative("noise", noise);
            Require.nonNegative("ridge", ridge);
            Require.atLeast("ensemble", ensemble, 1);
            Require.atLeast("repeats", repeats, 1);
            Require.atLeast("testSamples", testSamples, 1);
            if (model == Model.LINEAR) {
                if (features != dim) {
                    throw Require.invalid("features", "must equal the input dimension for the linear model (the "
                            + "features are the inputs), got " + features + " features in dimension " + dim);
                }
                if (ensemble != 1) {
                    throw Require.invalid("ensemble", "must be 1 for the linear model (it has no random "
                            + "initialisation), got " + ensemble);
                }
                if (ridge == 0 && dim == samples) {
                    throw Require.invalid("ridge", "must be > 0 for the linear model when the dimension equals "
                            + "the number of samples (gamma = 1: the min-norm risk is infinite), got 0");
                }
            }
        }

        /** @return a builder with the defaults: ReLU, K = 1, R = 10, T = 1000, seed 1 */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these values */
        public Builder toBuilder() {
            return new Builder().model(model).features(features).samples(samples).dim(dim).noise(noise).ridge(ridge)
                    .activation(activation).ensemble(ensemble).repeats(repeats).testSamples(testSamples).seed(seed);
        }

        /**
         * Refuses runs that would take more than {@link Resources#MAX_OPERATIONS} multiply–adds, more memory
         * than the heap or arrays longer than Java's, naming the parameter to reduce.
         */
        public void requireResources() {
            double n = features;
            double p = samples;
            double small = Math.min(n, p);
            double fit = small * small * Math.max(n, p) + small * small * small / 3;
            double perModel = model == Model.LINEAR ? p * n + fit : (p + testSamples) * n * dim + fit;
            Resources.requireWork("repeats", (double) repeats * ensemble * perModel,
                    String.format(Locale.ROOT, "%d repeats of %d fits of %.3g multiply-adds", repeats, ensemble,
                            perModel));
            double widest = Math.max(n, dim) * Math.max(Math.max(p, testSamples), dim);
            Resources.requireArrayLength("features", Math.max(widest, small * small), "the feature matrix");
            double doubles = p * dim + (double) testSamples * dim + (p + testSamples) * n + small * small + n * dim;
            Resources.requireMemory("features", 8 * doubles, Resources.count(doubles) + " doubles of data, "
                    + "features and Gram matrix");
        }

        /**
         * The theory's value: see the class comment.
         *
         * @return the excess risk predicted, +∞ where it diverges, NaN for ensembles of K &gt; 1
         */
        public double theory() {
            double noiseVariance = noise * noise;
            if (model == Model.LINEAR) {
                return ridge == 0 ? LinearRidgeRisk.ridgelessFinite(dim, samples, 1, noiseVariance)
                        : LinearRidgeRisk.ridge((double) dim / samples, ridge, 1, noiseVariance);
            }
            return ensemble == 1
                    ? RandomFeaturesTheory.excessRisk(activation, features, samples, dim, ridge, 1, noiseVariance)
                    : Double.NaN;
        }
    }

    /** Builds {@link Parameters}; model, features, samples, dim, noise and ridge have no default. */
    public static final class Builder {
        private Model model;
        private Integer features;
        private Integer samples;
        private Integer dim;
        private Double noise;
        private Double ridge;
        private Activation activation = Activation.RELU;
        private int ensemble = 1;
        private int repeats = 10;
        private int testSamples = 1000;
        private long seed = 1;

        private Builder() {
        }

        /**
         * Sets the model.
         *
         * @param v the model
         * @return this
         */
        public Builder model(Model v) {
            model = v;
            return this;
        }

        /**
         * Sets N &gt;= 1.
         *
         * @param v N &gt;= 1
         * @return this
         */
        public Builder features(int v) {
            features = v;
            return this;
        }

        /**
         * Sets P &gt;= 1.
         *
         * @param v P &gt;= 1
         * @return this
         */
        public Builder samples(int v) {
            samples = v;
            return this;
        }

        /**
         * Sets D &gt;= 1.
         *
         * @param v D &gt;= 1
         * @return this
         */
        public Builder dim(int v) {
            dim = v;
            return this;
        }

        /**
         * Sets σ &gt;= 0.
         *
         * @param v σ &gt;= 0
         * @return this
         */
        public Builder noise(double v) {
            noise = v;
            return this;
        }

        /**
         * Sets λ &gt;= 0.
         *
         * @param v λ &gt;= 0
         * @return this
         */
        public Builder ridge(double v) {
            ridge = v;
            return this;
        }

        /**
         * Sets σ of the random features.
         *
         * @param v σ of the random features
         * @return this
         */
        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        /**
         * Sets K &gt;= 1.
         *
         * @param v K &gt;= 1
         * @return this
         */
        public Builder ensemble(int v) {
            ensemble = v;
            return this;
        }

        /**
         * Sets R &gt;= 1.
         *
         * @param v R &gt;= 1
         * @return this
         */
        public Builder repeats(int v) {
            repeats = v;
            return this;
        }

        /**
         * Sets T &gt;= 1.
         *
         * @param v T &gt;= 1
         * @return this
         */
        public Builder testSamples(int v) {
            testSamples = v;
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param v the seed
         * @return this
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** @return the validated parameters */
        public Parameters build() {
            return new Parameters(Require.given("model", model), Require.given("features", features),
                    Require.given("samples", samples), Require.given("dim", dim), Require.given("noise", noise),
                    Require.given("ridge", ridge), activation, ensemble, repeats, testSamples, seed);
        }
    }

    /**
     * A simulated point.
     *
     * @param parameters what was run
     * @param testError the mean excess risk over the repeats
     * @param standardError its standard error (NaN for one repeat)
     * @param theory {@link Parameters#theory()}
     */
    public record Result(Parameters parameters, double testError, double standardError, double theory) {
    }

    /**
     * Runs the repeats of one point.
     *
     * @param p the parameters
     * @param progress told after each repeat (step = repeats done, energy = the running mean), or null
     * @return the mean excess risk, its standard error and the theory
     * @throws CancellationException if the thread is interrupted (checked before every fit)
     */
    public static Result run(Parameters p, ProgressListener progress) {
        p.requireResources();
        SplittableRandom root = new SplittableRandom(p.seed());
        double mean = 0;
        double squares = 0;
        for (int r = 0; r < p.repeats(); r++) {
            double e = repeat(p, root.split(), r);
            double delta = e - mean;
            mean += delta / (r + 1);
            squares += delta * (e - mean);
            if (progress != null) {
                progress.progress(r + 1, p.repeats(), r + 1, mean);
            }
        }
        double se = p.repeats() > 1 ? Math.sqrt(squares / (p.repeats() - 1) / p.repeats()) : Double.NaN;
        return new Result(p, mean, se, p.theory());
    }

    /** One repeat's excess risk. */
    static double repeat(Parameters p, SplittableRandom random, int index) {
        checkInterrupt(index, p.repeats());
        int d = p.dim();
        int n = p.samples();
        double[] beta = RandomFeatures.sphereRows(1, d, random.split());
        double scale = 1 / Math.sqrt(d);   // |β| = 1
        for (int k = 0; k < d; k++) {
            beta[k] *= scale;
        }
        SplittableRandom data = random.split();
        double[] x = p.model() == Model.LINEAR ? gaussian(n, d, data) : RandomFeatures.sphereRows(n, d, data);
        double[] y = labels(x, n, beta, p.noise(), random.split());
        if (p.model() == Model.LINEAR) {
            double[] b = RidgeRegression.fit(x, n, d, y, p.ridge());
            double e = 0;
            for (int k = 0; k < d; k++) {
                e += (b[k] - beta[k]) * (b[k] - beta[k]);
            }
            return e;
        }
        int t = p.testSamples();
        double[] test = RandomFeatures.sphereRows(t, d, random.split());
        double[] target = labels(test, t, beta, 0, null);
        double[] f = new double[t];
        for (int k = 0; k < p.ensemble(); k++) {
            checkInterrupt(index, p.repeats());
            RandomFeatures model = new RandomFeatures(p.activation(), p.features(), d, random.split());
            double[] fk = model.fitAndPredict(x, y, p.ridge(), test, t);
            for (int i = 0; i < t; i++) {
                f[i] += fk[i] / p.ensemble();
            }
        }
        double e = 0;
        for (int i = 0; i < t; i++) {
            e += (f[i] - target[i]) * (f[i] - target[i]);
        }
        return e / t;
    }

    /**
     * Runs several points (in parallel; each has its own seed, so the results do not depend on the order) and
     * tabulates them with the command line's columns
     * {@code model,features,samples,dim,noise,ridge,ensemble,test_error,test_error_se,theory}.
     *
     * @param points the parameters
     * @return one row per point, in the given order
     */
    public static Table table(List<Parameters> points) {
        return table(points.parallelStream().map(q -> run(q, null)).toList(), "double-descent");
    }

    /**
     * Tabulates results with the command line's columns.
     *
     * @param results the results
     * @param name the table's name
     * @return one row per result
     */
    public static Table table(List<Result> results, String name) {
        StringColumn model = StringColumn.create("model");
        IntColumn features = IntColumn.create("features");
        IntColumn samples = IntColumn.create("samples");
        IntColumn dim = IntColumn.create("dim");
        DoubleColumn noise = DoubleColumn.create("noise");
        DoubleColumn ridge = DoubleColumn.create("ridge");
        IntColumn ensemble = IntColumn.create("ensemble");
        DoubleColumn error = DoubleColumn.create("test_error");
        DoubleColumn se = DoubleColumn.create("test_error_se");
        DoubleColumn theory = DoubleColumn.create("theory");
        for (Result r : results) {
            Parameters p = r.parameters();
            model.append(p.model().label());
            features.append(p.features());
            samples.append(p.samples());
            dim.append(p.dim());
            noise.append(p.noise());
            ridge.append(p.ridge());
            ensemble.append(p.ensemble());
            error.append(r.testError());
            se.append(r.standardError());
            theory.append(r.theory());
        }
        return Table.create(name, model, features, samples, dim, noise, ridge, ensemble, error, se, theory);
    }

    /**
     * Runs the points of a sweep (in parallel) and tabulates them with the command line's columns plus
     * {@code ratio} = N/P (γ = D/P for the linear model) and {@code curve}, the label of the curve a point belongs to.
     *
     * @param points the parameters
     * @param curve the label of each point's curve, e.g. {@code p -> "K = " + p.ensemble()}
     * @param progress told after each point (step = points done, energy = that point's test error), or null
     * @return one row per point, in the given order
     */
    public static Table sweep(List<Parameters> points, Function<Parameters, String> curve,
                              ProgressListener progress) {
        AtomicInteger done = new AtomicInteger();
        List<Result> results = points.parallelStream().map(q -> {
            Result r = run(q, null);
            if (progress != null) {
                synchronized (done) {
                    progress.progress(done.incrementAndGet(), points.size(), done.get(), r.testError());
                }
            }
            return r;
        }).toList();
        Table t = table(results, "double-descent sweep");
        DoubleColumn ratio = DoubleColumn.create("ratio");
        StringColumn label = StringColumn.create("curve");
        for (Result r : results) {
            ratio.append((double) r.parameters().features() / r.parameters().samples());
            label.append(curve.apply(r.parameters()));
        }
        return t.addColumns(ratio, label);
    }

    /**
     * How far a sweep's simulations lie from their theory, per curve, in standard errors: columns {@code curve},
     * {@code points} (rows with a finite theory and a standard error), {@code worst} (the largest
     * |test_error − theory|/test_error_se), {@code at_ratio} (where), {@code mean} (the mean signed deviation).
     *
     * @param sweep a table of {@link #sweep}
     * @return one row per curve that has theory, in order of appearance
     */
    public static Table deviations(Table sweep) {
        StringColumn curve = StringColumn.create("curve");
        IntColumn points = IntColumn.create("points");
        DoubleColumn worst = DoubleColumn.create("worst");
        DoubleColumn at = DoubleColumn.create("at_ratio");
        DoubleColumn mean = DoubleColumn.create("mean");
        Map<String, double[]> byCurve = new LinkedHashMap<>();   // n, worst, at, sum
        for (int r = 0; r < sweep.rowCount(); r++) {
            DoubleColumn th = sweep.doubleColumn("theory");
            DoubleColumn se = sweep.doubleColumn("test_error_se");
            if (th.isMissing(r) || se.isMissing(r) || !Double.isFinite(th.get(r)) || !(se.get(r) > 0)) {
                continue;
            }
            double z = (sweep.doubleColumn("test_error").get(r) - th.get(r)) / se.get(r);
            double[] acc = byCurve.computeIfAbsent(sweep.stringColumn("curve").get(r), k -> new double[4]);
            acc[0]++;
            if (Math.abs(z) > acc[1]) {
                acc[1] = Math.abs(z);
                acc[2] = sweep.doubleColumn("ratio").get(r);
            }
            acc[3] += z;
        }
        byCurve.forEach((k, acc) -> {
            curve.append(k);
            points.append((int) acc[0]);
            worst.append(acc[1]);
            at.append(acc[2]);
            mean.append(acc[3] / acc[0]);
        });
        return Table.create("simulation against theory, in standard errors", curve, points, worst, at, mean);
    }

    /** Gaussian rows, rows × d. */
    static double[] gaussian(int rows, int d, SplittableRandom random) {
        double[] x = new double[rows * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    /** y = x·β + σ ε. */
    static double[] labels(double[] x, int rows, double[] beta, double sigma, SplittableRandom random) {
        int d = beta.length;
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += x[r * d + k] * beta[k];
            }
            y[r] = sigma == 0 ? s : s + sigma * random.nextGaussian();
        }
        return y;
    }

    static void checkInterrupt(int done, int total) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("run interrupted after " + done + " of " + total + " repeats");
        }
    }
}
