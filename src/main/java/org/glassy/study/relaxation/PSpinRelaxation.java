package org.glassy.study.relaxation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.glassy.dynamics.CheckpointPolicy;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.core.LogTimes;
import org.glassy.core.ProgressListener;
import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.core.StepHandler;
import org.glassy.dynamics.StepRule;
import org.glassy.dynamics.Trajectory;
import org.glassy.internal.Require;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Energy;
import org.glassy.observable.ScalarRecording;
import org.glassy.theory.SphericalPSpinTheory;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Energy relaxation of the spherical p-spin after a quench from infinite temperature: the
 * {@code bin/glassy pspin} command and notebook 01.
 *
 * <p>A random instance ({@link PSpinSpherical}, physics normalisation) starts from a uniformly
 * random point of the sphere and follows gradient descent (T = 0) or Langevin dynamics at
 * temperature T; the energy per spin is recorded at log-spaced times. Above T_d = √(3/8) (p = 3)
 * it equilibrates to −1/(2T); below, it ages toward the threshold (−2/√3 at T = 0), never the
 * ground state (L. F. Cugliandolo and J. Kurchan, Phys. Rev. Lett. 71, 173 (1993)).
 *
 * <p>One {@code seed} fixes everything: the couplings, the initial state and the noise are drawn
 * from three generators split from it.
 */
public final class PSpinRelaxation {

    private PSpinRelaxation() {
    }

    /** The dynamics to run. */
    public enum Kind {
        /** Gradient descent, T = 0. */
        GD,
        /** Overdamped Langevin at temperature T. */
        LANGEVIN;

