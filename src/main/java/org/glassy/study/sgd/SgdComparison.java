package org.glassy.study.sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.glassy.core.ProgressListener;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;
import org.glassy.model.LinearClassifier;
import org.glassy.study.sgd.PhaseRetrievalStudy.Algorithm;
import org.glassy.study.sgd.PhaseRetrievalStudy.Parameters;
import org.glassy.theory.SgdLeastSquares;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The comparisons of notebook 09, as tables: the algorithms on phase retrieval (curves of one instance, the α of 50 %
 * success per algorithm, size and start), SGD's stationary loss on least squares against the exact answer, and the
 * effective temperature of several dynamics on the Gaussian mixture.
 */
public final class SgdComparison {

    private SgdComparison() {
    }

    /**
     * How the algorithms are set up for a dimension d: spherical weights, learning rate η = lrPerDim·d (the loss's
     * curvature is O(1/d)), final time timePerDim·d, SGD at each batch fraction, persistent SGD at one batch fraction
     * b with τ = persistenceSteps·η/b (correlation time bτ = persistenceSteps steps), Langevin at T = temperatureTimesDim/d.
     *
     * @param lrPerDim η/d &gt; 0
     * @param timePerDim final time / d &gt; 0
     * @param batches the SGD batch fractions
     * @param persistentBatch b of persistent SGD
     * @param persistenceSteps the persistent selection's correlation time in steps
     * @param temperatureTimesDim T·d of Langevin
     */
    public record Protocol(double lrPerDim, double timePerDim, double[] batches, double persistentBatch,
                           double persistenceSteps, double temperatureTimesDim) {

        /**
         * Validates the protocol.
         *
         * @param lrPerDim η/d &gt; 0
         * @param timePerDim final time / d &gt; 0
         * @param batches the SGD batch fractions
         * @param persistentBatch b of persistent SGD
         * @param persistenceSteps correlation time in steps, ≥ 1
         * @param temperatureTimesDim T·d &gt; 0
         */
        public Protocol {
            Require.positive("lrPerDim", lrPerDim);
            Require.positive("timePerDim", timePerDim);
            Objects.requireNonNull(batches, "batches");
            Require.positive("persistenceSteps", persistenceSteps);
            Require.positive("temperatureTimesDim", temperatureTimesDim);
            batches = batches.clone();
        }

        private Parameters build(int d, double alpha, long seed, Algorithm algorithm, double b, double startOverlap) {
            double lr = lrPerDim * d;
            Parameters.Builder p = Parameters.builder().dimension(d).alpha(alpha).algorithm(algorithm).learningRate(lr)
                    .time(timePerDim * d).seed(seed).spherical(true).startOverlap(startOverlap);
            if (algorithm == Algorithm.SGD || algorithm == Algorithm.PERSISTENT_SGD) {
                p.batchFraction(b);
            }
            if (algorithm == Algorithm.PERSISTENT_SGD) {
                p.persistence(persistenceSteps * lr / b);
            }
            if (algorithm == Algorithm.LANGEVIN) {
                p.temperature(temperatureTimesDim / d);
            }
            return p.build();
        }

        /**
         * The runs to compare: GD, SGD at each batch fraction, persistent SGD, Langevin.
         *
         * @param d the dimension
         * @param alpha α
         * @param startOverlap m₀ (0: random start)
         * @param seed the seed
         * @return the parameters, in that order
         */
        public List<Parameters> algorithms(int d, double alpha, double startOverlap, long seed) {
            List<Parameters> list = new ArrayList<>();
            list.add(build(d, alpha, seed, Algorithm.GD, 1, startOverlap));
            for (double b : batches) {
                list.add(build(d, alpha, seed, Algorithm.SGD, b, startOverlap));
            }
            list.add(build(d, alpha, seed, Algorithm.PERSISTENT_SGD, persistentBatch, startOverlap));
            list.add(build(d, alpha, seed, Algorithm.LANGEVIN, 1, startOverlap));
            return list;
        }
    }

