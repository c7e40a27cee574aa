package org.glassy.study.aging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class AgingStudiesTest {

    @Test
    void dnnRunRecordsDisplacementAndFallingLoss() {
        var p = AgingDnn.Parameters.builder().data(AgingDnn.DataSource.TEACHER).samples(200).hidden(10).learningRate(0.2)
                .batch(20).momentum(0.5).steps(400).seed(3L).waitingTimes(4).build();
        assertEquals(new AgingDnn.Parameters(AgingDnn.DataSource.TEACHER, 200, 10, 0.2, 20, 0.5, 400, 3L,
                AgingDnn.Engine.LEAN, 4), p);
        AgingDnn.Result r = AgingDnn.run(p, null);
        assertEquals((AgingDnn.TEACHER_INPUTS + 1) * 10 + 11 * 2, r.parameters());
        assertEquals(400, r.constraints());
        Table msd = r.msd();
        assertEquals(List.of("tw", "t", "delta", "delta4"), msd.columnNames());
        assertEquals(10L, msd.longColumn("tw").get(0));
        assertEquals(200L, msd.longColumn("tw").max(), 0);
        // at each waiting time the weights move away: Δ over the longest lag exceeds Δ over one step
        for (long tw : new long[] {10, 200}) {
            Table one = msd.where(msd.longColumn("tw").isEqualTo(tw));
            assertTrue(one.doubleColumn("delta").get(one.rowCount() - 1) > 5 * one.doubleColumn("delta").get(0));
        }
        Table loss = r.loss();
        assertEquals(List.of("step", "loss", "test_loss", "test_error", "noise"), loss.columnNames());
        double first = loss.doubleColumn("loss").get(0);
        double last = loss.doubleColumn("loss").get(loss.rowCount() - 1);
        assertTrue(last < 0.7 * first, "training loss " + first + " → " + last);

        // two runs stacked and summarised, keyed by the network
        AgingDnn.Result wide = AgingDnn.run(p.toBuilder().hidden(30).build(), null);
        Table losses = AgingDnn.losses(r, wide);
        assertEquals(List.of("network", "step", "loss", "test_loss", "test_error", "noise"), losses.columnNames());
        Table h30 = losses.where(losses.stringColumn("network").isEqualTo("H = 30"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(wide.loss().doubleColumn("loss").asDoubleArray(),
                h30.doubleColumn("loss").asDoubleArray(), 0);
        Table summary = AgingDnn.summary(r, wide);
        assertEquals(List.of("H = 10", "H = 30"), summary.stringColumn("network").asList());
        assertEquals(List.of(r.parameters(), wide.parameters()), summary.intColumn("parameters_M").asList());
        assertEquals(List.of("over-parametrised", "over-parametrised"), summary.stringColumn("regime").asList());
        assertEquals(last, summary.doubleColumn("final_train_loss").get(0), 0);
    }

    @Test
    void dnnRunRecordsTheSgdNoiseAndTheFourthMomentOfTheDisplacements() {
        var p = AgingDnn.Parameters.builder().data(AgingDnn.DataSource.TEACHER).samples(300).hidden(8).learningRate(0.1)
                .batch(10).momentum(0.5).steps(200).seed(5L).waitingTimes(3).build();
        AgingDnn.Result r = AgingDnn.run(p, null);
        // Jensen: Δ₄ = <u⁴> ≥ <u²>² = Δ², so the non-Gaussian parameter is at least −2/3
        for (int row = 0; row < r.msd().rowCount(); row++) {
            double d = r.msd().doubleColumn("delta").get(row);
            double d4 = r.msd().doubleColumn("delta4").get(row);
            assertTrue(d4 >= d * d * (1 - 1e-12), "row " + row);
            assertTrue(org.glassy.observable.MeanQuarticDisplacement.nonGaussianParameter(d, d4) >= -2.0 / 3 - 1e-12);
        }
        // the noise at step 0 is SgdNoise's estimate at the initial weights, and agrees with the exact D there
        assertEquals(0L, r.loss().longColumn("step").get(0));
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(p.seed() ^ 0x5DEECE66DL);
        long initSeed = seeds.nextLong();
        seeds.nextLong();
        long noiseSeed = seeds.nextLong();
        org.glassy.model.Mlp mlp = new org.glassy.model.Mlp(p.architecture(), AgingDnn.datasets(p)[0]);
        double[] x0 = mlp.initialParameters(initSeed);
        var estimator = new org.glassy.observable.SgdNoise(mlp, 0.1, 10, 300, AgingDnn.NOISE_BATCHES, noiseSeed);
        var e = estimator.estimate(x0);
        assertEquals(e.value(), r.loss().doubleColumn("noise").get(0), 0);
        assertEquals(estimator.exact(x0), e.value(), 4 * e.standardError());
        for (double d : r.loss().doubleColumn("noise").asDoubleArray()) {
            assertTrue(d > 0 && Double.isFinite(d));
        }
    }

    @Test
    void theAuthorsToyModelWithSigmoidOutputsOnWhitenedPrincipalComponentsLearns() {
        var p = AgingDnn.Parameters.builder().data(AgingDnn.DataSource.TEACHER).samples(200).hidden(12).learningRate(0.5)
                .batch(20).momentum(0.5).steps(400).seed(3L).waitingTimes(3).output(AgingDnn.Output.SIGMOID)
                .pcaComponents(10).build();
        assertEquals(List.of(10, 12, 2), java.util.Arrays.stream(p.architecture().widths()).boxed().toList());
        assertEquals(org.glassy.model.Loss.SIGMOID_SQUARED, p.architecture().loss());
        AgingDnn.Result r = AgingDnn.run(p, null);
        assertEquals(11 * 12 + 13 * 2, r.parameters());
        double first = r.loss().doubleColumn("loss").get(0);
        double last = r.loss().doubleColumn("loss").get(r.loss().rowCount() - 1);
        assertTrue(last < 0.8 * first, "training loss " + first + " → " + last);
        assertEquals(p, p.toBuilder().build());
        // the summary counts the parameters of the network that ran, on its K inputs: under-parametrised here
        Table summary = AgingDnn.summary(AgingDnn.sweep(p.toBuilder().steps(40).build(), new int[] {12}, 2, null), p);
        assertEquals(List.of(11 * 12 + 13 * 2), summary.intColumn("parameters_M").asList());
        assertEquals(List.of("under-parametrised"), summary.stringColumn("regime").asList());
        assertEquals(10, AgingDnn.parseInputs("pca:10"));
        assertEquals(0, AgingDnn.parseInputs("raw"));
        var bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AgingDnn.parseInputs("pca:0"));
        assertTrue(bad.getMessage().contains("inputs"), bad.getMessage());
        var tooMany = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> p.toBuilder().pcaComponents(51).build());
        assertTrue(tooMany.getMessage().startsWith("pcaComponents must lie in [0, 50]"), tooMany.getMessage());
    }

    @Test
    void buildersNameEveryParameterAndKeepTheValidationMessages() {
        var b = AgingDnn.Parameters.builder().data(AgingDnn.DataSource.TEACHER).samples(200).hidden(10).batch(20)
                .momentum(0.5).steps(400).seed(3L);
        assertEquals("learningRate must be set",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, b::build).getMessage());
        assertEquals("learningRate must be > 0 and finite, got -0.1", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> b.learningRate(-0.1).build()).getMessage());
        var aging = PSpinAging.Parameters.builder().p(3).n(40).temperature(0.5).dt(0.05).time(20).seed(2L).build();
        assertEquals(new PSpinAging.Parameters(3, 40, 0.5, 0.05, 20, 2L, 8), aging);
        assertEquals(aging, aging.toBuilder().build());
        assertEquals("waitingTimes must be >= 2, got 1", org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> aging.toBuilder().waitingTimes(1).build()).getMessage());
    }

    @Test
    void pspinTableTiesMsdToCorrelationOnTheSphere() {
        Table t = PSpinAging.run(PSpinAging.Parameters.builder().p(3).n(40).temperature(0.5).dt(0.05).time(20).seed(2L)
                .waitingTimes(3).build(), null);
        assertEquals(List.of("tw", "t", "correlation", "msd"), t.columnNames());
        assertEquals(1.0, t.doubleColumn("tw").get(0), 1e-12);
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals(2 * (1 - t.doubleColumn("correlation").get(r)), t.doubleColumn("msd").get(r), 1e-12);
        }
    }

    @Test
    void averagedRunIsTheMeanOfTheInstancesWithTheirStandardError() {
        var p = new PSpinAging.Parameters(3, 20, 0.5, 0.1, 8, 5L, 2);
        Table mean = PSpinAging.runAveraged(p, 2, null);
        // the instances' seeds are the ones the sequential loop drew before the sweep: 1st and 2nd of the stream
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(5L);
        Table a = PSpinAging.run(new PSpinAging.Parameters(3, 20, 0.5, 0.1, 8, seeds.nextLong(), 2), null);
        Table b = PSpinAging.run(new PSpinAging.Parameters(3, 20, 0.5, 0.1, 8, seeds.nextLong(), 2), null);
        assertEquals(List.of("tw", "t", "correlation", "msd", "correlation_se", "msd_se"), mean.columnNames());
        assertEquals(a.rowCount(), mean.rowCount());
        for (int r = 0; r < mean.rowCount(); r++) {
            assertEquals(a.doubleColumn("tw").get(r), mean.doubleColumn("tw").get(r), 0);
            assertEquals(a.doubleColumn("t").get(r), mean.doubleColumn("t").get(r), 0);
            double ca = a.doubleColumn("correlation").get(r);
            double cb = b.doubleColumn("correlation").get(r);
            assertEquals((ca + cb) / 2, mean.doubleColumn("correlation").get(r), 1e-14);
            // two values: s² = (a − b)²/2, s.e. = s/√2 = |a − b|/2
            assertEquals(Math.abs(ca - cb) / 2, mean.doubleColumn("correlation_se").get(r), 1e-14);
            assertEquals((a.doubleColumn("msd").get(r) + b.doubleColumn("msd").get(r)) / 2,
                    mean.doubleColumn("msd").get(r), 1e-14);
        }
        Table instances = PSpinAging.instances(p, 2, null);
        assertEquals(List.of("instance", "tw", "t", "correlation", "msd", "tw_step", "t_step"), instances.columnNames());
        assertEquals(b.doubleColumn("correlation").asList(), instances.where(instances.intColumn("instance")
                .isEqualTo(1)).doubleColumn("correlation").asList(), "instance 1 is the second sequential run, exactly");
    }

    @Test
    void aSweepOfWidthsAndSeedsHoldsEachRunAndAveragesOverTheSeeds() {
        var base = AgingDnn.Parameters.builder().data(AgingDnn.DataSource.TEACHER).samples(100).hidden(3).learningRate(0.2)
                .batch(20).momentum(0.5).steps(100).seed(11L).waitingTimes(3).build();
        Table sweep = AgingDnn.sweep(base, new int[] {3, 9}, 3, null);
        assertEquals(List.of("hidden", "seed", "observable", "tw", "t", "value"), sweep.columnNames());
        // each point's rows are the sequential run's, exactly
        AgingDnn.Result run = AgingDnn.run(base.toBuilder().hidden(9).seed(12L).build(), null);
        Table mine = sweep.where(sweep.intColumn("hidden").isEqualTo(9).and(sweep.longColumn("seed").isEqualTo(12L)));
        assertEquals(AgingDnn.table(run).doubleColumn("value").asList(), mine.doubleColumn("value").asList());
        Table ownDelta = mine.where(mine.stringColumn("observable").isEqualTo("delta"));
        assertEquals(run.msd().doubleColumn("delta").asList(), ownDelta.doubleColumn("value").asList());
        // the mean over the three seeds at one (t_w, t), by hand
        Table delta = AgingDnn.mean(sweep, "delta");
        assertEquals(List.of("network", "hidden", "tw", "t", "samples", "delta", "delta_se"), delta.columnNames());
        long tw = ownDelta.longColumn("tw").get(2);
        long t = ownDelta.longColumn("t").get(2);
        double[] v = sweep.where(sweep.intColumn("hidden").isEqualTo(9).and(sweep.stringColumn("observable")
                .isEqualTo("delta")).and(sweep.longColumn("tw").isEqualTo(tw)).and(sweep.longColumn("t").isEqualTo(t)))
                .doubleColumn("value").asDoubleArray();
        assertEquals(3, v.length);
        double m = (v[0] + v[1] + v[2]) / 3;
        double se = Math.sqrt(((v[0] - m) * (v[0] - m) + (v[1] - m) * (v[1] - m) + (v[2] - m) * (v[2] - m)) / 2 / 3);
        Table row = delta.where(delta.intColumn("hidden").isEqualTo(9).and(delta.longColumn("tw").isEqualTo(tw))
                .and(delta.longColumn("t").isEqualTo(t)));
        assertEquals("H = 9", row.stringColumn("network").get(0));
        assertEquals(m, row.doubleColumn("delta").get(0), 1e-15 * Math.abs(m));
        assertEquals(se, row.doubleColumn("delta_se").get(0), 1e-12 * se);
        // the summary: final losses averaged over the seeds
        Table summary = AgingDnn.summary(sweep, base);
        assertEquals(List.of("H = 3", "H = 9"), summary.stringColumn("network").asList());
        assertEquals(List.of(3, 3), summary.intColumn("seeds").asList());
        assertEquals(List.of(AgingDnn.architecture(AgingDnn.DataSource.TEACHER, 3).parameterCount(), run.parameters()),
                summary.intColumn("parameters_M").asList());
        assertEquals(run.constraints(), summary.intColumn("constraints_PC").get(1));
        Table loss = AgingDnn.mean(sweep, "loss");
        double finalLoss = loss.where(loss.intColumn("hidden").isEqualTo(9).and(loss.longColumn("t").isEqualTo(100L)))
                .doubleColumn("loss").get(0);
        assertEquals(finalLoss, summary.doubleColumn("final_train_loss").get(1), 0);
        assertTrue(summary.doubleColumn("final_test_error_se").get(1) >= 0);
    }

    @Test
    void exponentsWithinTheWaitingTimeUseOnlyThoseLags() {
        Table t = Table.create("x", tech.tablesaw.api.DoubleColumn.create("tw", 100, 100, 100, 100, 100),
                tech.tablesaw.api.DoubleColumn.create("t", 10, 30, 100, 300, 1000),
                tech.tablesaw.api.DoubleColumn.create("delta", 10, 30, 100, 1e6, 1e9));
        Table e = AgingAnalysis.exponents(t, "delta", "test", 10, 1);
        assertEquals(1.0, e.doubleColumn("exponent").get(0), 1e-12);
        assertEquals(3, e.doubleColumn("points").get(0), 0);
        assertEquals(0, e.doubleColumn("exponent_se").get(0), 1e-12, "points exactly on the law");
        assertEquals(java.util.List.of("system", "tw", "exponent", "exponent_se", "r_squared", "points"), e.columnNames());
    }
}
