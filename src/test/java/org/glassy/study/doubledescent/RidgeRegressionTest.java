package org.glassy.study.doubledescent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;

/** Min-norm and ridge solutions against Hipparchus's SVD pseudo-inverse. */
class RidgeRegressionTest {

    private static RealMatrix matrix(double[] z, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(z, r * cols, m[r], 0, cols);
        }
        return new Array2DRowRealMatrix(m, false);
    }

    @Test
    void minNormSolutionIsThePseudoInverseAndInterpolatesWhenOverparametrised() {
        SplittableRandom random = new SplittableRandom(7);
        for (int[] size : new int[][] {{60, 30}, {30, 60}, {40, 40}}) {
            int rows = size[0];
            int cols = size[1];
            double[] z = DoubleDescent.gaussian(rows, cols, random);
            double[] y = DoubleDescent.gaussian(rows, 1, random);
            double[] b = RidgeRegression.fit(z, rows, cols, y, 0);
            RealMatrix zm = matrix(z, rows, cols);
            RealVector expected = new SingularValueDecomposition(zm).getSolver().getInverse()
                    .operate(new ArrayRealVector(y));
            double scale = expected.getNorm();
            for (int k = 0; k < cols; k++) {
                assertEquals(expected.getEntry(k), b[k], 1e-10 * scale, rows + "x" + cols + " coefficient " + k);
            }
            if (cols >= rows) {
                RealVector fit = zm.operate(new ArrayRealVector(b));
                for (int r = 0; r < rows; r++) {
                    assertEquals(y[r], fit.getEntry(r), 1e-9, "interpolates, row " + r);
                }
            }
        }
    }

    @Test
    void ridgeSolutionSolvesItsNormalEquationsInBothForms() {
        SplittableRandom random = new SplittableRandom(8);
        double lambda = 0.3;
        for (int[] size : new int[][] {{50, 20}, {20, 50}}) {
            int rows = size[0];
            int cols = size[1];
            double[] z = DoubleDescent.gaussian(rows, cols, random);
            double[] y = DoubleDescent.gaussian(rows, 1, random);
            double[] b = RidgeRegression.fit(z, rows, cols, y, lambda);
            // gradient of (1/P)|y − Zb|² + λ|b|² vanishes: Zᵀ(Zb − y)/P + λ b = 0
            RealMatrix zm = matrix(z, rows, cols);
            RealVector residual = zm.operate(new ArrayRealVector(b)).subtract(new ArrayRealVector(y));
            RealVector gradient = zm.transpose().operate(residual).mapDivide(rows).add(new ArrayRealVector(b)
                    .mapMultiply(lambda));
            assertEquals(0, gradient.getLInfNorm(), 1e-12);
        }
    }

    @Test
    void rankDeficientWithoutRidgeIsRefused() {
        double[] z = {1, 2, 2, 4};   // rank 1
        assertThrows(ArithmeticException.class, () -> RidgeRegression.fit(z, 2, 2, new double[] {1, 0}, 0));
    }

    @Test
    void randomFeaturesWithALinearActivationAreLeastSquaresOnTheInputs() {
        // σ(z) = z and N ≥ D: the features span every linear function of x, so with P > D samples the ridgeless fit
        // is the ordinary least-squares fit on the inputs, whatever θ: same predictions (Hipparchus's SVD solver)
        SplittableRandom random = new SplittableRandom(9);
        int d = 10;
        int p = 40;
        int n = 25;
        double[] x = DoubleDescent.gaussian(p, d, random);
        double[] y = DoubleDescent.gaussian(p, 1, random);
        double[] test = DoubleDescent.gaussian(5, d, random);
        RandomFeatures linear = new RandomFeatures(z -> z, n, d, random);
        double[] f = linear.fitAndPredict(x, y, 1e-12, test, 5);
        RealVector ols = new SingularValueDecomposition(matrix(x, p, d)).getSolver().solve(new ArrayRealVector(y));
        RealVector expected = matrix(test, 5, d).operate(ols);
        for (int r = 0; r < 5; r++) {
            assertEquals(expected.getEntry(r), f[r], 1e-6 * (1 + Math.abs(expected.getEntry(r))), "test point " + r);
        }
    }
}
