package org.glassy.study.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.model.Model;
import org.glassy.model.ModelContractTest;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The residual flow: the Euler scheme, its adjoint (gradient contracts), inversion, Lipschitz bounds. */
class ResidualFlowTest {

    /** A state around the initialisation, with output weights of order one so the flow is far from the identity. */
    static double[] perturbed(double[] x, SplittableRandom random) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.5 * ResidualFlow.gaussian(random);
        }
        return y;
    }

    abstract static class ClassifierContract extends ModelContractTest {
        abstract FlowClassifier classifier();

        @Override
        protected Model model() {
            return classifier();
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return perturbed(classifier().initialState(3), random);
        }

        @Override
        protected double gradientTolerance() {
            return 1e-6;
        }
    }

    @Nested
    class SharedPlain extends ClassifierContract {
        @Override
        FlowClassifier classifier() {
            return new FlowClassifier(new ResidualFlow(2, 5, 4, true), FlowData.moons(12, 1), 0, 0);
        }
    }

    @Nested
    class PerBlockRegularised extends ClassifierContract {
        @Override
        FlowClassifier classifier() {
            return new FlowClassifier(new ResidualFlow(2, 4, 3, false), FlowData.circles(10, 2), 0.7, 0.3);
        }
    }

    @Nested
    class SharedAugmentedRegularised extends ClassifierContract {
        @Override
        FlowClassifier classifier() {
            return new FlowClassifier(new ResidualFlow(4, 3, 5, true), FlowData.circles(9, 3), 0.2, 0.5);
        }
    }

    @Nested
    class PerBlockAugmentedJacobianOnly extends ClassifierContract {
        @Override
        FlowClassifier classifier() {
            return new FlowClassifier(new ResidualFlow(3, 6, 2, false), FlowData.moons(8, 4), 0, 1.3);
        }
    }

    @Nested
    class TransportContract extends ModelContractTest {
        private final FlowTransport transport = new FlowTransport(new ResidualFlow(2, 5, 4, true),
                FlowData.gaussian(15, new double[2], new double[] {1, 0, 1}, 5).points(),
                FlowData.gaussian(15, new double[] {1, -1}, new double[] {2, 0.3, 0.5}, 6).points(),
                Transport.directions(2, 7, 0), 0.4);

        @Override
        protected Model model() {
            return transport;
        }

        @Override
        protected double[] point(SplittableRandom random) {
            return perturbed(transport.flow().initialParameters(7, 0.3), random);
        }

        @Override
        protected double gradientTolerance() {
            return 1e-6;
        }
    }

    @Test
    void regularisersAreTheKineticEnergyAndTheJacobianNormAlongTheTrajectory() {
        ResidualFlow flow = new ResidualFlow(3, 4, 6, false);
        double[] theta = flow.initialParameters(8, 1.0);
        double[] x0 = {0.3, -0.7, 0.2};
        ResidualFlow.Pass pass = flow.newPass();
        flow.forward(theta, x0, pass);
        double[][] traj = flow.trajectory(theta, x0);
        for (int k = 0; k < traj.length; k++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(traj[k], pass.states()[k], 1e-15);
        }
        double kinetic = flow.backpropagate(theta, pass, new double[3], 1, 0, new double[flow.parameterCount()]);
        assertEquals(flow.kineticEnergy(traj), kinetic, 1e-12 * kinetic);
        double jac = flow.backpropagate(theta, pass, new double[3], 0, 1, new double[flow.parameterCount()]);
        double expected = 0;
        for (int k = 0; k < flow.blocks(); k++) {
            expected += flow.step() * MatrixUtils.createRealMatrix(flow.velocityJacobian(theta, k, traj[k]))
                    .getFrobeniusNorm() * MatrixUtils.createRealMatrix(flow.velocityJacobian(theta, k, traj[k]))
                    .getFrobeniusNorm();
        }
        assertEquals(expected, jac, 1e-12 * expected);
    }

    @Test
    void backpropagatedAdjointIsTheTransposedJacobian() {
        ResidualFlow flow = new ResidualFlow(2, 5, 7, true);
        double[] theta = flow.initialParameters(9, 1.0);
        double[] x0 = {0.4, 0.9};
        double[][] j = flow.jacobian(theta, x0);
        ResidualFlow.Pass pass = flow.newPass();
        flow.forward(theta, x0, pass);
        double[] adjoint = {0.3, -1.1};
        double[] expected = {j[0][0] * 0.3 - j[1][0] * 1.1, j[0][1] * 0.3 - j[1][1] * 1.1};
        flow.backpropagate(theta, pass, adjoint, 0, 0, new double[flow.parameterCount()]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, adjoint, 1e-13);
    }

    @Test
    void jacobianMatchesFiniteDifferencesOfTheMap() {
        ResidualFlow flow = new ResidualFlow(3, 6, 5, false);
        double[] theta = flow.initialParameters(10, 1.5);
        double[] x0 = {0.1, -0.4, 0.6};
        double[][] j = flow.jacobian(theta, x0);
        double eps = 1e-6;
        for (int c = 0; c < 3; c++) {
            double[] plus = x0.clone();
            double[] minus = x0.clone();
            plus[c] += eps;
            minus[c] -= eps;
            double[] fp = flow.map(theta, plus);
            double[] fm = flow.map(theta, minus);
            for (int r = 0; r < 3; r++) {
                assertEquals((fp[r] - fm[r]) / (2 * eps), j[r][c], 1e-8);
            }
        }
    }

    /** A linear field v(x) = A x, integrated by the same Euler scheme. */
    private static final double[][] A = {{-0.3, 1.2}, {-0.9, 0.4}};

    private static ResidualFlow.VelocityField linear(double[][] a) {
        return (k, t, x, v) -> {
            v[0] = a[0][0] * x[0] + a[0][1] * x[1];
            v[1] = a[1][0] * x[0] + a[1][1] * x[1];
        };
    }

    @Test
    void eulerFlowOfALinearFieldIsTheMatrixPowerAndConvergesToTheExponentialAtOrderOne() {
        RealMatrix a = MatrixUtils.createRealMatrix(A);
        double[] x0 = {0.7, -0.2};
        RealVector exact = MatrixUtils.matrixExponential(a).operate(MatrixUtils.createRealVector(x0));
        double[] errors = new double[3];
        int[] ks = {10, 20, 40};
        for (int n = 0; n < ks.length; n++) {
            int k = ks[n];
            RealMatrix step = MatrixUtils.createRealIdentityMatrix(2).add(a.scalarMultiply(1.0 / k));
            double[] power = step.power(k).operate(x0);
            double[] euler = ResidualFlow.euler(linear(A), k, x0)[k];
            org.junit.jupiter.api.Assertions.assertArrayEquals(power, euler, 1e-14);
            errors[n] = MatrixUtils.createRealVector(euler).subtract(exact).getNorm();
        }
        // first order: the error halves when h halves (ratio 2 + O(h))
        assertEquals(2, errors[0] / errors[1], 0.15);
        assertEquals(2, errors[1] / errors[2], 0.08);
    }

    @Test
    void fixedPointInverseRecoversTheInputWhenTheBlocksContract() {
        double[] x0 = {0.7, -0.2};
        int k = 4;   // h |A| < 1: |A|_2 ≈ 1.55, h = 1/4
        double[] y = ResidualFlow.euler(linear(A), k, x0)[k];
        org.junit.jupiter.api.Assertions.assertArrayEquals(x0, ResidualFlow.eulerInverse(linear(A), k, y, 200),
                1e-13);
        ResidualFlow flow = new ResidualFlow(3, 8, 5, false);
        double[] theta = flow.initialParameters(11, 3.0);
        double bound = 0.9 / flow.step();
        flow.boundLipschitz(theta, bound);
        for (int b = 0; b < flow.blocks(); b++) {
            assertTrue(flow.velocityLipschitzBound(theta, b) <= bound);
        }
        double[][] points = FlowData.circles(50, 12).augmented(3);
        assertTrue(FlowObservables.inverseError(flow, theta, points) < 1e-10);
        // orientation preserved: det(I + h Dv) > 0 for every block when h Lip(v) < 1
        for (double det : FlowObservables.jacobianDeterminants(flow, theta, points)) {
            assertTrue(det > 0, "det " + det);
        }
    }

    @Test
    void lipschitzBoundIsTheProductOfSpectralNormsAndBoundsTheMap() {
        ResidualFlow flow = new ResidualFlow(2, 7, 6, true);
        double[] theta = flow.initialParameters(13, 1.0);
        // independent spectral norms: the largest eigenvalue of WᵀW (2 × 2) and of W₂W₂ᵀ (2 × 2)
        double s1 = Math.sqrt(new EigenDecompositionSymmetric(flow.inputWeights(theta, 0).transpose()
                .multiply(flow.inputWeights(theta, 0))).getEigenvalues()[0]);
        double s2 = Math.sqrt(new EigenDecompositionSymmetric(flow.outputWeights(theta, 0)
                .multiply(flow.outputWeights(theta, 0).transpose())).getEigenvalues()[0]);
        assertEquals(s1 * s2, flow.velocityLipschitzBound(theta, 0), 1e-12 * s1 * s2);
        assertEquals(Math.pow(1 + s1 * s2 / 6, 6), flow.lipschitzUpperBound(theta), 1e-12);
        double[][] points = FlowData.moons(200, 14).points();
        double lower = FlowObservables.lipschitzLowerEstimate(flow, theta, points);
        assertTrue(lower <= flow.lipschitzUpperBound(theta) && lower > 0, lower + " vs "
                + flow.lipschitzUpperBound(theta));
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 200; i++) {
            double[] x = points[random.nextInt(points.length)];
            double[] y = points[random.nextInt(points.length)];
            double d = FlowObservables.distance(x, y);
            if (d > 0) {
                double ratio = FlowObservables.distance(flow.map(theta, x), flow.map(theta, y)) / d;
                assertTrue(ratio <= flow.lipschitzUpperBound(theta));
            }
        }
    }

    @Test
    void refinementGapIsTheEulerErrorOfOrderH() {
        ResidualFlow coarse = new ResidualFlow(2, 6, 8, true);
        double[] theta = coarse.initialParameters(16, 1.0);
        double[][] points = FlowData.moons(40, 17).points();
        double g8 = FlowObservables.refinementGap(coarse, theta, points);
        double g16 = FlowObservables.refinementGap(coarse.refined(), theta, points);
        assertEquals(2, g8 / g16, 0.2);
        // per-block networks duplicated at 2K: fine block 2k is coarse block k at the same time t = k h
        ResidualFlow perBlock = new ResidualFlow(2, 3, 4, false);
        double[] p = perBlock.initialParameters(18, 1.0);
        ResidualFlow fine = perBlock.refined();
        double[] fp = perBlock.refinedParameters(p);
        assertEquals(fine.parameterCount(), fp.length);
        double[] v1 = new double[2];
        double[] v2 = new double[2];
        perBlock.velocity(p, 1, new double[] {0.2, 0.3}, v1);
        fine.velocity(fp, 2, new double[] {0.2, 0.3}, v2);
        assertEquals(v1[0], v2[0], 0.0);
        assertEquals(v1[1], v2[1], 0.0);
    }

    @Test
    void layerDistancesVanishForTheIdentityAndEqualTheStepForATranslation() {
        ResidualFlow flow = new ResidualFlow(2, 3, 5, true);
        double[] theta = new double[flow.parameterCount()];
        // b₂ = (0.5, 0): every block translates by h (0.5, 0)
        theta[flow.parameterCount() - 2] = 0.5;
        double[][] points = FlowData.moons(30, 19).points();
        double[][] u = Transport.directions(2, 8, 0);
        for (double d : FlowObservables.layerSlicedDistances(flow, theta, points, u)) {
            // sliced W₂² of a translation by s: s² mean_l cos²(angle) = s²/2
            assertEquals(0.1 * 0.1 / 2, d, 1e-12);
        }
        assertEquals(0.5 * 0.5, FlowObservables.kineticEnergy(flow, theta, points), 1e-12);
    }
}
