package org.glassy.study.resnet;

import java.util.Arrays;

import org.hipparchus.linear.MatrixUtils;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Observables of a trained {@link ResidualFlow} (Rousseau, Drumetz and Fablet, arXiv:1805.09585; Behrmann et
 * al., arXiv:1811.00995): trajectories through depth, the Jacobian determinant of the whole map, Lipschitz
 * bounds, the inversion error, the consistency of K and 2K blocks, the kinetic energy and the sliced
 * Wasserstein distance between the data's distributions at successive depths.
 */
public final class FlowObservables {

    private FlowObservables() {
    }

    /**
     * The mean kinetic energy (1/n) Σ_μ Σ_k |x_{k+1,μ} − x_{k,μ}|² / h.
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the inputs, n × D
     * @return the kinetic energy
     */
    public static double kineticEnergy(ResidualFlow flow, double[] theta, double[][] points) {
        double s = 0;
        for (double[] x : points) {
            s += flow.kineticEnergy(flow.trajectory(theta, x));
        }
        return s / points.length;
    }

    /**
     * The mean squared displacement (1/n) Σ_μ |F(x_μ) − x_μ|², the transport cost of the map; by Cauchy–Schwarz
     * at most the kinetic energy and at least W₂²(points, pushed points).
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the inputs, n × D
     * @return the transport cost
     */
    public static double displacementCost(ResidualFlow flow, double[] theta, double[][] points) {
        double s = 0;
        for (double[] x : points) {
            double[] y = flow.map(theta, x);
            for (int i = 0; i < x.length; i++) {
                s += (y[i] - x[i]) * (y[i] - x[i]);
            }
        }
        return s / points.length;
    }

    /**
     * Trajectories through depth, long format: columns {@code point,block,x,y} (the first two coordinates).
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the inputs, n × D
     * @return n (K + 1) rows
     */
    public static Table trajectories(ResidualFlow flow, double[] theta, double[][] points) {
        IntColumn point = IntColumn.create("point");
        IntColumn block = IntColumn.create("block");
        DoubleColumn x = DoubleColumn.create("x");
        DoubleColumn y = DoubleColumn.create("y");
        for (int mu = 0; mu < points.length; mu++) {
            double[][] t = flow.trajectory(theta, points[mu]);
            for (int k = 0; k < t.length; k++) {
                point.append(mu);
                block.append(k);
                x.append(t[k][0]);
                y.append(t[k].length > 1 ? t[k][1] : 0);
            }
        }
        return Table.create("trajectories", point, block, x, y);
    }

    /**
     * A square grid of 2-D points covering the points' bounding box enlarged by {@code margin}, padded with zeros
     * to dimension D.
     *
     * @param points the points (their first two coordinates)
     * @param size the grid's side, at least 2
     * @param margin the enlargement on every side
     * @param dimension D ≥ 2
     * @return size² points of length D, row by row
     */
    public static double[][] grid(double[][] points, int size, double margin, int dimension) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[0]);
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
        }
        double[][] g = new double[size * size][];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double[] q = new double[dimension];
                q[0] = x0 - margin + (x1 - x0 + 2 * margin) * j / (size - 1);
                q[1] = y0 - margin + (y1 - y0 + 2 * margin) * i / (size - 1);
                g[i * size + j] = q;
            }
        }
        return g;
    }

    /**
     * The Jacobian determinant of the whole map at the given points.
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the points, n × D
     * @return det ∂F/∂x at each point
     */
    public static double[] jacobianDeterminants(ResidualFlow flow, double[] theta, double[][] points) {
        double[] det = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            det[i] = flow.jacobianDeterminant(theta, points[i]);
        }
        return det;
    }

    /**
     * The sampled lower estimate of the map's Lipschitz constant: max over the points of the spectral norm of
     * ∂F/∂x (every such norm is a lower bound of Lip(F)).
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the points, n × D
     * @return max_x ‖∂F/∂x‖₂
     */
    public static double lipschitzLowerEstimate(ResidualFlow flow, double[] theta, double[][] points) {
        double best = 0;
        for (double[] x : points) {
            best = Math.max(best, ResidualFlow.spectralNorm(MatrixUtils.createRealMatrix(flow.jacobian(theta, x))));
        }
        return best;
    }

    /**
     * The inversion error max_x |F⁻¹(F(x)) − x|, F⁻¹ by the blockwise fixed-point iteration
     * ({@link ResidualFlow#inverse}, at most 500 iterations per block).
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the points, n × D
     * @return the largest Euclidean error
     */
    public static double inverseError(ResidualFlow flow, double[] theta, double[][] points) {
        double worst = 0;
        for (double[] x : points) {
            double[] back = flow.inverse(theta, flow.map(theta, x), 500);
            worst = Math.max(worst, distance(back, x));
        }
        return worst;
    }

    /**
     * The consistency of the scheme: max_x |F_K(x) − F_{2K}(x)|, F_{2K} the same velocity field integrated with
     * 2K blocks over the same time ({@link ResidualFlow#refined}). For a smooth shared field this is the
     * Euler scheme's O(h) error; a large value says the network is not the discretisation of one flow.
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the points, n × D
     * @return the largest Euclidean difference
     */
    public static double refinementGap(ResidualFlow flow, double[] theta, double[][] points) {
        ResidualFlow fine = flow.refined();
        double[] fineTheta = flow.refinedParameters(theta);
        double worst = 0;
        for (double[] x : points) {
            worst = Math.max(worst, distance(flow.map(theta, x), fine.map(fineTheta, x)));
        }
        return worst;
    }

    /**
     * The sliced W₂² between the point clouds at successive depths k and k + 1 (the "flow of information"
     * between layers, Vayer et al., NeurIPS 2019).
     *
     * @param flow the flow
     * @param theta its parameters
     * @param points the inputs, n × D
     * @param directions the slicing directions ({@link Transport#directions})
     * @return K values, entry k between depths k and k + 1
     */
    public static double[] layerSlicedDistances(ResidualFlow flow, double[] theta, double[][] points,
                                                double[][] directions) {
        int n = points.length;
        double[][][] t = new double[n][][];
        for (int mu = 0; mu < n; mu++) {
            t[mu] = flow.trajectory(theta, points[mu]);
        }
        double[] out = new double[flow.blocks()];
        for (int k = 0; k < flow.blocks(); k++) {
            double[][] a = new double[n][];
            double[][] b = new double[n][];
            for (int mu = 0; mu < n; mu++) {
                a[mu] = t[mu][k];
                b[mu] = t[mu][k + 1];
            }
            out[k] = Transport.slicedW2Squared(a, b, directions);
        }
        return out;
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }
}
