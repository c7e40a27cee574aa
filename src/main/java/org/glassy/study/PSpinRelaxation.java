package org.glassy.study;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.GradientDescent;
import org.glassy.dynamics.Langevin;
import org.glassy.dynamics.LogTimes;
import org.glassy.dynamics.ProgressListener;
import org.glassy.dynamics.Space;
import org.glassy.dynamics.Sphere;
import org.glassy.dynamics.StepHandler;
import org.glassy.dynamics.StepRule;
import org.glassy.dynamics.Trajectory;
import org.glassy.internal.Require;
import org.glassy.model.PSpinSpherical;
import org.glassy.observable.Energy;

import tech.tablesaw.api.DoubleColumn;
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
            throw new IllegalArgumentException("dynamics must be gd or langevin, got '" + name + "'");
        }
    }

    /**
     * The parameters of one run.
     *
     * @param p the interaction order, at least 2
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

        /** Validates every parameter, naming it in the message. */
        public Parameters {
            Require.atLeast("p", p, 2);
            Require.atLeast("n", n, p);
            Require.nonNegative("temperature", temperature);
            Require.positive("dt", dt);
            Require.positive("time", time);
            Objects.requireNonNull(dynamics, "dynamics");
            Require.atLeast("recordsPerDecade", recordsPerDecade, 1);
            if (time < dt) {
                throw new IllegalArgumentException("time must be >= dt = " + dt + ", got " + time);
            }
            if (dynamics == Kind.GD && temperature != 0) {
                throw new IllegalArgumentException("temperature must be 0 with gradient descent (dynamics gd), got "
                        + temperature);
            }
            if (time / dt > 1e12) {
                throw new IllegalArgumentException("time must be at most 1e12 dt, got " + time / dt + " steps");
            }
        }

        /** @return the number of steps, time/dt rounded */
        public long steps() {
            return Math.max(1, Math.round(time / dt));
        }

        /** @return the step rule these parameters describe */
        public StepRule rule() {
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
    public static Trajectory run(Parameters parameters, ProgressListener progress, StepHandler... handlers) {
        SplittableRandom seeds = new SplittableRandom(parameters.seed());
        long disorder = seeds.nextLong();
        long initial = seeds.nextLong();
        long noise = seeds.nextLong();
        PSpinSpherical model = new PSpinSpherical(parameters.p(), parameters.n(), disorder);
        StepHandler[] all = new StepHandler[handlers.length + 1];
        all[0] = new Energy();
        System.arraycopy(handlers, 0, all, 1, handlers.length);
        return Dynamics.of(model, parameters.rule())
                .space(Space.sphere())
                .seed(noise)
                .steps(parameters.steps())
                .record(parameters.recordSteps(), all)
                .progress(progress)
                .run(Sphere.randomPoint(parameters.n(), initial));
    }

    /**
     * Runs the relaxation and returns e(t) as a table with columns {@code time, energy} (energy per
     * spin), one row per record.
     *
     * @param parameters the run
     * @return the table, named after the dynamics
     */
    public static Table energyCurve(Parameters parameters) {
        Energy energy = (Energy) run(parameters, null).observable("energy");
        return Table.create(parameters.label(),
                DoubleColumn.create("time", energy.times()),
                DoubleColumn.create("energy", energy.values()));
    }
}
