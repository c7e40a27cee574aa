package org.glassy.data;

import java.util.Arrays;

import org.glassy.internal.Require;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * Principal-component projection with whitening, fitted on a training set: x → Λ_K^{−1/2} V_Kᵀ (x − x̄), where
 * x̄ is the training mean and V_K, Λ_K the K leading eigenvectors and eigenvalues of the training covariance
 * C = (1/P) Σ_μ (x_μ − x̄)(x_μ − x̄)ᵀ. The K projected features of the training set then have mean 0 and
 * covariance exactly the identity. This is the "PCA-MNIST" input of the jamming studies (Geiger et al.,
 * Phys. Rev. E 100, 012115 (2019), d = 10 whitened components), used here so that long runs at large hidden
 * width fit a small machine. The eigen-decomposition is Hipparchus's {@link EigenDecompositionSymmetric}.
 */
public final class Pca {

    private final int inputDimension;
    private final int components;
    private final double[] mean;
    private final double[] basis;       // K rows of D, each divided by √λ_k
    private final double[] variances;   // λ_1 ≥ … ≥ λ_K

    private Pca(int inputDimension, int components, double[] mean, double[] basis, double[] variances) {
        this.inputDimension = inputDimension;
        this.components = components;
        this.mean = mean;
        this.basis = basis;
        this.variances = variances;
    }

    /**
     * Fits the projection on a training set.
     *
     * @param train the training set, with at least two examples
     * @param components K, 1 ≤ K ≤ D, and the K-th eigenvalue must be positive
     * @return the fitted projection
     */
    public static Pca fit(Dataset train, int components) {
        int d = train.inputDimension();
        if (components < 1 || components > d) {
            throw Require.invalid("components", "must lie in [1, " + d + "] (the input dimension), got " + components);
        }
        int p = train.size();
        Require.atLeast("train.size", p, 2);
        double[] x = train.inputs();
        double[] mean = new double[d];
        for (int mu = 0; mu < p; mu++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[mu * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= p;
        }
        double[][] cov = new double[d][d];
        double[] row = new double[d];
        for (int mu = 0; mu < p; mu++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[mu * d + j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ri = row[i];
                if (ri == 0) {
                    continue;
                }
                double[] ci = cov[i];
                for (int j = i; j < d; j++) {
                    ci[j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= p;
                cov[j][i] = cov[i][j];
            }
        }
        EigenDecompositionSymmetric eigen = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(cov, false));
        double[] values = eigen.getEigenvalues();   // in descending order
        double[] basis = new double[components * d];
        double[] variances = new double[components];
        for (int k = 0; k < components; k++) {
            if (!(values[k] > 1e-12 * Math.max(values[0], Double.MIN_NORMAL))) {
                throw Require.invalid("components", "must not exceed the rank of the training covariance: eigenvalue "
                        + (k + 1) + " is " + values[k]);
            }
            variances[k] = values[k];
            double s = 1 / Math.sqrt(values[k]);
            double[] v = eigen.getEigenvector(k).toArray();
            for (int j = 0; j < d; j++) {
                basis[k * d + j] = v[j] * s;
            }
        }
        return new Pca(d, components, mean, basis, variances);
    }

    /** @return K, the number of components */
    public int components() {
        return components;
    }

    /** @return λ_1 ≥ … ≥ λ_K, the variances of the training set along the kept directions (a copy) */
    public double[] variances() {
        return variances.clone();
    }

    /**
     * Projects and whitens a dataset with the training statistics.
     *
     * @param data a dataset with the training set's input dimension D
     * @return the same labels with K whitened inputs, named {@code "<name> pca:K"}
     */
    public Dataset apply(Dataset data) {
        if (data.inputDimension() != inputDimension) {
            throw Require.invalid("data", "must have inputDimension = " + inputDimension + ", got "
                    + data.inputDimension());
        }
        int d = inputDimension;
        int p = data.size();
        double[] x = data.inputs();
        double[] out = new double[p * components];
        double[] row = new double[d];
        for (int mu = 0; mu < p; mu++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[mu * d + j] - mean[j];
            }
            for (int k = 0; k < components; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += basis[k * d + j] * row[j];
                }
                out[mu * components + k] = s;
            }
        }
        return new Dataset(data.name() + " pca:" + components, p, components, data.classes(), out,
                Arrays.copyOf(data.labels(), p));
    }
}
