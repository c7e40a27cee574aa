package org.glassy.model;

/**
 * The Müller–Brown potential, the standard two-dimensional test of reaction-path methods
 * (K. Müller and L. D. Brown, Theor. Chim. Acta 53, 75 (1979)):
 *
 * <pre>
 *   V(x, y) = Σ_{k=1..4} A_k exp[a_k (x − x⁰_k)² + b_k (x − x⁰_k)(y − y⁰_k) + c_k (y − y⁰_k)²],
 *   A = (−200, −100, −170, 15),  a = (−1, −1, −6.5, 0.7),  b = (0, 0, 11, 0.6),
 *   c = (−10, −10, −6.5, 0.7),  x⁰ = (1, 0, −0.5, −1),  y⁰ = (0, 0.5, 1.5, 1).
 * </pre>
 *
 * <p>Its three minima (tabulated values, refined by Newton's method) are A ≈ (−0.5582, 1.4417)
 * with V = −146.6995, B ≈ (0.6235, 0.0280) with V = −108.1667 and C ≈ (−0.0500, 0.4667) with
 * V = −80.7678; the minimum energy path from A to B passes through C and over two saddles,
 * (−0.8220, 0.6243) with V = −40.6648 (the highest) and (0.2125, 0.2930) with V = −72.2489.
 *
 * <p>Immutable and thread-safe.
 */
public final class MullerBrown implements Model {

    private static final double[] A = {-200, -100, -170, 15};
    private static final double[] LA = {-1, -1, -6.5, 0.7};
    private static final double[] LB = {0, 0, 11, 0.6};
    private static final double[] LC = {-10, -10, -6.5, 0.7};
    private static final double[] X0 = {1, 0, -0.5, -1};
    private static final double[] Y0 = {0, 0.5, 1.5, 1};

    /** V at the highest saddle of the path from A to B, (−0.822002, 0.624313): the literature's −40.66. */
    public static final double SADDLE_AC_ENERGY = -40.664844;

    /** Creates the potential. */
    public MullerBrown() {
    }

    /** @return a new array holding the deepest minimum, A ≈ (−0.558224, 1.441726) */
    public static double[] minimumA() {
        return new double[] {-0.558224, 1.441726};
    }

    /** @return a new array holding the second minimum, B ≈ (0.623499, 0.028038) */
    public static double[] minimumB() {
        return new double[] {0.623499, 0.028038};
    }

    /** @return a new array holding the intermediate minimum, C ≈ (−0.050011, 0.466694) */
    public static double[] minimumC() {
        return new double[] {-0.050011, 0.466694};
    }

    /** @return a new array holding the highest saddle on the path from A to B, ≈ (−0.822002, 0.624313) */
    public static double[] saddleAC() {
        return new double[] {-0.822002, 0.624313};
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double energy(double[] x) {
        checkDimension("x", x);
        double v = 0;
        for (int k = 0; k < 4; k++) {
            double dx = x[0] - X0[k];
            double dy = x[1] - Y0[k];
            v += A[k] * Math.exp(LA[k] * dx * dx + LB[k] * dx * dy + LC[k] * dy * dy);
        }
        return v;
    }

    @Override
    public double energyAndGradient(double[] x, double[] gradient) {
        checkDimension("x", x);
        checkDimension("gradient", gradient);
        double v = 0;
        double gx = 0;
        double gy = 0;
        for (int k = 0; k < 4; k++) {
            double dx = x[0] - X0[k];
            double dy = x[1] - Y0[k];
            double term = A[k] * Math.exp(LA[k] * dx * dx + LB[k] * dx * dy + LC[k] * dy * dy);
            v += term;
            gx += term * (2 * LA[k] * dx + LB[k] * dy);
            gy += term * (LB[k] * dx + 2 * LC[k] * dy);
        }
        gradient[0] = gx;
        gradient[1] = gy;
        return v;
    }

    @Override
    public String toString() {
        return "MullerBrown";
    }
}
