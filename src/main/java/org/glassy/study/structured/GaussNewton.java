package org.glassy.study.structured;

import java.util.random.RandomGenerator;

import org.glassy.core.Space;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.StepRule;
import org.glassy.internal.Require;
import org.glassy.model.Mlp;

/**
 * Levenberg–Marquardt (damped Gauss–Newton) on a whole one-hidden-layer network, matrix-free, as a step rule of
 * the core run loop: each step solves (G + λI) δ = −∇E by conjugate gradient on Gauss–Newton products
 * G v = (1/P) Σ_μ J_μᵀ ∇²ℓ J_μ v ({@link NetworkJacobian}; the Jacobian is never formed), and takes θ + δ only if
 * the full-batch loss decreases; otherwise λ ← 4λ and the system is solved again. The damping follows the ratio
 * ρ = (E(θ + δ) − E(θ)) / (∇E·δ + ½ δᵀGδ) of the actual to the predicted decrease: λ ← λ/3 if ρ &gt; ¾,
 * λ ← 2λ if ρ &lt; ¼ (J. J. Moré, "The Levenberg–Marquardt algorithm: implementation and theory", Lecture
 * Notes in Mathematics 630 (1978); J. Martens, ICML 2010). The loss therefore never increases; a step that
 * finds no decrease in {@value #MAX_TRIES} tries leaves θ unchanged and ends the run ({@link RunState#converged()}).
 * Full batch, dt = 1 per step.
 *
 * @param damping the initial λ &gt; 0
 * @param cgIterations conjugate-gradient iterations per solve, at least 1
 * @param cgTolerance relative residual at which CG stops, in (0, 1)
 */
public record GaussNewton(double damping, int cgIterations, double cgTolerance)
        implements StepRule<Mlp, GaussNewton.State> {

    /** Solves per step before it gives up. */
    public static final int MAX_TRIES = 30;

    /**
     * Validates the parameters.
     *
     * @param damping λ₀ &gt; 0
     * @param cgIterations at least 1
     * @param cgTolerance in (0, 1)
     */
    public GaussNewton {
        Require.positive("damping", damping);
        Require.atLeast("cgIterations", cgIterations, 1);
        Require.openUnitInterval("cgTolerance", cgTolerance);
    }

    /** @return λ₀ = 1, 50 CG iterations, tolerance 10⁻⁴ */
    public static GaussNewton defaults() {
        return new GaussNewton(1, 50, 1e-4);
    }

    /**
     * The state of a run.
     *
     * @serial exclude (checkpoints are tied to one version of the library)
     * @param position θ
     * @param energy E(θ)
     * @param lambda the current damping λ
     * @param stuck whether the last step found no decrease
     */
    public record State(double[] position, double energy, double lambda, boolean stuck)
            implements RunState {
        /** @return whether the last step found no decrease */
        @Override
        public boolean converged() {
            return stuck;
        }
    }

    @Override
    public double timeStep() {
        return 1;
    }

    @Override
    public State init(Mlp model, Space space, double[] x0) {
        model.checkDimension("x0", x0);
        double[] x = x0.clone();
        return new State(x, model.energy(x), damping, false);
    }

    @Override
    public State step(Mlp model, Space space, State state, long step, RandomGenerator random) {
        double[] theta = state.position();
        int n = theta.length;
        double[] gradient = new double[n];
        double energy = model.energyAndGradient(theta, gradient);
        NetworkJacobian jacobian = new NetworkJacobian(model);
        jacobian.linearise(theta);
        double lambda = state.lambda();
        double[] delta = new double[n];
        double[] gDelta = new double[n];
        double[] trial = new double[n];
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            conjugateGradient(jacobian, lambda, gradient, delta);
            jacobian.gaussNewtonTimes(delta, gDelta);
            double predicted = 0;
            for (int i = 0; i < n; i++) {
                predicted += delta[i] * (gradient[i] + 0.5 * gDelta[i]);
                trial[i] = theta[i] + delta[i];
            }
            double next = model.energy(trial);
            if (next < energy) {
                double rho = (next - energy) / predicted;
                if (rho > 0.75) {
                    lambda /= 3;
                } else if (rho < 0.25) {
                    lambda *= 2;
                }
                return new State(trial, next, Math.max(lambda, 1e-12), false);
            }
            lambda *= 4;
        }
        return new State(theta, energy, lambda, true);
    }

    /** Solves (G + λI) δ = −g by CG from δ = 0. */
    private void conjugateGradient(NetworkJacobian jacobian, double lambda, double[] g, double[] delta) {
        int n = g.length;
        java.util.Arrays.fill(delta, 0.0);
        double[] r = new double[n];
        double[] p = new double[n];
        double[] ap = new double[n];
        double rr = 0;
        for (int i = 0; i < n; i++) {
            r[i] = -g[i];
            p[i] = r[i];
            rr += r[i] * r[i];
        }
        double stop = cgTolerance * cgTolerance * rr;
        for (int it = 0; it < cgIterations && rr > stop && rr > 0; it++) {
            jacobian.gaussNewtonTimes(p, ap);
            double pap = 0;
            for (int i = 0; i < n; i++) {
                ap[i] += lambda * p[i];
                pap += p[i] * ap[i];
            }
            double alpha = rr / pap;
            double next = 0;
            for (int i = 0; i < n; i++) {
                delta[i] += alpha * p[i];
                r[i] -= alpha * ap[i];
                next += r[i] * r[i];
            }
            double beta = next / rr;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
            rr = next;
        }
    }

    @Override
    public String stepSizeName() {
        return "damping";
    }
}
