package org.glassy.dynamics;

import java.util.Arrays;

import org.glassy.internal.Require;

/**
 * A learning rate (or step size) that depends on the step k: constant, step decay, piecewise
 * constant (AutoNEB's cycles), or the linear ramp of Garipov et al.'s curve fitting. Immutable.
 */
public sealed interface Schedule permits Schedule.Constant, Schedule.StepDecay, Schedule.Piecewise,
        Schedule.LinearRamp {

    /**
     * Returns the value at step k.
     *
     * @param step k ≥ 0
     * @return η(k) &gt; 0
     */
    double at(long step);

    /**
     * A constant value.
     *
     * @param value η &gt; 0
     * @return the schedule
     */
    static Schedule constant(double value) {
        return new Constant(value);
    }

    /**
     * Step decay: η(k) = η₀ γ^⌊k / every⌋ (PyTorch's {@code StepLR}).
     *
     * @param initial η₀ &gt; 0
     * @param factor γ in (0, 1)
     * @param every the number of steps between decays, at least 1
     * @return the schedule
     */
    static Schedule stepDecay(double initial, double factor, long every) {
        return new StepDecay(initial, factor, every);
    }

    /**
     * Piecewise constant: {@code values[i]} for the steps before {@code ends[i]}, the last value
     * after the last end. AutoNEB's learning rate over its cycles is such a schedule.
     *
     * @param ends the first step after each piece, increasing, each ≥ 1
     * @param values the value of each piece, each &gt; 0, as many as ends
     * @return the schedule
     */
    static Schedule piecewise(long[] ends, double[] values) {
        return new Piecewise(ends, values);
    }

    /**
     * The learning-rate schedule of T. Garipov et al. (NeurIPS 2018) for a run of {@code steps}
     * steps: η₀ for the first half, then linearly down to 0.01 η₀ at 90 % of the run, then 0.01 η₀.
     *
     * @param initial η₀ &gt; 0
     * @param steps the length of the run, at least 1
     * @return the schedule
     */
    static Schedule garipov(double initial, long steps) {
        return new LinearRamp(initial, steps);
    }

    /**
     * A constant value.
     *
     * @param value η &gt; 0
     */
    record Constant(double value) implements Schedule {
        /**
         * Validates the value.
         *
         * @param value η &gt; 0
         */
        public Constant {
            Require.positive("learningRate", value);
        }

        @Override
        public double at(long step) {
            return value;
        }
    }

    /**
     * η₀ γ^⌊k / every⌋.
     *
     * @param initial η₀ &gt; 0
     * @param factor γ in (0, 1)
     * @param every steps between decays, at least 1
     */
    record StepDecay(double initial, double factor, long every) implements Schedule {
        /**
         * Validates the parameters.
         *
         * @param initial η₀
         * @param factor γ
         * @param every steps between decays
         */
        public StepDecay {
            Require.positive("learningRate", initial);
            Require.openUnitInterval("factor", factor);
            Require.atLeast("every", every, 1);
        }

        @Override
        public double at(long step) {
            return initial * Math.pow(factor, step / every);
        }
    }

    /**
     * Piecewise constant.
     *
     * @param ends the first step after each piece, increasing
     * @param values the value of each piece
     */
    record Piecewise(long[] ends, double[] values) implements Schedule {
        /**
         * Validates and copies the pieces.
         *
         * @param ends the ends, increasing, each ≥ 1
         * @param values the values, each &gt; 0, as many as ends
         */
        public Piecewise {
            ends = ends.clone();
            values = values.clone();
            Require.atLeast("ends.length", ends.length, 1);
            if (values.length != ends.length) {
                throw Require.invalid("values", "must hold one value per end, " + ends.length + ", got "
                        + values.length);
            }
            for (int i = 0; i < ends.length; i++) {
                Require.atLeast("ends[" + i + "]", ends[i], i == 0 ? 1 : ends[i - 1] + 1);
                Require.positive("values[" + i + "]", values[i]);
            }
        }

        /** @return a copy of the ends */
        @Override
        public long[] ends() {
            return ends.clone();
        }

        /** @return a copy of the values */
        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public double at(long step) {
            int i = Arrays.binarySearch(ends, step + 1);
            int piece = i >= 0 ? i : -i - 1;
            return values[Math.min(piece, values.length - 1)];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Piecewise p && Arrays.equals(ends, p.ends) && Arrays.equals(values, p.values);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ends) + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Piecewise[ends=" + Arrays.toString(ends) + ", values=" + Arrays.toString(values) + "]";
        }
    }

    /**
     * Garipov et al.'s ramp: factor 1 up to half the run, linear down to 0.01 at 90 %, then 0.01.
     *
     * @param initial η₀ &gt; 0
     * @param steps the length of the run, at least 1
     */
    record LinearRamp(double initial, long steps) implements Schedule {
        /**
         * Validates the parameters.
         *
         * @param initial η₀
         * @param steps the run length
         */
        public LinearRamp {
            Require.positive("learningRate", initial);
            Require.atLeast("steps", steps, 1);
        }

        /**
         * The factor at a fraction s of the run: 1 up to s = 0.5, then 1 − 0.99 (s − 0.5)/0.4 up to
         * s = 0.9, then 0.01.
         *
         * @param s step / steps
         * @return the factor
         */
        public static double factor(double s) {
            if (s <= 0.5) {
                return 1;
            }
            if (s <= 0.9) {
                return 1 - 0.99 * (s - 0.5) / 0.4;
            }
            return 0.01;
        }

        @Override
        public double at(long step) {
            return initial * factor((double) step / steps);
        }
    }
}
