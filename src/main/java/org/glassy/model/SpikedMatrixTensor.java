package org.glassy.model;

import org.glassy.core.Sphere;
import org.glassy.internal.Require;

import java.util.SplittableRandom;

/**
 * The spiked matrix–tensor model: a signal x* on the sphere |x*|² = N seen through a noisy matrix and a noisy
 * order-p tensor, and the energy (minus the log-likelihood) of a guess σ on the sphere |σ|² = N.
 *
 * <pre>
 *   Y_ij = x*_i x*_j / √N + ξ_ij,                                    ξ_ij ~ N(0, Δ2),   i &lt; j,
 *   T_{i1…ip} = √((p−1)!) / N^{(p−1)/2} x*_{i1}…x*_{ip} + ξ_{i1…ip},   ξ ~ N(0, Δp),     i1 &lt; … &lt; ip,
 *   H(σ) = − 1/(Δ2 √N) Σ_{i&lt;j} Y_ij σ_i σ_j − √((p−1)!)/(Δp N^{(p−1)/2}) Σ_{i1&lt;…&lt;ip} T_{i1…ip} σ_{i1}…σ_{ip}.
 * </pre>
 *
 * <p>With Q(x) = x²/(2Δ2) + x^p/(p Δp) and m = σ·x* / N, the noise part H_noise has covariance
 * E[H_noise(σ) H_noise(σ′)] = N Q(σ·σ′/N) and the signal part equals −N Q(m) up to the missing diagonal terms
 * (relative corrections O(1/N)); exactly, with v_i = x*_i σ_i and e_k the elementary symmetric polynomials,
 * H_signal = −[(x*·σ)² − Σ v_i²]/(2 Δ2 N) − (p−1)! e_p(v)/(Δp N^{p−1}). These are the normalisations of
 * S. Sarao Mannelli, G. Biroli, C. Cammarota, F. Krzakala, P. Urbani, L. Zdeborová, "Marvels and pitfalls of the
 * Langevin algorithm in noisy high-dimensional inference", Phys. Rev. X 10, 011057 (2020), arXiv:1812.09066, eq. (1)–(3),
 * and of the authors' gradient-flow code ({@code sphinxteam/spiked_matrix-tensor_T0}, whose Q′(x) = x/Δ2 +
 * x^{p−1}/Δp and Q″ are the derivatives of this Q).
 *
 * <p><b>Storage.</b> The noise parts reuse {@link PSpinSpherical}'s storage of the C(N, p) distinct couplings: a
 * p-spin instance J (coupling variance p!/(2 N^{p−1}), covariance N q^p/2) gives the tensor noise as
 * √(2/(p Δp)) H_J and a p = 2 instance gives the matrix noise as √(1/Δ2) H_J (the coupling variances
 * (p−1)!/(Δp N^{p−1}) and 1/(Δ2 N) of the energy above). The signal part is evaluated in closed form in O(N p)
 * operations. Δp = 2/p and 1/Δ2 = 0 leave exactly the p-spin of {@link PSpinSpherical}, plus the signal term.
 * {@code delta2 = +∞} drops the matrix (no matrix couplings are drawn).
 *
 * <p>Immutable and thread-safe.
 */
public final class SpikedMatrixTensor implements Model {

    private final int p;
    private final int n;
    private final double delta2;
    private final double deltap;
    private final double[] signal;
    private final PSpinSpherical tensorNoise;
    private final PSpinSpherical matrixNoise;
    private final double tensorScale;
    private final double matrixScale;
    /** (p−1)!/(Δp N^{p−1}), the weight of e_p(v) in the signal energy. */
    private final double tensorSignalWeight;

    /**
     * Draws an instance: the signal uniformly on the sphere, then the tensor and matrix noise.
     *
     * @param p the tensor order, in [2, {@value PSpinSpherical#MAX_P}]
     * @param n the number of variables N, at least p
     * @param delta2 the matrix noise variance Δ2 > 0, or {@code Double.POSITIVE_INFINITY} for no matrix
     * @param deltap the tensor noise variance Δp > 0, finite
     * @param seed the seed of signal and noise
     */
    public SpikedMatrixTensor(int p, int n, double delta2, double deltap, long seed) {
        this.p = PSpinSpherical.requireOrder(p);
        this.n = Require.atLeast("n", n, p);
        this.delta2 = requireDelta2(delta2);
        this.deltap = Require.positive("deltap", deltap);
        SplittableRandom seeds = new SplittableRandom(seed);
        signal = Sphere.randomPoint(n, seeds.nextLong());
        tensorNoise = new PSpinSpherical(p, n, seeds.nextLong());
        long matrixSeed = seeds.nextLong();
        matrixNoise = Double.isInfinite(delta2) ? null : new PSpinSpherical(2, n, matrixSeed);
        tensorScale = Math.sqrt(2.0 / (p * deltap));
        matrixScale = Math.sqrt(1.0 / delta2);
        double weight = 1.0 / deltap;
        for (int k = 2; k < p; k++) {
            weight *= (double) k / n;
        }
        tensorSignalWeight = weight / n;
    }