    /**
     * Runs each parameter set and stacks the tables ({@link PhaseRetrievalStudy#table}) with a column
     * {@code curve}, the label.
     *
     * @param runs the parameters
     * @return columns time, train_loss, overlap, curve
     */
    public static Table curves(List<Parameters> runs) {
        Table all = null;
        for (Parameters p : runs) {
            Table t = PhaseRetrievalStudy.table(p);
            t.addColumns(constant("curve", p.label(), t.rowCount()));
            all = all == null ? t : all.append(t);
        }
        return all;
    }

    /**
     * The α of 50 % success ({@link SuccessThreshold#locate}) of every algorithm of the protocol, for each size and
     * start.
     *
     * @param protocol the algorithms
     * @param sizes the dimensions d
     * @param startOverlaps the starts' overlaps m₀ (0: random)
     * @param lo the bracket's lower end
     * @param hi the bracket's upper end
     * @param bisections bisection steps
     * @param seeds runs per evaluated α
     * @param workers sweep workers
     * @param progress a progress listener for a label, or null
     * @return columns d, start, algorithm, alpha_50, alpha_50_se, width, runs
     * @throws Exception if a run fails
     */
    public static Table thresholds(Protocol protocol, int[] sizes, double[] startOverlaps, double lo, double hi,
                                   int bisections, int seeds, int workers,
                                   Function<String, ProgressListener> progress) throws Exception {
        IntColumn dims = IntColumn.create("d");
        StringColumn starts = StringColumn.create("start");
        StringColumn names = StringColumn.create("algorithm");
        DoubleColumn alpha50 = DoubleColumn.create("alpha_50");
        DoubleColumn alpha50se = DoubleColumn.create("alpha_50_se");
        DoubleColumn widths = DoubleColumn.create("width");
        IntColumn runs = IntColumn.create("runs");
        for (int d : sizes) {
            for (double m0 : startOverlaps) {
                for (Parameters p : protocol.algorithms(d, lo, m0, 1)) {
                    SuccessThreshold.Estimate e = SuccessThreshold.locate(SuccessThreshold.phaseRetrieval(p), lo, hi,
                            bisections, seeds, workers,
                            progress == null ? null : progress.apply(p.label() + ", d = " + d + ", m0 = " + m0));
                    dims.append(d);
                    starts.append(m0 == 0 ? "random" : "m0 = " + m0);
                    names.append(p.label());
                    alpha50.append(e.alpha());
                    alpha50se.append(e.standardError());
                    widths.append(e.width());
                    runs.append(e.outcomes().rowCount());
                }
            }
        }
        return Table.create("50 % success", dims, starts, names, alpha50, alpha50se, widths, runs);
    }

    /**
     * SGD's stationary excess loss on least squares: exact, constant-noise, simulated, and the simulated value's
     * distance from each in standard errors.
     *
     * @param data the data set
     * @param rates the learning rates η
     * @param batches the batch fractions b
     * @param runs independent runs
     * @param burnIn discarded steps
     * @param steps averaged steps
     * @return columns eta, b, exact, constant_noise, simulated, simulated_se, z_exact, z_constant_noise
     */
    public static Table stationaryLoss(LeastSquaresSgd data, double[] rates, double[] batches, int runs, long burnIn,
                                       int steps) {
        DoubleColumn etaCol = DoubleColumn.create("eta");
        DoubleColumn bCol = DoubleColumn.create("b");
        DoubleColumn exactCol = DoubleColumn.create("exact");
        DoubleColumn lyapCol = DoubleColumn.create("constant_noise");
        DoubleColumn simCol = DoubleColumn.create("simulated");
        DoubleColumn seCol = DoubleColumn.create("simulated_se");
        DoubleColumn zCol = DoubleColumn.create("z_exact");
        DoubleColumn zLyapCol = DoubleColumn.create("z_constant_noise");
        for (double eta : rates) {
            for (double b : batches) {
                double exact = data.exact(eta, b, SgdLeastSquares.Noise.EXACT).excessLoss();
                double lyap = data.exact(eta, b, SgdLeastSquares.Noise.AT_MINIMUM).excessLoss();
                double[] sim = data.simulate(eta, b, runs, burnIn, steps);
                etaCol.append(eta);
                bCol.append(b);
                exactCol.append(exact);
                lyapCol.append(lyap);
                simCol.append(sim[0]);
                seCol.append(sim[1]);
                zCol.append((sim[0] - exact) / sim[1]);
                zLyapCol.append((sim[0] - lyap) / sim[1]);
            }
        }
        return Table.create("stationary excess loss", etaCol, bCol, exactCol, lyapCol, simCol, seCol, zCol, zLyapCol);
    }

