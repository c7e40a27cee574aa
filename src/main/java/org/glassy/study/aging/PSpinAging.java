package org.glassy.study.aging;

import java.util.SplittableRandom;

import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.MeanSquareDisplacement;
import org.glassy.observable.TwoTimeCorrelation;
import org.glassy.observable.TwoTimeObservable;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Two-time observables of the spherical p-spin after a quench from a random start: the glass side
 * of Baity-Jesi et al. (ICML 2018). C(t_w + t, t_w) and Δ(t_w, t_w + t) = 2[1 − C] on waiting
 * times log-spaced from t = 1 to half the run and lags from one step to half the run. Below T_d
 * the curves for larger t_w decay later (aging: a plateau at q_EA whose exit time grows with
 * t_w); above T_d they coincide (L. F. Cugliandolo and J. Kurchan, PRL 71, 173 (1993)).
 */
public final class PSpinAging {

    private PSpinAging() {
    }

    /**
     * One run; T = 0 is gradient descent.
     *
     * @param p the interaction order, in [2, 500] ({@link PSpinSpherical#MAX_P})
     * @param n the number of spins, at least p
     * @param temperature T ≥ 0
     * @param dt the time step &gt; 0
     * @param time the final time, at least 4 and at least 4 dt
     * @param seed the seed of couplings, start and noise
     * @param waitingTimes the number of waiting times, at least 2
     */
    public record Parameters(int p, int n, double temperature, double dt, double time, long seed, int waitingTimes) {

        /**
         * Validates every parameter, naming it.
         *
         * @param p the interaction order
         * @param n the number of spins
         * @param temperature T
         * @param dt the time step
         * @param time the final time
         * @param seed the seed
         * @param waitingTimes the number of waiting times
         */
        public Parameters {
            PSpinSpherical.requireOrder(p);
            Require.atLeast("n", n, p);
            Require.nonNegative("temperature", temperature);
            Require.positive("dt", dt);
            Require.positive("time", time);
            if (time < 4 || time < 4 * dt) {
                throw Require.invalid("time", "must be >= 4 and >= 4 dt, got " + time);
            }
            Require.atLeast("waitingTimes", waitingTimes, 2);
        }

        /** @return the number of steps, time/dt rounded */
        public long steps() {
            return Math.round(time / dt);
        }

        /** @return gradient descent at T = 0, Langevin otherwise */
        public StepRule<Model, ?> rule() {
            return temperature == 0 ? new GradientDescent(dt) : new Langevin(temperature, dt);
        }
    }

    /**
     * Runs the quench and returns one row per (t_w, t): columns {@code tw, t, correlation, msd}
     * in units of time.
     *
     * @param parameters the run
     * @param progress progress listener, or null
     * @return the table
     */
    public static Table run(Parameters parameters, ProgressListener progress) {
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        long disorder = seeds.nextLong();
        long initial = seeds.nextLong();
        long noise = seeds.nextLong();
        long steps = parameters.steps();
        long firstWaiting = Math.max(1, Math.min(Math.round(1 / parameters.dt()), steps / 4));
        long[][] grid = TwoTimeObservable.logGrid(steps, firstWaiting, parameters.waitingTimes(), 40);
        TwoTimeCorrelation correlation = new TwoTimeCorrelation(grid[0], grid[1]);
        MeanSquareDisplacement msd = new MeanSquareDisplacement(grid[0], grid[1]);
        var run = Dynamics.of(new PSpinSpherical(parameters.p(), parameters.n(), disorder), parameters.rule())
                .space(Space.sphere())
                .seed(noise)
                .steps(steps)
                .record(new long[] {steps}, correlation, msd)
                .progress(progress)
                .run(Sphere.randomPoint(parameters.n(), initial));
        Table c = run.recording(correlation).table();
        return Table.create("p-spin two-time observables", c.doubleColumn("tw").copy(), c.doubleColumn("t").copy(),
                c.doubleColumn("value").copy().setName("correlation"),
                DoubleColumn.create("msd", run.recording(msd).table().doubleColumn("value").asDoubleArray()));
    }

    /**
     * Averages {@link #run} over independent instances (couplings, starts and noise from seeds
     * split off {@code parameters.seed()}), which smooths the finite-N fluctuations of single runs.
     *
     * @param parameters the run; its seed seeds the instances
     * @param samples the number of instances, at least 1
     * @param progress told of the progress of each instance in turn, or null
     * @return the mean {@code tw, t, correlation, msd} table
     */
    public static Table runAveraged(Parameters parameters, int samples, ProgressListener progress) {
        Require.atLeast("samples", samples, 1);
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        Table mean = null;
        for (int s = 0; s < samples; s++) {
            Parameters one = new Parameters(parameters.p(), parameters.n(), parameters.temperature(), parameters.dt(),
                    parameters.time(), seeds.nextLong(), parameters.waitingTimes());
            Table t = run(one, progress);
            if (mean == null) {
                mean = t;
            } else {
                for (String column : new String[] {"correlation", "msd"}) {
                    DoubleColumn sum = mean.doubleColumn(column);
                    DoubleColumn add = t.doubleColumn(column);
                    for (int r = 0; r < sum.size(); r++) {
                        sum.set(r, sum.get(r) + add.get(r));
                    }
                }
            }
        }
        for (String column : new String[] {"correlation", "msd"}) {
            DoubleColumn sum = mean.doubleColumn(column);
            for (int r = 0; r < sum.size(); r++) {
                sum.set(r, sum.get(r) / samples);
            }
        }
        return mean.setName("p-spin two-time observables, mean of " + samples + " instances");
    }
}
