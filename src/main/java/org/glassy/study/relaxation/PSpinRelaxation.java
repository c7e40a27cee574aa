package org.glassy.study.relaxation;

import static tech.tablesaw.aggregate.AggregateFunctions.last;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.glassy.internal.Resources;
import org.glassy.model.Model;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Energy;
import org.glassy.observable.Rows;
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

        /**
         * The step rule these parameters describe: Langevin, or gradient descent stopped with a
         * {@link org.glassy.core.NumericalInstabilityException} naming {@code dt} when a step raises the energy
         * by more than round-off ({@link GradientDescent#monotone}: the step is too large).
         *
         * @return the rule
         */
        public StepRule<Model, ?> rule() {
            return dynamics == Kind.GD ? GradientDescent.monotone(dt) : new Langevin(temperature, dt);
        }

        /**
         * The estimated heap of a run: the couplings, {@link PSpinSpherical#bytes}.
         *
         * @return the bytes
         */
        public double bytes() {
            return PSpinSpherical.bytes(p, n);
        }

        /**
         * The estimated work of a run: one energy–gradient pass per step, steps · p C(N, p)
         * ({@link PSpinSpherical#operationsPerGradient}).
         *
         * @return the operations
         */
        public double operations() {
            return (double) steps() * PSpinSpherical.operationsPerGradient(p, n);
        }

        /**
         * Checks, before anything is allocated, that the run fits this JVM's heap and the array limit (naming
         * {@code n}) and the bound on work (naming {@code time}: at most 10¹⁵ operations); {@link #run}
         * calls it first.
         *
         * @throws IllegalArgumentException naming the parameter otherwise
         */
        public void requireResources() {
            PSpinSpherical.requireStorable(p, n);
            Resources.requireWork("time", operations(), Resources.count(steps()) + " steps of "
                    + Resources.count(PSpinSpherical.operationsPerGradient(p, n)) + " multiply-adds");
        }

        /** @return the recording steps: 0, then log-spaced from dt to the final time */
        public long[] recordSteps() {
            return LogTimes.upTo(steps(), recordsPerDecade);
        }

        /** @return a one-line description, e.g. for a plot legend */
        public String label() {
            return dynamics == Kind.GD ? "GD (T = 0)" : String.format(Locale.ROOT, "Langevin T = %.3g", temperature);
        }

        /**
         * A builder with temperature 0, the dynamics chosen by the temperature (gradient descent at
         * T = 0, Langevin above) unless set, and 10 records per decade; p, n, dt, time and seed
         * must be set.
         *
         * @return the builder
         */
        public static Builder builder() {
            return new Builder();
        }

        /** @return a builder holding these parameters, to change some of them */
        public Builder toBuilder() {
            return builder().p(p).n(n).temperature(temperature).dt(dt).time(time).seed(seed).dynamics(dynamics)
                    .recordsPerDecade(recordsPerDecade);
        }

        /** Builds {@link Parameters} by name; {@link #build()} validates them. */
        public static final class Builder {
            private Integer p;
            private Integer n;
            private double temperature;
            private Double dt;
            private Double time;
            private Long seed;
            private Kind dynamics;
            private int recordsPerDecade = 10;

            private Builder() {
            }

            /**
             * @param value the interaction order p
             * @return this builder
             */
            public Builder p(int value) {
                p = value;
                return this;
            }

            /**
             * @param value the number of spins N
             * @return this builder
             */
            public Builder n(int value) {
                n = value;
                return this;
            }

            /**
             * @param value the temperature T
             * @return this builder
             */
            public Builder temperature(double value) {
                temperature = value;
                return this;
            }

            /**
             * @param value the time step
             * @return this builder
             */
            public Builder dt(double value) {
                dt = value;
                return this;
            }

            /**
             * @param value the final time
             * @return this builder
             */
            public Builder time(double value) {
                time = value;
                return this;
            }

            /**
             * @param value the seed of couplings, initial state and noise
             * @return this builder
             */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * @param value gradient descent or Langevin; if never set, chosen by the temperature
             * @return this builder
             */
            public Builder dynamics(Kind value) {
                dynamics = value;
                return this;
            }

            /**
             * @param value log-spaced records per decade of time
             * @return this builder
             */
            public Builder recordsPerDecade(int value) {
                recordsPerDecade = value;
                return this;
            }

            /**
             * @return the parameters
             * @throws IllegalStateException if a parameter without default was not set
             * @throws IllegalArgumentException if a parameter is out of range
             */
            public Parameters build() {
                return new Parameters(Require.given("p", p), Require.given("n", n), temperature, Require.given("dt", dt),
                        Require.given("time", time), Require.given("seed", seed),
                        dynamics != null ? dynamics : temperature == 0 ? Kind.GD : Kind.LANGEVIN, recordsPerDecade);
            }
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
        parameters.requireResources();
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
        return energyCurve(parameters, null);
    }

    private static Table energyCurve(Parameters parameters, ProgressListener progress) {
        ScalarRecording energy = (ScalarRecording) run(parameters, progress).observable("energy");
        return Table.create(parameters.label(),
                DoubleColumn.create("time", energy.times()),
                DoubleColumn.create("energy", energy.values()));
    }

    /**
     * The runs of a quench to several temperatures on one instance: the same seed (so the same
     * couplings and initial state) for all; T = 0 is gradient descent, T &gt; 0 Langevin.
     *
     * @param base p, N, dt, the final time, the seed and the records per decade shared by all runs
     * @param temperatures the temperatures, each ≥ 0
     * @return one parameter record per temperature, in the given order
     */
    public static List<Parameters> quench(Parameters base, double... temperatures) {
        List<Parameters> runs = new ArrayList<>();
        for (double t : temperatures) {
            runs.add(base.toBuilder().temperature(t).dynamics(t == 0 ? Kind.GD : Kind.LANGEVIN).build());
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
        Rows all = Rows.of("energy curves", StringColumn.create("run"), DoubleColumn.create("temperature"));
        for (Parameters parameters : runs) {
            ProgressListener listener = progress == null ? null : progress.apply(parameters.label());
            all.addAll(energyCurve(parameters, listener), parameters.label(), parameters.temperature());
        }
        return all.table();
    }

    /**
     * One row per run of {@link #energyCurves}: the final energy per spin next to the mean-field
     * long-time value ({@link SphericalPSpinTheory#asymptoticEnergy}) and the regime.
     *
     * @param curves the table from {@link #energyCurves}
     * @param p the interaction order of the runs, at least 3
     * @return columns {@code run, temperature, regime, final_time, final_energy, late_mean (the mean
     *     over the records in the last half of the run, t ≥ t_final/2), theory_energy, difference
     *     (late_mean − theory_energy)}, one row per run in order of first appearance
     */
    public static Table summary(Table curves, int p) {
        double td = SphericalPSpinTheory.dynamicalTemperature(p);
        Table finals = curves.summarize("temperature", "time", "energy", last).by("run");
        Table withFinal = curves.joinOn("run").inner(finals.selectColumns("run", "Last [time]"));
        Table late = withFinal.where(withFinal.doubleColumn("time")
                        .isGreaterThanOrEqualTo(withFinal.doubleColumn("Last [time]").divide(2)))
                .summarize("energy", mean).by("run");
        Table runs = finals.joinOn("run").inner(late);
        Rows summary = Rows.of("final energy per spin vs mean-field theory (N → ∞)",
                StringColumn.create("run"), DoubleColumn.create("temperature"), StringColumn.create("regime"),
                DoubleColumn.create("final_time"), DoubleColumn.create("final_energy"),
                DoubleColumn.create("late_mean"), DoubleColumn.create("theory_energy"),
                DoubleColumn.create("difference"));
        for (int r = 0; r < runs.rowCount(); r++) {
            double t = runs.doubleColumn("Last [temperature]").getDouble(r);
            double lateMean = runs.doubleColumn("Mean [energy]").getDouble(r);
            double theory = SphericalPSpinTheory.asymptoticEnergy(p, t);
            summary.add(runs.stringColumn("run").get(r), t,
                    t == 0 ? "T = 0: threshold" : t > td ? "T > T_d: equilibrium" : "T < T_d: aging",
                    runs.doubleColumn("Last [time]").getDouble(r), runs.doubleColumn("Last [energy]").getDouble(r),
                    lateMean, theory, lateMean - theory);
        }
        return summary.table();
    }
}