        /**
         * Parses the command-line spelling, {@code gd} or {@code langevin}.
         *
         * @param name the name, case-insensitive
         * @return the kind
         */
        public static Kind parse(String name) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(name)) {
                    return kind;
                }
            }
            throw Require.invalid("dynamics", "must be gd or langevin, got '" + name + "'");
        }
    }

    /**
     * The parameters of one run.
     *
     * @param p the interaction order, in [2, 500] ({@link PSpinSpherical#MAX_P})
     * @param n the number of spins N, at least p
     * @param temperature T ≥ 0; must be 0 for {@link Kind#GD}
     * @param dt the time step, &gt; 0
     * @param time the final time, at least dt
     * @param seed the seed of couplings, initial state and noise
     * @param dynamics gradient descent or Langevin
     * @param recordsPerDecade log-spaced records per decade of time, at least 1
     */
    public record Parameters(int p, int n, double temperature, double dt, double time, long seed, Kind dynamics,
                             int recordsPerDecade) {

        /**
         * Validates every parameter, naming it in the message.
         *
         * @param p the interaction order, in [2, 500] ({@link PSpinSpherical#MAX_P})
         * @param n the number of spins N, at least p
         * @param temperature T ≥ 0; 0 for gradient descent
         * @param dt the time step, &gt; 0
         * @param time the final time, at least dt
         * @param seed the seed
         * @param dynamics gradient descent or Langevin
         * @param recordsPerDecade records per decade, at least 1
         */
        public Parameters {
            PSpinSpherical.requireOrder(p);
            Require.atLeast("n", n, p);
            Require.nonNegative("temperature", temperature);
            Require.positive("dt", dt);
            Require.positive("time", time);
            Objects.requireNonNull(dynamics, "dynamics");
            Require.atLeast("recordsPerDecade", recordsPerDecade, 1);
            if (time < dt) {
                throw Require.invalid("time", "must be >= dt = " + dt + ", got " + time);
            }
            if (dynamics == Kind.GD && temperature != 0) {
                throw Require.invalid("temperature", "must be 0 with gradient descent (dynamics gd), got "
                        + temperature);
            }
            if (time / dt > 1e12) {
                throw Require.invalid("time", "must be at most 1e12 dt, got " + time / dt + " steps");
            }
        }

        /** @return the number of steps, time/dt rounded */
        public long steps() {
            return Math.max(1, Math.round(time / dt));
        }

        /** @return the step rule these parameters describe */
        public StepRule<Model, ?> rule() {
            return dynamics == Kind.GD ? new GradientDescent(dt) : new Langevin(temperature, dt);
        }

        /** @return the recording steps: 0, then log-spaced from dt to the final time */
        public long[] recordSteps() {
            return LogTimes.upTo(steps(), recordsPerDecade);
        }

        /** @return a one-line description, e.g. for a plot legend */
        public String label() {
            return dynamics == Kind.GD ? "GD (T = 0)" : String.format(Locale.ROOT, "Langevin T = %.3g", temperature);
        }
    }

    /**
     * Runs the relaxation.
     *
     * @param parameters the run
     * @param progress told of progress, or null
     * @param handlers extra handlers (e.g. a CSV writer), called at every record after the energy
     * @return the trajectory; its {@code energy} observable holds e(t)
     */
    public static Trajectory<?> run(Parameters parameters, ProgressListener progress, StepHandler... handlers) {
        return run(parameters, progress, null, handlers);
    }

    /**
     * Runs the relaxation, checkpointing it.
     *
     * @param parameters the run
     * @param progress told of progress, or null
     * @param checkpoint where to checkpoint the run (resuming from an existing checkpoint), or null
     * @param handlers extra handlers (e.g. a CSV writer), called at every record after the energy;
     *     with a checkpoint they must support {@link StepHandler#snapshot()}
     * @return the trajectory; its {@code energy} observable holds e(t)
     */
    public static Trajectory<?> run(Parameters parameters, ProgressListener progress, CheckpointPolicy checkpoint,
                                    StepHandler... handlers) {
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        long disorder = seeds.nextLong();
        long initial = seeds.nextLong();
        long noise = seeds.nextLong();
        PSpinSpherical model = new PSpinSpherical(parameters.p(), parameters.n(), disorder);
        var dynamics = Dynamics.of(model, parameters.rule())
                .space(Space.sphere())
                .seed(noise)
                .steps(parameters.steps())
                .record(parameters.recordSteps(), new Energy())
                .record(parameters.recordSteps(), handlers)
                .progress(progress);
        return CheckpointPolicy.apply(checkpoint, dynamics).run(Sphere.randomPoint(parameters.n(), initial));
    }

    /**
     * Runs the relaxation and returns e(t) as a table with columns {@code time, energy} (energy per
     * spin), one row per record.
     *
     * @param parameters the run
     * @return the table, named after the dynamics
     */
    public static Table energyCurve(Parameters parameters) {
        ScalarRecording energy = (ScalarRecording) run(parameters, null).observable("energy");
        return Table.create(parameters.label(),
                DoubleColumn.create("time", energy.times()),
                DoubleColumn.create("energy", energy.values()));
    }

    /**
     * The runs of a quench to several temperatures on one instance: the same seed (so the same
     * couplings and initial state) for all; T = 0 is gradient descent, T &gt; 0 Langevin.
     *
     * @param p the interaction order
     * @param n the number of spins
     * @param dt the time step
     * @param time the final time
     * @param seed the seed shared by all runs
     * @param recordsPerDecade records per decade of time
     * @param temperatures the temperatures, each ≥ 0
     * @return one parameter record per temperature, in the given order
     */
    public static List<Parameters> quench(int p, int n, double dt, double time, long seed, int recordsPerDecade,
                                          double... temperatures) {
        List<Parameters> runs = new ArrayList<>();
        for (double t : temperatures) {
            runs.add(new Parameters(p, n, t, dt, time, seed, t == 0 ? Kind.GD : Kind.LANGEVIN, recordsPerDecade));
        }
        return runs;
    }

    /**
     * Runs several relaxations and stacks their e(t) in one long table with columns
     * {@code run, temperature, time, energy}.
     *
     * @param runs the runs
     * @param progress makes a progress listener from a run's label (e.g. {@code Notebook::progress}),
     *     or null
     * @return the table
     */
    public static Table energyCurves(List<Parameters> runs, Function<String, ProgressListener> progress) {
        Table all = Table.create("energy curves", StringColumn.create("run"), DoubleColumn.create("temperature"),
                DoubleColumn.create("time"), DoubleColumn.create("energy"));
        for (Parameters parameters : runs) {
            ProgressListener listener = progress == null ? null : progress.apply(parameters.label());
            ScalarRecording energy = (ScalarRecording) run(parameters, listener).observable("energy");
            double[] times = energy.times();
            double[] values = energy.values();
            for (int i = 0; i < times.length; i++) {
                all.stringColumn("run").append(parameters.label());
                all.doubleColumn("temperature").append(parameters.temperature());
                all.doubleColumn("time").append(times[i]);
                all.doubleColumn("energy").append(values[i]);
            }
        }
        return all;
    }

    /**
     * One row per run of {@link #energyCurves}: the final energy per spin next to the mean-field
     * long-time value ({@link SphericalPSpinTheory#asymptoticEnergy}) and the regime.
     *
     * @param curves the table from {@link #energyCurves}
     * @param p the interaction order of the runs, at least 3
     * @return columns {@code run, temperature, regime, final_time, final_energy, late_mean (the mean
     *     over the records in the last half of the run, t ≥ t_final/2), theory_energy, difference
     *     (late_mean − theory_energy)}
     */
    public static Table summary(Table curves, int p) {
        double td = SphericalPSpinTheory.dynamicalTemperature(p);
        Table summary = Table.create("final energy per spin vs mean-field theory (N → ∞)",
                StringColumn.create("run"), DoubleColumn.create("temperature"), StringColumn.create("regime"),
                DoubleColumn.create("final_time"), DoubleColumn.create("final_energy"),
                DoubleColumn.create("late_mean"), DoubleColumn.create("theory_energy"),
                DoubleColumn.create("difference"));
        Map<String, Integer> lastRow = new LinkedHashMap<>();
        for (int r = 0; r < curves.rowCount(); r++) {
            lastRow.put(curves.stringColumn("run").get(r), r);
        }
        for (Map.Entry<String, Integer> e : lastRow.entrySet()) {
            int r = e.getValue();
            double t = curves.doubleColumn("temperature").get(r);
            double finalEnergy = curves.doubleColumn("energy").get(r);
            double finalTime = curves.doubleColumn("time").get(r);
            double sum = 0;
            int count = 0;
            for (int q = 0; q <= r; q++) {
                if (curves.stringColumn("run").get(q).equals(e.getKey())
                        && curves.doubleColumn("time").get(q) >= finalTime / 2) {
                    sum += curves.doubleColumn("energy").get(q);
                    count++;
                }
            }
            double lateMean = sum / count;
            double theory = SphericalPSpinTheory.asymptoticEnergy(p, t);
            summary.stringColumn("run").append(e.getKey());
            summary.doubleColumn("temperature").append(t);
            summary.stringColumn("regime").append(t == 0 ? "T = 0: threshold" : t > td ? "T > T_d: equilibrium"
                    : "T < T_d: aging");
            summary.doubleColumn("final_time").append(finalTime);
            summary.doubleColumn("final_energy").append(finalEnergy);
            summary.doubleColumn("late_mean").append(lateMean);
            summary.doubleColumn("theory_energy").append(theory);
            summary.doubleColumn("difference").append(lateMean - theory);
        }
        return summary;
    }
}
