package org.glassy.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TeacherStudentTest {

    private static final TeacherStudent.Parameters BINARY = new TeacherStudent.Parameters(50, 10, 2, 7L);

    @Test
    void sameSeedsGiveIdenticalDatasets() {
        Dataset a = new TeacherStudent(BINARY).sample(300, 11L);
        Dataset b = new TeacherStudent(new TeacherStudent.Parameters(50, 10, 2, 7L)).sample(300, 11L);
        assertArrayEquals(a.inputs(), b.inputs());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(300, a.size());
        assertEquals(50, a.inputDimension());
        assertEquals(2, a.classes());
    }

    @Test
    void sampleSeedsChangeTheInputsButNotTheRule() {
        TeacherStudent teacher = new TeacherStudent(new TeacherStudent.Parameters(20, 5, 4, 3L));
        Dataset train = teacher.sample(200, 1L);
        Dataset test = teacher.sample(200, 2L);
        assertFalse(Arrays.equals(train.inputs(), test.inputs()));
        TeacherStudent again = new TeacherStudent(teacher.parameters());
        for (Dataset d : new Dataset[] {train, test}) {
            for (int mu = 0; mu < d.size(); mu++) {
                assertEquals(d.labels()[mu], teacher.label(d.input(mu)));
                assertEquals(d.labels()[mu], again.label(d.input(mu)));
            }
        }
        // the sample stream is not the teacher's stream, even with equal seeds
        assertFalse(Arrays.equals(teacher.sample(10, 3L).inputs(), teacher.sample(10, 4L).inputs()));
    }

    @Test
    void teacherSeedsChangeTheRule() {
        Dataset d = new TeacherStudent(BINARY).sample(2000, 5L);
        TeacherStudent other = new TeacherStudent(new TeacherStudent.Parameters(50, 10, 2, 8L));
        int disagree = 0;
        for (int mu = 0; mu < d.size(); mu++) {
            disagree += d.labels()[mu] != other.label(d.input(mu)) ? 1 : 0;
        }
        // two independent teachers agree on a fraction arccos(ρ)/π-like of order ½, not on all
        assertTrue(disagree > 0.2 * d.size(), "disagreements " + disagree);
    }

    @Test
    void binaryTeacherIsOdd() {
        // tanh is odd and there are no biases, so flipping x flips the label when C = 2
        TeacherStudent teacher = new TeacherStudent(BINARY);
        Dataset d = teacher.sample(500, 9L);
        for (int mu = 0; mu < d.size(); mu++) {
            double[] x = d.input(mu);
            for (int i = 0; i < x.length; i++) {
                x[i] = -x[i];
            }
            assertEquals(1 - d.labels()[mu], teacher.label(x));
        }
    }

    @Test
    void binaryClassesAreBalanced() {
        // By the oddness above each class has probability exactly ½ for every teacher, so over
        // n = 2000 samples the class-1 fraction has standard error √(¼/n) ≈ 0.011; 4 standard
        // errors (±0.045) is far inside the 30–70 % band, and a teacher with a bias or an even
        // activation would typically miss it.
        int n = 2000;
        double fourSe = 4 * Math.sqrt(0.25 / n);
        for (int hidden : new int[] {1, 3, 30}) {
            for (long seed = 0; seed < 4; seed++) {
                TeacherStudent teacher = new TeacherStudent(new TeacherStudent.Parameters(40, hidden, 2, seed));
                double fraction = teacher.sample(n, 100 + seed).classCounts()[1] / (double) n;
                assertEquals(0.5, fraction, fourSe, "K = " + hidden + ", seed " + seed);
                assertTrue(fraction > 0.3 && fraction < 0.7);
            }
        }
    }

    @Test
    void inputsAreStandardGaussian() {
        Dataset d = new TeacherStudent(BINARY).sample(2000, 13L);
        int n = d.inputs().length; // 100 000 values
        double mean = Arrays.stream(d.inputs()).average().getAsDouble();
        double variance = Arrays.stream(d.inputs()).map(v -> (v - mean) * (v - mean)).sum() / n;
        assertEquals(0, mean, 4 / Math.sqrt(n), "mean");                // standard error 1/√n
        assertEquals(1, variance, 4 * Math.sqrt(2.0 / n), "variance");  // standard error √(2/n) for a Gaussian
        double fourth = Arrays.stream(d.inputs()).map(v -> v * v * v * v).sum() / n;
        assertEquals(3, fourth, 4 * Math.sqrt(96.0 / n), "fourth moment"); // Var(x⁴) = 105 − 9 = 96
    }

    @Test
    void labelsUseEveryClassWhenThereAreMany() {
        TeacherStudent teacher = new TeacherStudent(new TeacherStudent.Parameters(30, 20, 5, 1L));
        int[] counts = teacher.sample(5000, 2L).classCounts();
        for (int c = 0; c < counts.length; c++) {
            assertTrue(counts[c] > 0, "class " + c + " in " + Arrays.toString(counts));
        }
    }

    @Test
    void parametersAreValidated() {
        assertEquals("inputDimension must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new TeacherStudent.Parameters(0, 1, 2, 0L)).getMessage());
        assertEquals("teacherHidden must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> new TeacherStudent.Parameters(1, 0, 2, 0L)).getMessage());
        assertEquals("classes must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> new TeacherStudent.Parameters(1, 1, 1, 0L)).getMessage());
        TeacherStudent teacher = new TeacherStudent(BINARY);
        assertEquals("size must lie in [1, 42949672], got 0",
                assertThrows(IllegalArgumentException.class, () -> teacher.sample(0, 0L)).getMessage());
        assertEquals("x must have length inputDimension = 50, got 3",
                assertThrows(IllegalArgumentException.class, () -> teacher.label(new double[3])).getMessage());
    }
}
