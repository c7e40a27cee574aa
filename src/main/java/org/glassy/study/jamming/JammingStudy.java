package org.glassy.study.jamming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.glassy.internal.Require;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Notebook 06's measurements on {@link HingeNetwork}s: scans of the SAT/UNSAT transition over the number of
 * examples (M. Geiger et al., Phys. Rev. E 100, 012115 (2019)), the gaps at the end of training, the Hessian
 * spectrum, and the ensemble average of networks trained from different initialisations and the fluctuations of
 * their outputs (M. Geiger et al., "Scaling description of generalization with number of parameters in deep
 * learning", J. Stat. Mech. (2020) 023401, arXiv:1901.01608).
 */
public final class JammingStudy {

    private JammingStudy() {
    }

    /**
     * One training run of a scan.
     *
     * @param depth L
     * @param width h
     * @param weights N, the paper's count
     * @param samples P
     * @param seed the seed of data and initialisation
     * @param result the end of the run
     * @param dead the violated constraints on dead inputs at the end ({@link #deadConstraints})
     */
    public record Run(int depth, int width, int weights, int samples, long seed, JammingTraining.Result result,
                      int dead) {

        /**
         * @return whether the run ended with violated constraints that are all on dead inputs (0 &lt; N_Δ = dead): a
         *     flat minimum of a narrow network, not a jammed one
         */
        public boolean deadOnly() {
            return result.unsatisfied() > 0 && dead == result.unsatisfied();
        }
    }

    /**
     * Trains networks with d = h on random data at several loads P = r·N, several seeds each (the data and the
     * initialisation of seed s use s), in parallel over the common pool.
     *
     * @param width h = d
     * @param depth L
     * @param loads the loads r = P/N, positive
     * @param seeds the number of seeds per load, at least 1
     * @param margin κ
     * @param protocol the optimiser and budget
     * @return the runs, in the order load, seed
     */
    public static List<Run> scanRandom(int width, int depth, double[] loads, int seeds, double margin,
                                       JammingTraining.Protocol protocol) {
        Require.atLeast("seeds", seeds, 1);
        HingeNetwork.Architecture architecture = new HingeNetwork.Architecture(width, width, depth);
        int n = architecture.weightCount();
        return IntStream.range(0, loads.length * seeds).parallel().mapToObj(i -> {
            double r = Require.positive("loads[i]", loads[i / seeds]);
            long seed = i % seeds + 1;
            int p = Math.max(1, (int) Math.round(r * n));
            HingeNetwork network = new HingeNetwork(architecture, JammingData.random(p, width, seed), margin);
            JammingTraining.Result result = JammingTraining.train(network, protocol, seed, null);
            return new Run(depth, width, n, p, seed, result, deadConstraints(network, result.parameters()));
        }).toList();
    }

    /**
     * The runs as a table: depth, width, n_params, samples, load (P/N), seed, n_unsat, unsat_fraction (N_Δ/N),
     * final_loss, outcome, steps, n_dead (violated constraints on dead inputs, {@link #deadConstraints}).
     *
     * @param runs the runs
     * @return the table
     */
    public static Table table(List<Run> runs) {
        Table t = Table.create("jamming scan",
                IntColumn.create("depth"), IntColumn.create("width"), IntColumn.create("n_params"),
                IntColumn.create("samples"), DoubleColumn.create("load"), IntColumn.create("seed"),
                IntColumn.create("n_unsat"), DoubleColumn.create("unsat_fraction"), DoubleColumn.create("final_loss"),
                StringColumn.create("outcome"), IntColumn.create("steps"), IntColumn.create("n_dead"));
        for (Run r : runs) {
            t.intColumn("depth").append(r.depth());
            t.intColumn("width").append(r.width());
            t.intColumn("n_params").append(r.weights());
            t.intColumn("samples").append(r.samples());
            t.doubleColumn("load").append((double) r.samples() / r.weights());
            t.intColumn("seed").append((int) r.seed());
            t.intColumn("n_unsat").append(r.result().unsatisfied());
            t.doubleColumn("unsat_fraction").append((double) r.result().unsatisfied() / r.weights());
            t.doubleColumn("final_loss").append(r.result().loss());
            t.stringColumn("outcome").append(r.result().outcome().label());
            t.intColumn("steps").append((int) r.result().steps());
            t.intColumn("n_dead").append(r.dead());
        }
        return t;
    }

    /**
     * Locates the transition in load r = P/N from the runs of a scan, with {@link Transition#locate}: SAT runs
     * (N_Δ = 0) against the others; undecided runs are left out, and so are runs whose violated constraints are
     * all on dead inputs ({@link Run#deadOnly}): at h = d = 8, L = 2 (N = 136) two of eight runs at P/N = 1.75 and 2
     * ended so, with N_Δ = 18 and 14 ≪ N and a gradient of 10⁻¹⁷, while the other six ended SAT; counted as UNSAT
     * they would place the step below every SAT load.
     *
     * @param runs the runs (one architecture)
     * @return the estimate of c = P* / N
     */
    public static Transition transition(List<Run> runs) {
        List<Run> decided = runs.stream()
                .filter(r -> r.result().outcome() != JammingTraining.Outcome.UNDECIDED && !r.deadOnly()).toList();
        if (decided.isEmpty()) {
            throw Require.invalid("runs", "must hold at least one run that ended SAT or UNSAT on live inputs");
        }
        double[] loads = decided.stream().mapToDouble(r -> (double) r.samples() / r.weights()).toArray();
        boolean[] sat = new boolean[decided.size()];
        for (int i = 0; i < sat.length; i++) {
            sat[i] = decided.get(i).result().outcome() == JammingTraining.Outcome.SAT;
        }
        return Transition.locate(loads, sat);
    }

    /**
     * The transition of each architecture in a set of runs: one row per (depth, width) with columns depth, width,
     * n_params, c (the load P* / N of {@link #transition}), c_error and misclassified.
     *
     * @param runs the runs of one or several scans
     * @return the table, in order of first appearance
     */
    public static Table transitions(List<Run> runs) {
        Table t = Table.create("jamming transitions", IntColumn.create("depth"), IntColumn.create("width"),
                IntColumn.create("n_params"), DoubleColumn.create("c"), DoubleColumn.create("c_error"),
                IntColumn.create("misclassified"));
        List<String> seen = new ArrayList<>();
        for (Run r : runs) {
            String key = r.depth() + "/" + r.width();
            if (seen.contains(key)) {
                continue;
            }
            seen.add(key);
            Transition c = transition(runs.stream().filter(o -> o.depth() == r.depth() && o.width() == r.width())
                    .toList());
            t.intColumn("depth").append(r.depth());
            t.intColumn("width").append(r.width());
            t.intColumn("n_params").append(r.weights());
            t.doubleColumn("c").append(c.threshold());
            t.doubleColumn("c_error").append(c.error());
            t.intColumn("misclassified").append(c.misclassified());
        }
        return t;
    }

    /**
     * Generalisation against the number of parameters at fixed P (S. Spigler et al., J. Phys. A 52, 474001 (2019);
     * M. Geiger et al., J. Stat. Mech. (2020) 023401): for each width h, k networks of depth L trained from seeds
     * 1 … k on the same training set ({@link #ensemble}). Columns: samples, depth, width, n_params, load (P/N),
     * sat (members that ended SAT), n_unsat (mean N_Δ), member_error (mean test error of the members),
     * member_error_se (its standard error over members), ensemble_error (of the mean output), fluctuation
     * ({@link Ensemble#fluctuation}).
     *
     * @param split the training and test sets
     * @param depth L
     * @param widths the widths h
     * @param members k ≥ 1
     * @param margin κ
     * @param protocol the training
     * @return one row per width
     */
    public static Table generalisation(JammingData.Split split, int depth, int[] widths, int members, double margin,
                                       JammingTraining.Protocol protocol) {
        Table t = Table.create("generalisation", IntColumn.create("samples"), IntColumn.create("depth"),
                IntColumn.create("width"), IntColumn.create("n_params"), DoubleColumn.create("load"),
                IntColumn.create("sat"), DoubleColumn.create("n_unsat"), DoubleColumn.create("member_error"),
                DoubleColumn.create("member_error_se"), DoubleColumn.create("ensemble_error"),
                DoubleColumn.create("fluctuation"));
        int p = split.train().size();
        for (int h : widths) {
            HingeNetwork.Architecture a = new HingeNetwork.Architecture(split.train().dimension(), h, depth);
            HingeNetwork network = new HingeNetwork(a, split.train(), margin);
            Ensemble e = ensemble(network, protocol, members, split.test());
            double[] errors = e.outputs().stream().mapToDouble(f -> HingeNetwork.error(f, e.labels())).toArray();
            double mean = Arrays.stream(errors).average().orElseThrow();
            double var = 0;
            for (double x : errors) {
                var += (x - mean) * (x - mean);
            }
            double se = members > 1 ? Math.sqrt(var / (members - 1.0) / members) : Double.NaN;
            t.intColumn("samples").append(p);
            t.intColumn("depth").append(depth);
            t.intColumn("width").append(h);
            t.intColumn("n_params").append(a.weightCount());
            t.doubleColumn("load").append((double) p / a.weightCount());
            t.intColumn("sat").append((int) e.results().stream()
                    .filter(r -> r.outcome() == JammingTraining.Outcome.SAT).count());
            t.doubleColumn("n_unsat").append(e.results().stream().mapToInt(JammingTraining.Result::unsatisfied)
                    .average().orElseThrow());
            t.doubleColumn("member_error").append(mean);
            t.doubleColumn("member_error_se").append(se);
            t.doubleColumn("ensemble_error").append(e.ensembleError());
            t.doubleColumn("fluctuation").append(e.fluctuation());
        }
        return t;
    }

    /**
     * The unsatisfied gaps Δ_μ &gt; 0, whose density near jamming goes as P₊(Δ) ~ Δ^θ.
     *
     * @param gaps Δ_μ
     * @return the positive ones
     */
    public static double[] overlaps(double[] gaps) {
        return Arrays.stream(gaps).filter(g -> g > 0).toArray();
    }

    /**
     * The violated gaps in units of the square root of the loss, Δ_μ/√L for Δ_μ &gt; δκ ({@link
     * JammingTraining#violated}), the variable whose distribution the authors record ({@code nn_jamming/train.py}
     * histograms Δ/√L for Δ &gt; 0): near jamming the overlaps are proportional to the distance from the
     * transition, and L = (1/(2P)) Σ Δ², so Δ/√L is of order one in every run and runs at different distances from
     * P* can be pooled. P₊(Δ/√L) ~ (Δ/√L)^θ for Δ/√L ≪ 1.
     *
     * @param gaps Δ_μ
     * @param margin κ
     * @return Δ_μ/√L of the violated constraints, empty when none is violated
     */
    public static double[] scaledOverlaps(double[] gaps, double margin) {
        double tolerance = JammingTraining.GAP_TOLERANCE * Math.abs(margin);
        double sum = 0;
        for (double g : gaps) {
            if (g > 0) {
                sum += g * g;
            }
        }
        double root = Math.sqrt(sum / (2.0 * gaps.length));
        return Arrays.stream(gaps).filter(g -> g > tolerance).map(g -> g / root).toArray();
    }

    /**
     * The violated constraints on <em>dead inputs</em>: examples whose last hidden layer is entirely switched off,
     * so that f(x_μ) is the output bias and ∇f(x_μ) has a single non-zero component (1, on that bias). No descent
     * can satisfy them except by moving the bias, which the other constraints pin: a run whose violated
     * constraints are all dead ended in a flat local minimum of a narrow network, not at a jammed one (at
     * h = d = 8 the chance that an input switches off all h units is of order 2^(−h) already at initialisation).
     *
     * @param network the loss
     * @param x the parameters
     * @return the number of violated constraints (Δ_μ &gt; δκ) with |∇f(x_μ)|² = 1 and only the output bias moving f
     */
    public static int deadConstraints(HingeNetwork network, double[] x) {
        double[] gaps = network.gaps(x);
        double tolerance = JammingTraining.GAP_TOLERANCE * Math.abs(network.margin());
        double[] g = new double[network.dimension()];
        int bias = network.dimension() - 1;   // the output bias is the last parameter
        int dead = 0;
        for (int mu = 0; mu < gaps.length; mu++) {
            if (gaps[mu] > tolerance) {
                network.outputGradient(x, mu, g);
                boolean onlyBias = g[bias] == 1;
                for (int i = 0; i < bias && onlyBias; i++) {
                    onlyBias = g[i] == 0;
                }
                if (onlyBias) {
                    dead++;
                }
            }
        }
        return dead;
    }

    /**
     * The satisfied gaps as positive numbers, −Δ_μ for Δ_μ &lt; 0, whose density goes as P₋(Δ) ~ |Δ|^(−γ).
     *
     * @param gaps Δ_μ
     * @return −Δ_μ of the negative ones
     */
    public static double[] satisfiedGaps(double[] gaps) {
        return Arrays.stream(gaps).filter(g -> g < 0).map(g -> -g).toArray();
    }

    /**
     * The Hessian of the loss and its Gauss–Newton part at given parameters,
     *
     * <pre>
     *   H = ∇²L = H₀ + H_p,   H₀ = (1/P) Σ_{Δ_μ&gt;0} ∇Δ_μ ∇Δ_μᵀ,   H_p = (1/P) Σ_{Δ_μ&gt;0} Δ_μ ∇²Δ_μ,
     * </pre>
     *
     * <p>as the authors split it ({@code functions.compute_hessian}), H₀ summed over the constraints that
     * {@link JammingTraining#violated} counts (Δ_μ &gt; δκ: the gaps of order 10⁻¹⁷ a SAT run ends with are contacts,
     * not violations): H₀ is positive semi-definite of rank at most N_Δ, so for N_Δ &lt; N it has at least N − N_Δ zero modes. H₀ is exact (outer products of
     * {@link HingeNetwork#outputGradient}); H by central differences of the exact gradient, column i =
     * [∇L(θ + ε e_i) − ∇L(θ − ε e_i)]/(2ε) with ε = 10⁻⁶, symmetrised (exact up to O(ε²) away from the kinks of
     * ReLU and of the hinge, which a step of 10⁻⁶ rarely crosses). Full matrices: for parameter counts up to a
     * few thousand.
     *
     * @param network the loss
     * @param x the parameters
     * @return the eigenvalues, increasing, of H (index 0) and of H₀ (index 1)
     */
    public static double[][] hessianSpectra(HingeNetwork network, double[] x) {
        int n = network.dimension();
        if (n > 4000) {
            throw Require.invalid("width", "must give at most 4000 parameters for a full Hessian, got " + n);
        }
        double eps = 1e-6;
        double[][] h = new double[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double[] gp = new double[n];
            double[] gm = new double[n];
            network.energyAndGradient(plus, gp);
            network.energyAndGradient(minus, gm);
            for (int j = 0; j < n; j++) {
                gp[j] = (gp[j] - gm[j]) / (2 * eps);
            }
            h[i] = gp;
        });
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                h[i][j] = h[j][i] = (h[i][j] + h[j][i]) / 2;
            }
        }
        double[][] h0 = new double[n][n];
        double[] gaps = network.gaps(x);
        double[] g = new double[n];
        int p = gaps.length;
        double violated = JammingTraining.GAP_TOLERANCE * Math.abs(network.margin());  // as N_Δ counts them
        for (int mu = 0; mu < p; mu++) {
            if (gaps[mu] > violated) {
                network.outputGradient(x, mu, g);
                for (int i = 0; i < n; i++) {
                    double gi = g[i] / p;
                    if (gi == 0) {
                        continue;
                    }
                    for (int j = i; j < n; j++) {
                        h0[i][j] += gi * g[j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {  // the lower triangle mirrors the upper one: exactly symmetric, as Hipparchus
            for (int j = 0; j < i; j++) {  // requires (g_i g_j/P and g_j g_i/P can differ in the last bit)
                h0[i][j] = h0[j][i];
            }
        }
        return new double[][] {increasing(h), increasing(h0)};
    }

    private static double[] increasing(double[][] m) {
        double[] e = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(m), 1e-12, false).getEigenvalues();
        double[] copy = e.clone();
        Arrays.sort(copy);
        return copy;
    }

    /**
     * The number of eigenvalues above a threshold.
     *
     * @param eigenvalues the spectrum
     * @param threshold the threshold
     * @return how many exceed it
     */
    public static int countAbove(double[] eigenvalues, double threshold) {
        return (int) Arrays.stream(eigenvalues).filter(e -> e > threshold).count();
    }

    /**
     * The outputs of an ensemble of networks trained from the initialisations of seeds 1 … k on one training set,
     * evaluated on the test inputs.
     *
     * @param network the loss on the training set
     * @param protocol the training
     * @param members k ≥ 1
     * @param test the test inputs
     * @return k arrays of test outputs, and the runs' results (for their outcome), in seed order
     */
    public static Ensemble ensemble(HingeNetwork network, JammingTraining.Protocol protocol, int members,
                                    Examples test) {
        Require.atLeast("members", members, 1);
        List<JammingTraining.Result> results = IntStream.rangeClosed(1, members).parallel()
                .mapToObj(s -> JammingTraining.train(network, protocol, (long) s, null)).toList();
        List<double[]> outputs = new ArrayList<>();
        for (JammingTraining.Result r : results) {
            outputs.add(network.outputs(r.parameters(), test.inputs()));
        }
        return new Ensemble(results, outputs, test.labels());
    }

    /**
     * The members of an ensemble and their outputs on a test set.
     *
     * @param results the members' training results
     * @param outputs each member's test outputs f_N^(i)(x)
     * @param labels the test labels
     */
    public record Ensemble(List<JammingTraining.Result> results, List<double[]> outputs, double[] labels) {

        /** @return the mean output ⟨f_N⟩(x) over the members */
        public double[] meanOutput() {
            double[] mean = new double[labels.length];
            for (double[] f : outputs) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += f[i] / outputs.size();
                }
            }
            return mean;
        }

        /** @return the mean test error of the members */
        public double memberError() {
            return outputs.stream().mapToDouble(f -> HingeNetwork.error(f, labels)).average().orElseThrow();
        }

        /** @return the test error of the mean output (the ensemble average) */
        public double ensembleError() {
            return HingeNetwork.error(meanOutput(), labels);
        }

        /**
         * The fluctuation of the output across initialisations, ‖f_N − ⟨f_N⟩‖ = [⟨(f_N(x) − ⟨f_N⟩(x))²⟩]^½,
         * the average over test inputs x and members (1901.01608: ~ N^(−1/4) at large N), with the unbiased
         * k − 1 normalisation of the variance over k members.
         *
         * @return the root-mean-square deviation from the mean output, NaN for one member
         */
        public double fluctuation() {
            if (outputs.size() < 2) {
                return Double.NaN;
            }
            double[] mean = meanOutput();
            double s = 0;
            for (double[] f : outputs) {
                for (int i = 0; i < mean.length; i++) {
                    s += (f[i] - mean[i]) * (f[i] - mean[i]);
                }
            }
            return Math.sqrt(s / ((outputs.size() - 1.0) * mean.length));
        }
    }
}
