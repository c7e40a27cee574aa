package org.glassy.study.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.glassy.core.Space;
import org.glassy.core.StepHandler;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.data.TeacherStudent;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.RunState;
import org.glassy.dynamics.StepRule;
import org.glassy.model.Activation;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The structured trainers: their curvature products against finite differences, and monotone descent. */
class StructuredTrainersTest {

    private static Mlp teacherNetwork(Activation f, Loss loss, int examples) {
        Dataset data = new TeacherStudent(new TeacherStudent.Parameters(12, 4, 3, 5)).sample(examples, 6);
        return new Mlp(Mlp.Architecture.oneHidden(12, 7, 3, f, loss), data);
    }

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static double[] shifted(double[] theta, double[] v, double eps) {
        double[] out = theta.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += eps * v[i];
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void jacobianProductsAreTheDerivativeOfTheLogitsAndAdjoint(Activation f) {
        Mlp mlp = teacherNetwork(f, Loss.SQUARED, 30);
        double[] theta = mlp.initialParameters(3);
        double[] v = random(theta.length, 4);
        NetworkJacobian j = new NetworkJacobian(mlp);
        double eps = 1e-6;
        j.linearise(shifted(theta, v, eps));
        double[] zPlus = j.logits();
        j.linearise(shifted(theta, v, -eps));
        double[] zMinus = j.logits();
        j.linearise(theta);
        double[] jv = j.jacobianTimes(v).clone();
        for (int i = 0; i < jv.length; i++) {
            assertEquals((zPlus[i] - zMinus[i]) / (2 * eps), jv[i], 1e-6);
        }
        double[] u = random(jv.length, 5);
        double[] jtu = new double[theta.length];
        j.transposeTimes(u, jtu);
        double left = 0;
        double right = 0;
        for (int i = 0; i < jv.length; i++) {
            left += u[i] * jv[i];
        }
        for (int i = 0; i < theta.length; i++) {
            right += jtu[i] * v[i];
        }
        assertEquals(left, right, 1e-10 * Math.abs(left));
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gaussNewtonQuadraticFormIsTheLossCurvatureOfTheLinearisedLogits(Loss loss) {
        Mlp mlp = teacherNetwork(Activation.TANH, loss, 25);
        double[] theta = mlp.initialParameters(7);
        double[] v = random(theta.length, 8);
        NetworkJacobian j = new NetworkJacobian(mlp);
        j.linearise(theta);
        double[] gv = new double[theta.length];
        j.gaussNewtonTimes(v, gv);
        double vgv = 0;
        for (int i = 0; i < v.length; i++) {
            vgv += v[i] * gv[i];
        }
        // independent: (1/P) Σ_μ d²/dt² ℓ(z_μ + t J_μ v) at t = 0, by finite differences of the loss in z
        double[] z = j.logits();
        double[] jv = j.jacobianTimes(v).clone();
        int c = 3;
        int[] labels = mlp.data().labels();
        double expected = 0;
        double t = 1e-4;
        for (int m = 0; m < 25; m++) {
            double[] zp = new double[c];
            double[] z0 = new double[c];
            double[] zm = new double[c];
            for (int k = 0; k < c; k++) {
                z0[k] = z[m * c + k];
                zp[k] = z0[k] + t * jv[m * c + k];
                zm[k] = z0[k] - t * jv[m * c + k];
            }
            expected += (loss(loss, zp, labels[m]) - 2 * loss(loss, z0, labels[m]) + loss(loss, zm, labels[m])) / (t * t);
        }
        expected /= 25;
        assertEquals(expected, vgv, 1e-5 * Math.abs(expected));
        // symmetric
        double[] u = random(theta.length, 9);
        double[] gu = new double[theta.length];
        j.gaussNewtonTimes(u, gu);
        double a = 0;
        double b = 0;
        for (int i = 0; i < u.length; i++) {
            a += u[i] * gv[i];
            b += v[i] * gu[i];
        }
        assertEquals(a, b, 1e-12 * Math.abs(a));
    }

    private static double loss(Loss loss, double[] z, int label) {
        if (loss == Loss.SQUARED) {
            double s = 0;
            for (int k = 0; k < z.length; k++) {
                double d = z[k] - (k == label ? 1 : 0);
                s += d * d;
            }
            return s / z.length;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : z) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (double x : z) {
            sum += Math.exp(x - max);
        }
        return Math.log(sum) + max - z[label];
    }

    /** Runs a rule for {@code steps} steps by hand and returns E after each (index 0 the start). */
    private static <S extends RunState> double[] energies(StepRule<Mlp, S> rule, Mlp mlp, double[] x0, int steps) {
        S state = rule.init(mlp, Space.euclidean(), x0);
        double[] e = new double[steps + 1];
        e[0] = mlp.energy(state.position());
        for (int k = 0; k < steps; k++) {
            state = rule.step(mlp, Space.euclidean(), state, k, new SplittableRandom(0));
            e[k + 1] = mlp.energy(state.position());
        }
        return e;
    }

    private static void assertMonotoneAndDecreasing(double[] e, double factor, String what) {
        for (int k = 1; k < e.length; k++) {
            assertTrue(e[k] <= e[k - 1], what + " step " + k + ": " + e[k - 1] + " -> " + e[k]);
        }
        assertTrue(e[e.length - 1] < factor * e[0], what + ": " + e[0] + " -> " + e[e.length - 1]);
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void blockMajorisationDecreasesTheLossAtEveryStep(Loss loss) {
        for (Activation f : new Activation[] {Activation.RELU, Activation.TANH}) {
            Mlp mlp = teacherNetwork(f, loss, 200);
            assertMonotoneAndDecreasing(energies(BlockMajorization.defaults(), mlp, mlp.initialParameters(11), 40),
                    0.8, f + " " + loss);
        }
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void gaussNewtonDecreasesTheLossAtEveryStep(Loss loss) {
        for (Activation f : new Activation[] {Activation.RELU, Activation.TANH}) {
            Mlp mlp = teacherNetwork(f, loss, 200);
            assertMonotoneAndDecreasing(energies(GaussNewton.defaults(), mlp, mlp.initialParameters(12), 20), 0.8,
                    f + " " + loss);
        }
    }

    @Test
    void bothTrainersAreMonotoneOnFashionMnistInTheRunLoop() {
        Dataset data = FashionMnist.train(300);
        for (Loss loss : Loss.values()) {
            Mlp mlp = new Mlp(Mlp.Architecture.oneHidden(784, 16, 10, Activation.RELU, loss), data);
            for (StepRule<Mlp, ?> rule : List.of(BlockMajorization.defaults(), GaussNewton.defaults())) {
                List<Double> e = new ArrayList<>();
                StepHandler record = (step, time, x, energy) -> e.add(energy);
                Dynamics.of(mlp, rule).seed(1L).steps(8).record(LongStream.rangeClosed(0, 8).toArray(), record)
                        .run(mlp.initialParameters(3));
                assertEquals(9, e.size());
                assertMonotoneAndDecreasing(e.stream().mapToDouble(Double::doubleValue).toArray(), 0.9,
                        rule + " " + loss);
            }
        }
    }

    @Test
    void squaredLossOutputBlockIsItsExactMinimiser() {
        Mlp mlp = teacherNetwork(Activation.TANH, Loss.SQUARED, 100);
        double[] theta = mlp.initialParameters(4);
        NetworkJacobian j = new NetworkJacobian(mlp);
        double before = mlp.energy(theta);
        double after = BlockMajorization.outputBlock(mlp, j, theta, before);
        assertTrue(after < before);
        assertEquals(mlp.energy(theta), after, 0);
        double[] gradient = new double[theta.length];
        mlp.energyAndGradient(theta, gradient);
        for (int i = j.outputOffset(); i < theta.length; i++) {
            assertEquals(0, gradient[i], 1e-12, "output parameter " + i);
        }
        double hidden = 0;
        for (int i = 0; i < j.outputOffset(); i++) {
            hidden = Math.max(hidden, Math.abs(gradient[i]));
        }
        assertTrue(hidden > 1e-6);
    }
}
