package org.glassy.study.resnet;

import java.util.Arrays;

import org.glassy.internal.Require;
import org.glassy.model.Model;

/**
 * A residual flow trained to push source samples z_μ onto target samples y_μ (same number P) with a sliced
 * Wasserstein terminal loss and a kinetic-energy penalty:
 *
 * <pre>
 *   E(θ) = (1/L) Σ_l W₂²(u_l·F_θ(z), u_l·y) + λ (1/P) Σ_μ Σ_k |x_{k+1,μ} − x_{k,μ}|² / h,
 * </pre>
 *
 * <p>each 1-D W₂² by sorting, so its gradient is 2(a_(r) − b_(r)) u_l / (L P) for the pushed point of rank r.
 * As λ → 0⁺ with an exact terminal match, the kinetic energy of the minimiser tends to W₂²(source, target),
 * the Benamou–Brenier dynamic formulation (Numer. Math. 84, 375 (2000)): the optimal flow moves each point on
 * a straight line at constant speed (McCann's interpolation). At any λ, Cauchy–Schwarz gives
 * Σ_k |x_{k+1} − x_k|²/h ≥ |x_K − x_0|² pointwise, so the kinetic energy is at least the transport cost of the
 * map, hence at least W₂²(source, pushed).
 */
public final class FlowTransport implements Model {

    private final ResidualFlow flow;
    private final double[][] sources;
    private final double[][] directions;
    private final double[][] sortedTargets;
    private final double kineticWeight;

    /**
     * Creates the loss.
     *
     * @param flow the flow, of dimension 2
     * @param sources the source samples z_μ, P × 2
     * @param targets the target samples y_μ, P × 2
     * @param directions the slicing directions, L unit vectors ({@link Transport#directions})
     * @param kineticWeight λ ≥ 0
     */
    public FlowTransport(ResidualFlow flow, double[][] sources, double[][] targets, double[][] directions,
                         double kineticWeight) {
        if (flow.dimension() != sources[0].length) {
            throw Require.invalid("flow", "must have the data's dimension " + sources[0].length + ", got "
                    + flow.dimension());
        }
        if (sources.length != targets.length) {
            throw Require.invalid("targets", "must have as many points as the sources (" + sources.length
                    + "), got " + targets.length);
        }
        this.flow = flow;
        this.sources = sources;
        this.directions = directions;
        this.sortedTargets = new double[directions.length][];
        for (int l = 0; l < directions.length; l++) {
            sortedTargets[l] = Transport.project(targets, directions[l]);
            Arrays.sort(sortedTargets[l]);
        }
        this.kineticWeight = Require.nonNegative("kineticWeight", kineticWeight);
    }

    /** @return the flow */
    public ResidualFlow flow() {
        return flow;
    }

    @Override
    public int dimension() {
        return flow.parameterCount();
    }

    @Override
    public double energy(double[] x) {
        return energyAndGradient(x, new double[dimension()]);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        Arrays.fill(gradient, 0);
        int p = sources.length;
        int d = flow.dimension();
        double[][] out = new double[p][];
        ResidualFlow.Pass pass = flow.newPass();
        for (int mu = 0; mu < p; mu++) {
            out[mu] = flow.forward(x, sources[mu], pass).clone();
        }
        double[][] adjoint = new double[p][d];
        double loss = 0;
        Integer[] order = new Integer[p];
        for (int l = 0; l < directions.length; l++) {
            double[] u = directions[l];
            double[] a = Transport.project(out, u);
            for (int i = 0; i < p; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (i, j) -> Double.compare(a[i], a[j]));
            for (int r = 0; r < p; r++) {
                int mu = order[r];
                double diff = a[mu] - sortedTargets[l][r];
                loss += diff * diff / (directions.length * p);
                double g = 2 * diff / (directions.length * p);
                for (int c = 0; c < d; c++) {
                    adjoint[mu][c] += g * u[c];
                }
            }
        }
        for (int mu = 0; mu < p; mu++) {
            flow.forward(x, sources[mu], pass);
            loss += flow.backpropagate(x, pass, adjoint[mu], kineticWeight / p, 0, gradient);
        }
        return loss;
    }

    /**
     * The pushed samples F_θ(z_μ).
     *
     * @param x θ
     * @return P × 2 points
     */
    public double[][] pushed(double[] x) {
        double[][] out = new double[sources.length][];
        for (int mu = 0; mu < sources.length; mu++) {
            out[mu] = flow.map(x, sources[mu]);
        }
        return out;
    }

    /**
     * The mean kinetic energy (1/P) Σ_μ Σ_k |x_{k+1,μ} − x_{k,μ}|² / h over the sources.
     *
     * @param x θ
     * @return the kinetic energy
     */
    public double kineticEnergy(double[] x) {
        return FlowObservables.kineticEnergy(flow, x, sources);
    }

    @Override
    public String toString() {
        return "FlowTransport[" + flow + ", P=" + sources.length + ", L=" + directions.length + ", kinetic="
                + kineticWeight + "]";
    }
}
