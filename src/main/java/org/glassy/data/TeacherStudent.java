package org.glassy.data;

import java.util.SplittableRandom;

import org.glassy.internal.Require;

/**
 * The teacher–student scenario: inputs x ∈ R^D with i.i.d. standard Gaussian components, labelled
 * by a fixed random teacher network with one hidden layer of width K,
 * <pre>
 *   y(x) = argmax_c Σ_k V_ck tanh(Σ_i W_ki x_i),   c = 0, …, C−1,
 * </pre>
 * without biases, with W_ki ~ N(0, 1/D) and V_ck ~ N(0, 1/K) (variance 1/fan-in, so every
 * pre-activation is of order one). Ties of the argmax, which have probability zero, go to the
 * smallest class. For C = 2 the rule is y = [(V_1 − V_0)·tanh(W x) > 0], a random nonlinear binary
 * rule. A student learning from such data has a known target rule whose complexity is set by K
 * (H. S. Seung, H. Sompolinsky, N. Tishby, Phys. Rev. A 45, 6056 (1992); for two-layer teachers
 * D. Saad, S. A. Solla, Phys. Rev. E 52, 4225 (1995)).
 *
 * <p>Since tanh is odd and there are no biases, the teacher's outputs are odd in x, so y(−x) is
 * the argmin of the outputs at x. For C = 2 that is the other class, and since x and −x are equally
 * likely, each class has probability exactly ½ for every teacher. For C &gt; 2 the classes need not
 * be balanced.
 *
 * <p>The teacher is drawn once, from {@link Parameters#seed()}; {@link #sample(int, long)} draws
 * inputs from its own seed, so training and test sets of the same rule come from one teacher with
 * two sample seeds. Equal seeds give bit-identical datasets. Immutable and thread-safe.
 */
public final class TeacherStudent {

    /**
     * The teacher's architecture and seed.
     *
     * @param inputDimension the input dimension D, at least 1
     * @param teacherHidden the teacher's hidden width K, at least 1
     * @param classes the number of classes C, at least 2
     * @param seed the seed from which the teacher's weights are drawn
     */
    public record Parameters(int inputDimension, int teacherHidden, int classes, long seed) {

        /**
         * Validates the sizes.
         *
         * @param inputDimension the input dimension D, at least 1
         * @param teacherHidden the teacher's hidden width K, at least 1
         * @param classes the number of classes C, at least 2
         * @param seed the seed from which the teacher's weights are drawn
         */
        public Parameters {
            Require.atLeast("inputDimension", inputDimension, 1);
            Require.atLeast("teacherHidden", teacherHidden, 1);
            Require.atLeast("classes", classes, 2);
            Require.inRange("teacherHidden", teacherHidden, 1, MAX_ARRAY / inputDimension);
            Require.inRange("classes", classes, 2, MAX_ARRAY / teacherHidden);
        }
    }

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Parameters parameters;
    private final double[] inputWeights;  // W, K × D row-major
    private final double[] outputWeights; // V, C × K row-major

    /**
     * Draws the teacher: first W (K × D, row by row), then V (C × K), all from one
     * {@link SplittableRandom} seeded with {@code parameters.seed()}.
     *
     * @param parameters the architecture and seed
     */
    public TeacherStudent(Parameters parameters) {
        this.parameters = parameters;
        int d = parameters.inputDimension();
        int k = parameters.teacherHidden();
        SplittableRandom random = new SplittableRandom(parameters.seed());
        inputWeights = gaussian(random, k * d, 1.0 / Math.sqrt(d));
        outputWeights = gaussian(random, parameters.classes() * k, 1.0 / Math.sqrt(k));
    }

    /**
     * Returns the architecture and seed.
     *
     * @return the parameters this teacher was drawn from
     */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * The teacher's label of one input.
     *
     * @param x an input of length D (not modified)
     * @return argmax_c of the teacher's outputs, in [0, C)
     */
    public int label(double[] x) {
        if (x.length != parameters.inputDimension()) {
            throw new IllegalArgumentException("x must have length inputDimension = " + parameters.inputDimension()
                    + ", got " + x.length);
        }
        return label(x, 0, new double[parameters.teacherHidden()]);
    }

    /**
     * Draws {@code size} inputs with i.i.d. N(0, 1) components and labels them with this teacher.
     * The inputs come from a generator split off {@code new SplittableRandom(seed)}, a stream
     * distinct from the teacher's even when {@code seed} equals the teacher's seed.
     *
     * @param size the number of examples P, in [1, (2³¹ − 9)/D]
     * @param seed the seed of the inputs
     * @return a dataset of P examples, D inputs, C classes
     */
    public Dataset sample(int size, long seed) {
        int d = parameters.inputDimension();
        Require.inRange("size", size, 1, MAX_ARRAY / d);
        double[] x = gaussian(new SplittableRandom(seed).split(), size * d, 1.0);
        int[] y = new int[size];
        double[] hidden = new double[parameters.teacherHidden()];
        for (int mu = 0; mu < size; mu++) {
            y[mu] = label(x, mu * d, hidden);
        }
        String name = "teacher-student D=" + d + " K=" + parameters.teacherHidden() + " C=" + parameters.classes()
                + " teacher seed " + parameters.seed() + ", sample seed " + seed;
        return new Dataset(name, size, d, parameters.classes(), x, y);
    }

    private int label(double[] x, int offset, double[] hidden) {
        int d = parameters.inputDimension();
        int k = parameters.teacherHidden();
        for (int h = 0; h < k; h++) {
            double field = 0;
            for (int i = 0; i < d; i++) {
                field += inputWeights[h * d + i] * x[offset + i];
            }
            hidden[h] = Math.tanh(field);
        }
        int best = 0;
        double bestOutput = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < parameters.classes(); c++) {
            double output = 0;
            for (int h = 0; h < k; h++) {
                output += outputWeights[c * k + h] * hidden[h];
            }
            if (output > bestOutput) {
                best = c;
                bestOutput = output;
            }
        }
        return best;
    }

    private static double[] gaussian(SplittableRandom random, int n, double standardDeviation) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = standardDeviation * random.nextGaussian();
        }
        return values;
    }
}