    /**
     * The stationary-loss table in long form for a plot: one curve per kind (simulated, exact, constant noise) and
     * learning rate.
     *
     * @param stationary a {@link #stationaryLoss} table
     * @return columns b, excess_loss, se, curve
     */
    public static Table stationaryLossCurves(Table stationary) {
        Table all = null;
        for (String kind : new String[] {"simulated", "exact", "constant_noise"}) {
            DoubleColumn se = kind.equals("simulated") ? stationary.doubleColumn("simulated_se").copy()
                    : DoubleColumn.create("se", stationary.rowCount()).fillWith(0);
            se.setName("se");
            DoubleColumn value = stationary.doubleColumn(kind).copy();
            value.setName("excess_loss");
            Table t = Table.create(kind, stationary.doubleColumn("b").copy(), value, se);
            StringColumn c = StringColumn.create("curve");
            for (int i = 0; i < t.rowCount(); i++) {
                c.append(kind.replace('_', ' ') + ", η = " + stationary.doubleColumn("eta").get(i));
            }
            t.addColumns(c);
            all = all == null ? t : all.append(t);
        }
        return all;
    }

    /**
     * Effective temperatures ({@link FluctuationDissipation}) of several dynamics on the Gaussian mixture's
     * square-loss classifier, started at the ridge solution, and the exact generalisation error of the weights after
     * {@code burnIn} steps.
     *
     * @param mixture the data
     * @param ridge λ
     * @param names the dynamics' names
     * @param rules the dynamics, in the same order
     * @param direction u, the field's direction
     * @param field h
     * @param burnIn steps before the first window (and of the generalisation-error run)
     * @param windows windows averaged
     * @param lags steps per window
     * @param seed the seed
     * @return {summary: algorithm, T_eff, eps_g; curves: lag, time, delta_c, delta_c_se, response, response_se, curve}
     */
    public static Table[] temperatures(GaussianMixture mixture, double ridge, List<String> names,
                                       List<StepRule<? super BatchModel, ?>> rules, double[] direction, double field,
                                       long burnIn, int windows, int lags, long seed) {
        if (names.size() != rules.size()) {
            throw Require.invalid("names", "must name every rule, got " + names.size() + " for " + rules.size());
        }
        LinearClassifier classifier = mixture.model(ridge, LinearClassifier.ExampleLoss.SQUARE);
        double[] start = mixture.ridgeSolution(ridge);
        StringColumn algorithm = StringColumn.create("algorithm");
        DoubleColumn temperature = DoubleColumn.create("T_eff");
        DoubleColumn error = DoubleColumn.create("eps_g");
        Table curves = null;
        for (int k = 0; k < rules.size(); k++) {
            StepRule<? super BatchModel, ?> rule = rules.get(k);
            Table t = measure(classifier, rule, start, direction, field, burnIn, windows, lags, seed);
            algorithm.append(names.get(k));
            temperature.append(FluctuationDissipation.temperature(t));
            error.append(mixture.generalisationError(endPoint(classifier, rule, start, burnIn, seed)));
            t.addColumns(constant("curve", names.get(k), t.rowCount()));
            curves = curves == null ? t : curves.append(t);
        }
        return new Table[] {Table.create("effective temperature", algorithm, temperature, error), curves};
    }

    private static <S extends org.glassy.dynamics.RunState> Table measure(BatchModel model,
            StepRule<? super BatchModel, S> rule, double[] start, double[] direction, double field, long burnIn,
            int windows, int lags, long seed) {
        return FluctuationDissipation.measure(model, rule, start, direction, field, burnIn, windows, lags, seed);
    }

    private static <S extends org.glassy.dynamics.RunState> double[] endPoint(BatchModel model,
            StepRule<? super BatchModel, S> rule, double[] start, long steps, long seed) {
        return Dynamics.of(model, rule).seed(seed).steps(steps).run(start).finalState();
    }

    private static StringColumn constant(String name, String value, int rows) {
        StringColumn c = StringColumn.create(name);
        for (int i = 0; i < rows; i++) {
            c.append(value);
        }
        return c;
    }
}