    /**
     * Checks a matrix noise variance: Δ2 > 0, and +∞ (no matrix) is allowed.
     *
     * @param delta2 the value
     * @return delta2
     * @throws IllegalArgumentException naming delta2 otherwise
     */
    public static double requireDelta2(double delta2) {
        if (!(delta2 > 0)) {
            throw Require.invalid("delta2", "must be > 0 (or inf for no matrix), got " + delta2);
        }
        return delta2;
    }

    /**
     * The function Q(x) = x²/(2Δ2) + x^p/(p Δp): the noise covariance per variable at overlap x, and minus the
     * signal energy per variable at signal overlap x.
     *
     * @param p the tensor order
     * @param delta2 Δ2 (+∞ drops the first term)
     * @param deltap Δp
     * @param x the overlap, in [−1, 1]
     * @return Q(x)
     */
    public static double q(int p, double delta2, double deltap, double x) {
        return x * x / (2 * delta2) + Math.pow(x, p) / (p * deltap);
    }

    /** @return the tensor order p */
    public int p() {
        return p;
    }

    /** @return the matrix noise variance Δ2 (+∞ without a matrix) */
    public double delta2() {
        return delta2;
    }

    /** @return the tensor noise variance Δp */
    public double deltap() {
        return deltap;
    }

    @Override
    public int dimension() {
        return n;
    }

    /** @return a copy of the signal x*, with |x*|² = N */
    public double[] signal() {
        return signal.clone();
    }

    /**
     * The overlap with the signal, m = σ·x* / N.
     *
     * @param x a state of length N
     * @return m
     */
    public double overlap(double[] x) {
        checkDimension("x", x);
        double dot = 0;
        for (int i = 0; i < n; i++) {
            dot += x[i] * signal[i];
        }
        return dot / n;
    }

    /**
     * The noise part of the energy, √(1/Δ2) H_J2(σ) + √(2/(p Δp)) H_Jp(σ) (see the class comment).
     *
     * @param x a state of length N; not modified
     * @return H_noise(σ)
     */
    public double noiseEnergy(double[] x) {
        double e = tensorScale * tensorNoise.energy(x);
        if (matrixNoise != null) {
            e += matrixScale * matrixNoise.energy(x);
        }
        return e;
    }

    /**
     * The signal part of the energy, −[(x*·σ)² − Σ v_i²]/(2 Δ2 N) − (p−1)! e_p(v)/(Δp N^{p−1}), v_i = x*_i σ_i.
     *
     * @param x a state of length N; not modified
     * @return H_signal(σ), close to −N Q(m)
     */
    public double signalEnergy(double[] x) {
        checkDimension("x", x);
        return signalEnergyAndGradient(x, null);
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        return noiseEnergy(x) + signalEnergyAndGradient(x, null);
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        double e = tensorScale * tensorNoise.energyAndGradient(x, gradient);
        for (int i = 0; i < n; i++) {
            gradient[i] *= tensorScale;
        }
        if (matrixNoise != null) {
            double[] g = new double[n];
            e += matrixScale * matrixNoise.energyAndGradient(x, g);
            for (int i = 0; i < n; i++) {
                gradient[i] += matrixScale * g[i];
            }
        }
        return e + signalEnergyAndGradient(x, gradient);
    }

    /** The signal energy; adds its gradient to {@code gradient} unless null. */
    private double signalEnergyAndGradient(double[] x, double[] gradient) {
        double[] v = new double[n];
        double dot = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            v[i] = signal[i] * x[i];
            dot += v[i];
            squares += v[i] * v[i];
        }
        // e[k] = e_k(v), k = 0 … p, by adding the variables one by one
        double[] e = new double[p + 1];
        e[0] = 1;
        for (int i = 0; i < n; i++) {
            for (int k = p; k >= 1; k--) {
                e[k] += v[i] * e[k - 1];
            }
        }
        double energy = -tensorSignalWeight * e[p];
        boolean matrix = !Double.isInfinite(delta2);
        if (matrix) {
            energy -= (dot * dot - squares) / (2 * delta2 * n);
        }
        if (gradient != null) {
            double[] without = new double[p];
            for (int i = 0; i < n; i++) {
                // e_k(v without i) = e_k(v) − v_i e_{k−1}(v without i)
                without[0] = 1;
                for (int k = 1; k < p; k++) {
                    without[k] = e[k] - v[i] * without[k - 1];
                }
                double g = -tensorSignalWeight * signal[i] * without[p - 1];
                if (matrix) {
                    g -= (dot * signal[i] - v[i] * signal[i]) / (delta2 * n);
                }
                gradient[i] += g;
            }
        }
        return energy;
    }

    @Override
    public String toString() {
        return "SpikedMatrixTensor[p=" + p + ", n=" + n + ", delta2=" + delta2 + ", deltap=" + deltap + "]";
    }
}
