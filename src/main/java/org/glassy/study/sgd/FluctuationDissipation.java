package org.glassy.study.sgd;

import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.core.StepHandler;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.BatchModel;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The effective temperature of a stochastic dynamics in its stationary state, from the fluctuation–dissipation
 * ratio of the observable A(w) = u·w (u a unit vector): a constant field h switched on at t_w adds −h A(w) to the
 * loss, and
 *
 * <pre>
 *   χ(τ) = [⟨A(t_w + τ)⟩_h − ⟨A(t_w + τ)⟩_0] / h,   ΔC(τ) = ½ ⟨[A(t_w + τ) − A(t_w)]²⟩ = C(0) − C(τ),
 * </pre>
 *
 * <p>with χ measured with common random numbers (the perturbed and unperturbed copies draw the same selections and
 * the same noise from the same seed), so for a loss quadratic in w the difference is exactly the linear response.
 * In equilibrium at temperature T, χ(τ) = ΔC(τ)/T (the fluctuation–dissipation theorem, with time = steps × η and
 * Langevin noise √(2Tη) per step); otherwise the ratio defines T_eff(τ) = ΔC(τ)/χ(τ), and {@link #temperature} is
 * the least-squares slope Σ ΔC χ / Σ χ² over the lags. For Euler–Maruyama Langevin on a one-dimensional quadratic of
 * stiffness k it is T/(1 − kη/2) at every lag; for SGD with fresh batches on one-dimensional least squares it is
 * H Σ with Σ the exact stationary variance of {@link org.glassy.theory.SgdLeastSquares}. Mignacco and Urbani
 * (arXiv:2112.10852) define SGD's effective temperature this way (their claim, that it grows with η and τ and
 * falls with b, is what notebook 09 measures).
 *
 * <p>Protocol: {@code burnIn} steps from the start, then {@code windows} consecutive windows of {@code lags} steps,
 * each run twice (h = 0 and h) from the same state with the window's own seed; the next window starts where the
 * unperturbed copy ended.
 */
public final class FluctuationDissipation {

    private FluctuationDissipation() {
    }

    /**
     * A batch loss plus a linear field, L(w) − h u·w (and the same term on every batch).
     */
    static final class Field implements BatchModel {
        private final BatchModel base;
        private final double[] direction;
        private final double field;

        Field(BatchModel base, double[] direction, double field) {
            this.base = base;
            this.direction = direction;
            this.field = field;
        }

        @Override
        public int dimension() {
            return base.dimension();
        }

        @Override
        public int exampleCount() {
            return base.exampleCount();
        }

        private double dot(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += direction[i] * x[i];
            }
            return s;
        }

        @Override
        public double energy(double[] x) {
            return base.energy(x) - field * dot(x);
        }

        @Override
        public double energyAndGradient(double[] x, double[] gradient) {
            double e = base.energyAndGradient(x, gradient);
            for (int i = 0; i < x.length; i++) {
                gradient[i] -= field * direction[i];
            }
            return e - field * dot(x);
        }

