package org.glassy.study.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.glassy.data.Dataset;
import org.glassy.data.TeacherStudent;
import org.glassy.model.Activation;
import org.glassy.model.Loss;
import org.glassy.model.Mlp;
import org.glassy.model.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tech.tablesaw.api.Table;

/** Notebook 11's comparison over seeds and the ReLU′(0) bifurcation counts (Bertoin et al., arXiv:2106.12915). */
class StructuredTrainingTest {

    @Test
    void builderDefaultsAreTheCommandsAndItRejectsARateOrBatchForTheFullBatchTrainers() {
        StructuredTraining.Parameters.Builder base = StructuredTraining.Parameters.builder()
                .data(StructuredTraining.Data.TEACHER).samples(20).hidden(4).epochs(2).seed(5);
        StructuredTraining.Parameters sgd = base.optimizer(StructuredTraining.Optimizer.SGD).build();
        assertEquals(new StructuredTraining.Parameters(StructuredTraining.Optimizer.SGD, StructuredTraining.Data.TEACHER,
                20, 4, 2, 5, Loss.CROSS_ENTROPY, 0.05, 20, 0, Precision.FLOAT64), sgd);
        assertEquals(1e-3, base.optimizer(StructuredTraining.Optimizer.ADAM).build().learningRate());
        assertEquals(32, base.samples(100).build().batch());
        StructuredTraining.Parameters custom = base.optimizer(StructuredTraining.Optimizer.SGD).learningRate(0.2)
                .batch(7).loss(Loss.SQUARED).reluDerivativeAtZero(0.5).precision(Precision.FLOAT32).build();
        assertEquals(custom, custom.toBuilder().build());
        StructuredTraining.Parameters gn = StructuredTraining.Parameters.builder()
                .optimizer(StructuredTraining.Optimizer.GAUSS_NEWTON).data(StructuredTraining.Data.TEACHER).samples(20)
                .hidden(4).epochs(2).seed(5).build();
        assertEquals(gn, gn.toBuilder().build());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> gn.toBuilder().learningRate(0.1).build());
        assertTrue(rate.getMessage().contains("learningRate"), rate.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> gn.toBuilder().optimizer(StructuredTraining.Optimizer.BLOCK_MM).batch(4).build());
        assertTrue(batch.getMessage().contains("batch"), batch.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> StructuredTraining.Parameters.builder().optimizer(StructuredTraining.Optimizer.SGD).build());
        assertTrue(missing.getMessage().contains("samples"), missing.getMessage());
    }

    @Test
    void comparisonRowsAreTheRunsAndTheSummaryTheirMeanAndStandardError() {
        List<StructuredTraining.Optimizer> all = List.of(StructuredTraining.Optimizer.values());
        Table runs = StructuredTraining.comparison(all, StructuredTraining.Data.TEACHER, 60, 4, 2, 2, 11,
                Loss.CROSS_ENTROPY, 0.05, 1e-3, 10);
        assertEquals(4 * 2 * 3, runs.rowCount());
        Table summary = StructuredTraining.summary(runs);
        assertEquals(4 * 3, summary.rowCount());
        for (StructuredTraining.Optimizer o : all) {
            List<List<StructuredTraining.Row>> bySeed = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                List<StructuredTraining.Row> rows = new ArrayList<>();
                StructuredTraining.run(new StructuredTraining.Parameters(o, StructuredTraining.Data.TEACHER, 60, 4, 2,
                        11 + s, Loss.CROSS_ENTROPY, o == StructuredTraining.Optimizer.ADAM ? 1e-3 : 0.05, 10, 0,
                        Precision.FLOAT64), rows::add);
                bySeed.add(rows);
            }
            for (int e = 0; e <= 2; e++) {
                double a = bySeed.get(0).get(e).trainLoss();
                double b = bySeed.get(1).get(e).trainLoss();
                int row = -1;
                for (int i = 0; i < summary.rowCount(); i++) {
                    if (summary.stringColumn("optimizer").get(i).equals(o.label())
                            && summary.intColumn("epoch").get(i) == e) {
                        row = i;
                    }
                }
                // two seeds: mean (a + b)/2, sample s.d. |a − b|/√2, s.e. |a − b|/2
                assertEquals((a + b) / 2, summary.doubleColumn("train_loss").get(row), 1e-15, o + " epoch " + e);
                assertEquals(Math.abs(a - b) / 2, summary.doubleColumn("train_loss_se").get(row), 1e-15);
                double ta = bySeed.get(0).get(e).testError();
                double tb = bySeed.get(1).get(e).testError();
                assertEquals((ta + tb) / 2, summary.doubleColumn("test_error").get(row), 1e-15);
                assertEquals(Math.abs(ta - tb) / 2, summary.doubleColumn("test_error_se").get(row), 1e-15);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void zeroInputWithZeroBiasesMakesEveryHiddenPreActivationExactlyZero(Precision p) {
        // x = 0 and b1 = 0: s = W·0 + 0 = 0 exactly in any precision, so ReLU′(0) = 0 and 1 give different gradients
        Dataset data = new Dataset("zero", 1, 3, 2, new double[] {0, 0, 0}, new int[] {1});
        Mlp.Architecture a = Mlp.Architecture.oneHidden(3, 5, 2, Activation.RELU, Loss.SQUARED);
        Mlp net = new Mlp(a, data, 0, p);
        double[] x = net.initialParameters(2);
        for (int j = 0; j < 5; j++) {
            x[15 + j] = 0;
        }
        StructuredTraining.Bifurcations r = StructuredTraining.bifurcations(net, x, 0.1, 1, 1, 3);
        assertEquals(1, r.bifurcations());
        assertEquals(5, r.preActivations());
        assertEquals(5, r.exactZeros());
        assertEquals(1.0, r.fraction());
        // ulp(0) is the smallest subnormal: rounding predicts essentially no zero, the zeros are structural
        assertTrue(r.expectedZeros() < 1e-30, "expected " + r.expectedZeros());
    }

    @Test
    void roundingPredictsZerosInProportionToTheUnitRoundoff() {
        Dataset data = new TeacherStudent(new TeacherStudent.Parameters(20, 4, 3, 5)).sample(200, 6);
        Mlp.Architecture a = new Mlp.Architecture(new int[] {20, 30, 30, 3}, Activation.RELU, Loss.CROSS_ENTROPY);
        Mlp wide = new Mlp(a, data, 0, Precision.FLOAT64);
        double[] x = wide.initialParameters(7);
        StructuredTraining.Bifurcations r64 = StructuredTraining.bifurcations(wide, x, 0.05, 20, 30, 8);
        StructuredTraining.Bifurcations r32 = StructuredTraining.bifurcations(wide.withPrecision(Precision.FLOAT32), x,
                0.05, 20, 30, 8);
        assertEquals(30L * 20 * 60, r64.preActivations());
        assertEquals(r64.preActivations(), r32.preActivations());
        // generic weights: no exact zero, no bifurcation, and the fraction is the one bifurcationFraction reports
        assertEquals(0, r64.exactZeros());
        assertEquals(0, r64.bifurcations());
        assertEquals(r64.fraction(), StructuredTraining.bifurcationFraction(wide, 0.05, 20, 30, 8 ^ 0), 0);
        // same windows (float32 trajectory within round-off of float64's); ulp32(b)/ulp64(b) = 2^29 for every b
        assertTrue(r64.expectedZeros() > 0);
        assertEquals(1 << 29, r32.expectedZeros() / r64.expectedZeros(), 0.05 * (1 << 29));
        // the predicted rate per pre-activation is of order ρ(0)·2^-23·|b| ~ 1e-9 … 1e-7 in float32
        double rate = r32.expectedZeros() / r32.preActivations();
        assertTrue(rate > 1e-10 && rate < 1e-6, "rate " + rate);
    }
}
