package org.glassy.dynamics;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * FIRE, the fast inertial relaxation engine of E. Bitzek, P. Koskinen, F. Gähler, M. Moseler and
 * P. Gumbsch, Phys. Rev. Lett. 97, 170201 (2006): molecular dynamics with unit mass (velocity
 * Verlet) whose velocity is steered towards the force and frozen whenever it points uphill.
 * With F = −P∇E (P the tangent projection of the space) each step does
 *
 * <pre>
 *   MD:  x ← x + Δt v + ½ Δt² F,   F' = F(x),   v ← v + ½ Δt (F + F')
 *   F1:  P = F'·v
 *   F2:  v ← (1 − α) v + α |v| F'/|F'|
 *   F3:  if P &gt; 0 and more than N_min steps since P ≤ 0:  Δt ← min(Δt f_inc, Δt_max),  α ← α f_α
 *   F4:  if P ≤ 0:  Δt ← Δt f_dec,  v ← 0,  α ← α_start
 * </pre>
 *
 * <p>with the paper's standard parameters N_min = 5, f_inc = 1.1, f_dec = 0.5, α_start = 0.1,
 * f_α = 0.99 and Δt_max = 10 Δt ({@link #of}). A run stops early ({@link RunState#converged()})
 * once every component of the force is at most {@code forceTolerance} in absolute value (0: never).
 * Time is counted in steps (the MD step Δt adapts).
 *
 * @param dt the initial MD step Δt &gt; 0
 * @param dtMax Δt_max ≥ Δt
 * @param nMin N_min ≥ 0
 * @param fInc f_inc &gt; 1
 * @param fDec f_dec in (0, 1)
 * @param alphaStart α_start in (0, 1)
 * @param fAlpha f_α in (0, 1)
 * @param forceTolerance the largest force component at which a run has converged, ≥ 0
 */
public record Fire(double dt, double dtMax, int nMin, double fInc, double fDec, double alphaStart, double fAlpha,
                   double forceTolerance) implements StepRule<Model, Fire.State> {

    /**
     * Validates the parameters.
     *
     * @param dt Δt
     * @param dtMax Δt_max
     * @param nMin N_min
     * @param fInc f_inc
     * @param fDec f_dec
     * @param alphaStart α_start
     * @param fAlpha f_α
     * @param forceTolerance the convergence threshold
     */
    public Fire {
        Require.positive("dt", dt);
        Require.positive("dtMax", dtMax);
        if (dtMax < dt) {
            throw Require.invalid("dtMax", "must be >= dt = " + dt + ", got " + dtMax);
        }
        Require.atLeast("nMin", nMin, 0);
        Require.aboveOne("fInc", fInc);
        Require.openUnitInterval("fDec", fDec);
        Require.openUnitInterval("alphaStart", alphaStart);
        Require.openUnitInterval("fAlpha", fAlpha);
        Require.nonNegative("forceTolerance", forceTolerance);
    }

    /**
     * FIRE with Bitzek et al.'s standard parameters and Δt_max = 10 Δt, never stopping early.
     *
     * @param dt the initial MD step Δt &gt; 0
     * @return the rule
     */
    public static Fire of(double dt) {
        return new Fire(dt, 10 * dt, 5, 1.1, 0.5, 0.1, 0.99, 0);
    }

    /**
     * @param value the largest force component at which a run stops, ≥ 0
     * @return this rule with that convergence threshold
     */
    public Fire withForceTolerance(double value) {
        return new Fire(dt, dtMax, nMin, fInc, fDec, alphaStart, fAlpha, value);
    }

    /**
     * @param value Δt_max ≥ Δt
     * @return this rule with that largest MD step
     */
    public Fire withDtMax(double value) {
        return new Fire(dt, value, nMin, fInc, fDec, alphaStart, fAlpha, forceTolerance);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position x
     * @param velocity v
     * @param force F = −P∇E(x)
     * @param scratch the new force during a step
     * @param dt the current MD step Δt
     * @param alpha the current mixing α
     * @param positiveSteps the number of consecutive steps with P &gt; 0
     * @param energy E(x)
     * @param forceTolerance the convergence threshold, copied from the rule
     */
    public record State(double[] position, double[] velocity, double[] force, double[] scratch, double dt,
                        double alpha, int positiveSteps, double energy, double forceTolerance) implements RunState {

        /** @return the largest |F_i| */
        public double maxForce() {
            double max = 0;
            for (double f : force) {
                max = Math.max(max, Math.abs(f));
            }
            return max;
        }

        @Override
        public boolean converged() {
            return forceTolerance > 0 && maxForce() <= forceTolerance;
        }
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public State init(Model model, Space space, double[] x0) {
        Steps.checkStart(model, space, x0);
        double[] x = x0.clone();
        double[] force = new double[x.length];
        double energy = force(model, space, x, force);
        return new State(x, new double[x.length], force, new double[x.length], dt, alphaStart, 0, energy,
                forceTolerance);
    }

    /** Writes F = −P∇E(x) and returns E(x). */
    private static double force(Model model, Space space, double[] x, double[] force) {
        double energy = model.energyAndGradient(x, force);
        space.tangent(x, force);
        for (int i = 0; i < force.length; i++) {
            force[i] = -force[i];
        }
        return energy;
    }

    @Override
    public State step(Model model, Space space, State state, long step, RandomGenerator random) {
        double[] x = state.position();
        double[] v = state.velocity();
        double[] f = state.force();
        double[] fNew = state.scratch();
        double h = state.dt();
        for (int i = 0; i < x.length; i++) {
            x[i] += h * v[i] + 0.5 * h * h * f[i];
        }
        space.retract(x);
        double energy = force(model, space, x, fNew);
        for (int i = 0; i < x.length; i++) {
            v[i] += 0.5 * h * (f[i] + fNew[i]);
        }
        space.tangent(x, v);
        double power = 0;
        double v2 = 0;
        double f2 = 0;
        for (int i = 0; i < x.length; i++) {
            power += fNew[i] * v[i];
            v2 += v[i] * v[i];
            f2 += fNew[i] * fNew[i];
        }
        double alpha = state.alpha();
        if (f2 > 0) {
            double scale = alpha * Math.sqrt(v2 / f2);
            for (int i = 0; i < x.length; i++) {
                v[i] = (1 - alpha) * v[i] + scale * fNew[i];
            }
        }
        int positive = state.positiveSteps();
        if (power > 0) {
            positive++;
            if (positive > nMin) {
                h = Math.min(h * fInc, dtMax);
                alpha *= fAlpha;
            }
        } else {
            h *= fDec;
            java.util.Arrays.fill(v, 0);
            alpha = alphaStart;
            positive = 0;
        }
        return new State(x, v, fNew, f, h, alpha, positive, energy, forceTolerance);
    }
}