        @Override
        public double batchEnergyAndGradient(double[] x, int[] indices, int from, int to, double[] gradient) {
            double e = base.batchEnergyAndGradient(x, indices, from, to, gradient);
            for (int i = 0; i < x.length; i++) {
                gradient[i] -= field * direction[i];
            }
            return e - field * dot(x);
        }
    }

    /**
     * Measures χ(τ) and ΔC(τ).
     *
     * @param model the loss
     * @param rule the stochastic dynamics (its time step is η)
     * @param start the initial point
     * @param direction u, normalised here to |u| = 1
     * @param field h &gt; 0, small (exact for quadratic losses whatever its size)
     * @param burnIn steps before the first window, at least 0
     * @param windows the number of windows, at least 1
     * @param lags the steps per window, at least 1
     * @param seed the seed of the burn-in and of the windows' seeds
     * @param <S> the rule's state
     * @return columns lag, time (lag × η), delta_c, delta_c_se, response, response_se, for lags 1 … {@code lags}
     */
    public static <S extends RunState> Table measure(BatchModel model, StepRule<? super BatchModel, S> rule,
                                                     double[] start, double[] direction, double field, long burnIn,
                                                     int windows, int lags, long seed) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rule, "rule");
        Require.positive("field", field);
        Require.atLeast("burnIn", burnIn, 0);
        Require.atLeast("windows", windows, 1);
        Require.atLeast("lags", lags, 1);
        double norm = 0;
        for (double v : direction) {
            norm += v * v;
        }
        if (direction.length != model.dimension() || !(norm > 0)) {
            throw Require.invalid("direction", "must be a non-zero vector of length " + model.dimension());
        }
        double[] u = direction.clone();
        for (int i = 0; i < u.length; i++) {
            u[i] /= Math.sqrt(norm);
        }
        Field perturbed = new Field(model, u, field);
        SplittableRandom seeds = new SplittableRandom(seed);
        double[] w = Dynamics.of(model, rule).seed(seeds.nextLong()).steps(burnIn).run(start).finalState();
        long[] every = new long[lags + 1];
        for (int k = 0; k <= lags; k++) {
            every[k] = k;
        }
        double[] sumC = new double[lags + 1];
        double[] sumC2 = new double[lags + 1];
        double[] sumR = new double[lags + 1];
        double[] sumR2 = new double[lags + 1];
        for (int j = 0; j < windows; j++) {
            long windowSeed = seeds.nextLong();
            double[] a0 = new double[lags + 1];
            double[] ah = new double[lags + 1];
            StepHandler free = (step, time, x, energy) -> a0[(int) step] = dot(u, x);
            StepHandler forced = (step, time, x, energy) -> ah[(int) step] = dot(u, x);
            double[] next = Dynamics.of(model, rule).seed(windowSeed).steps(lags).record(every, free).run(w)
                    .finalState();
            Dynamics.of((BatchModel) perturbed, rule).seed(windowSeed).steps(lags).record(every, forced).run(w);
            for (int k = 1; k <= lags; k++) {
                double dc = 0.5 * (a0[k] - a0[0]) * (a0[k] - a0[0]);
                double r = (ah[k] - a0[k]) / field;
                sumC[k] += dc;
                sumC2[k] += dc * dc;
                sumR[k] += r;
                sumR2[k] += r * r;
            }
            w = next;
        }
        IntColumn lag = IntColumn.create("lag");
        DoubleColumn time = DoubleColumn.create("time");
        DoubleColumn dc = DoubleColumn.create("delta_c");
        DoubleColumn dcSe = DoubleColumn.create("delta_c_se");
        DoubleColumn response = DoubleColumn.create("response");
        DoubleColumn responseSe = DoubleColumn.create("response_se");
        for (int k = 1; k <= lags; k++) {
            lag.append(k);
            time.append(k * rule.timeStep());
            double mc = sumC[k] / windows;
            double mr = sumR[k] / windows;
            dc.append(mc);
            response.append(mr);
            dcSe.append(windows > 1 ? Math.sqrt(Math.max(0, sumC2[k] / windows - mc * mc) / (windows - 1)) : Double.NaN);
            responseSe.append(windows > 1 ? Math.sqrt(Math.max(0, sumR2[k] / windows - mr * mr) / (windows - 1))
                    : Double.NaN);
        }
        return Table.create("fluctuation-dissipation", lag, time, dc, dcSe, response, responseSe);
    }

    /**
     * Returns the effective temperature Σ ΔC χ / Σ χ² over the rows of a {@link #measure} table.
     *
     * @param table the table
     * @return T_eff
     */
    public static double temperature(Table table) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < table.rowCount(); i++) {
            double c = table.doubleColumn("delta_c").get(i);
            double r = table.doubleColumn("response").get(i);
            num += c * r;
            den += r * r;
        }
        return num / den;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
