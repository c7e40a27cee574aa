package org.glassy.study.sgd;

import java.util.SplittableRandom;

import org.glassy.core.StepHandler;
import org.glassy.dynamics.Dynamics;
import org.glassy.dynamics.Selection;
import org.glassy.dynamics.StochasticGradientDescent;
import org.glassy.internal.Require;
import org.glassy.model.LeastSquares;
import org.glassy.theory.SgdLeastSquares;

/**
 * SGD on linear regression with label noise, the model whose stationary state is known exactly
 * ({@link SgdLeastSquares}): a data set x_μ ~ N(0, I_d), y_μ = w₀·x_μ + σ ε_μ (w₀ alternating 1, −½; ε_μ ~ N(0, 1)),
 * and the measured stationary excess training loss E[L(w)] − L(ŵ) of SGD with fresh Bernoulli(b) selections: the
 * time average over {@code steps} steps after {@code burnIn} steps from ŵ, its mean and standard error over
 * independent runs (seeds 1 … runs).
 *
 * @param dimension d
 * @param inputs the n inputs, row-major
 * @param targets the n targets
 */
public record LeastSquaresSgd(int dimension, double[] inputs, double[] targets) {

    /**
     * Draws a data set.
     *
     * @param dimension d, at least 1
     * @param samples n ≥ d
     * @param labelNoise σ ≥ 0
     * @param seed the seed
     * @return the data set
     */
    public static LeastSquaresSgd sample(int dimension, int samples, double labelNoise, long seed) {
        Require.atLeast("dimension", dimension, 1);
        Require.atLeast("samples", samples, dimension);
        Require.nonNegative("labelNoise", labelNoise);
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[samples * dimension];
        double[] y = new double[samples];
        for (int mu = 0; mu < samples; mu++) {
            double h = 0;
            for (int i = 0; i < dimension; i++) {
                x[mu * dimension + i] = r.nextGaussian();
                h += x[mu * dimension + i] * (i % 2 == 0 ? 1 : -0.5);
            }
            y[mu] = h + labelNoise * r.nextGaussian();
        }
        return new LeastSquaresSgd(dimension, x, y);
    }

    /** @return the training loss */
    public LeastSquares model() {
        return new LeastSquares(dimension, inputs, targets);
    }

    /**
     * The exact stationary state.
     *
     * @param learningRate η
     * @param batchFraction b
     * @param noise the exact batch noise or only the noise at the minimum
     * @return the fixed point
     */
    public SgdLeastSquares.Stationary exact(double learningRate, double batchFraction, SgdLeastSquares.Noise noise) {
        return SgdLeastSquares.stationary(dimension, inputs, targets, learningRate, batchFraction, noise);
    }

    /**
     * Simulates SGD and returns {mean, standard error} of the time-averaged excess training loss over runs.
     *
     * @param learningRate η
     * @param batchFraction b
     * @param runs independent runs, at least 2
     * @param burnIn steps discarded, at least 0
     * @param steps steps averaged, at least 1
     * @return {mean, standard error}
     */
    public double[] simulate(double learningRate, double batchFraction, int runs, long burnIn, int steps) {
        Require.atLeast("runs", runs, 2);
        Require.atLeast("burnIn", burnIn, 0);
        Require.atLeast("steps", steps, 1);
        SgdLeastSquares.Stationary fixed = exact(learningRate, batchFraction, SgdLeastSquares.Noise.AT_MINIMUM);
        LeastSquares model = model();
        long[] schedule = new long[steps];
        for (int k = 0; k < steps; k++) {
            schedule[k] = burnIn + k;
        }
        double[] means = new double[runs];
        for (int run = 0; run < runs; run++) {
            double[] sum = new double[1];
            StepHandler accumulate = (step, time, x, energy) -> sum[0] += energy;
            Dynamics.of(model, new StochasticGradientDescent(learningRate, Selection.bernoulli(batchFraction)))
                    .seed(100 + run).steps(burnIn + steps - 1).record(schedule, accumulate).run(fixed.minimiser());
            means[run] = sum[0] / steps - fixed.minimumLoss();
        }
        double mean = 0;
        for (double m : means) {
            mean += m / runs;
        }
        double variance = 0;
        for (double m : means) {
            variance += (m - mean) * (m - mean) / (runs - 1);
        }
        return new double[] {mean, Math.sqrt(variance / runs)};
    }
}
