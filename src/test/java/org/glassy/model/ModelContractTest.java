package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Model} must satisfy (Hipparchus's abstract integrator tests): a
 * subclass supplies the model, the points to test at and its gradient tolerance.
 */
public abstract class ModelContractTest {

    /** The model under test. */
    protected abstract Model model();

    /** A state at which the model is smooth (away from kinks), drawn from {@code random}. */
    protected abstract double[] point(SplittableRandom random);

    /** Relative tolerance of the gradient against central differences. */
    protected double gradientTolerance() {
        return 1e-7;
    }

    /** Finite-difference step. */
    protected double finiteDifferenceStep() {
        return 1e-6;
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Model model = model();
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 3; trial++) {
            double[] x = point(random);
            double[] g = new double[model.dimension()];
            model.energyAndGradient(x, g);
            double h = finiteDifferenceStep();
            double norm = 0;
            double error = 0;
            int stride = Math.max(1, model.dimension() / 40);
            for (int i = 0; i < model.dimension(); i += stride) {
                double[] plus = x.clone();
                double[] minus = x.clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (model.energy(plus) - model.energy(minus)) / (2 * h);
                error = Math.max(error, Math.abs(fd - g[i]));
                norm = Math.max(norm, Math.abs(g[i]));
            }
            double relative = error / Math.max(norm, 1e-300);
            if (!(relative <= gradientTolerance())) {
                throw new AssertionError("gradient of " + model + " differs from central differences: max error "
                        + error + " relative to max |g| " + norm + " = " + relative + " > " + gradientTolerance());
            }
        }
    }

    @Test
    void energyEqualsFusedEnergy() {
        Model model = model();
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 3; trial++) {
            double[] x = point(random);
            double e = model.energy(x);
            double fused = model.energyAndGradient(x, new double[model.dimension()]);
            assertEquals(e, fused, 1e-12 * Math.max(1, Math.abs(e)), "energy(x) vs energyAndGradient(x, g)");
        }
    }

    @Test
    void inputIsNotMutated() {
        Model model = model();
        double[] x = point(new SplittableRandom(13));
        double[] copy = x.clone();
        model.energy(x);
        model.energyAndGradient(x, new double[model.dimension()]);
        assertArrayEquals(copy, x, 0.0);
    }

    @Test
    void dimensionIsChecked() {
        Model model = model();
        assertEquals(model.dimension(), point(new SplittableRandom(14)).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.energy(new double[model.dimension() + 1]));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(String.valueOf(model.dimension())),
                e.getMessage());
    }

    @Test
    void gradientBufferIsOverwrittenNotAccumulated() {
        Model model = model();
        double[] x = point(new SplittableRandom(15));
        double[] clean = new double[model.dimension()];
        model.energyAndGradient(x, clean);
        double[] dirty = new double[model.dimension()];
        java.util.Arrays.fill(dirty, 123.0);
        model.energyAndGradient(x, dirty);
        assertArrayEquals(clean, dirty, 0.0);
    }
}
