package org.glassy.study.sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.study.sgd.PhaseRetrievalStudy.Algorithm;
import org.glassy.study.sgd.PhaseRetrievalStudy.Parameters;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

/**
 * Phase retrieval runs: below the information-theoretic threshold α = 1 no algorithm recovers the signal; far
 * above it gradient descent from a random start does; the informed start has the requested overlap; SGD with
 * b = 1 gives gradient descent's table exactly.
 */
class PhaseRetrievalStudyTest {

    private static Parameters.Builder base(int d, double alpha, Algorithm algorithm) {
        return Parameters.builder().dimension(d).alpha(alpha).algorithm(algorithm).learningRate(5).time(2000)
                .seed(1);
    }

    /**
     * α = 0.5 &lt; 1: too few equations to determine w*, so no run may reach overlap 0.99. (The stochastic runs are
     * on the sphere: unconstrained, a batch of a dozen examples with η = 5 can throw w far enough for the quartic
     * loss to diverge.)
     */
    @Test
    void belowAlphaOneNoAlgorithmRecoversTheSignal() {
        List<Parameters.Builder> runs = List.of(base(50, 0.5, Algorithm.GD),
                base(50, 0.5, Algorithm.SGD).batchFraction(0.5).spherical(true),
                base(50, 0.5, Algorithm.PERSISTENT_SGD).batchFraction(0.5).persistence(20).spherical(true),
                base(50, 0.5, Algorithm.LANGEVIN).temperature(1e-4).spherical(true),
                base(50, 0.5, Algorithm.GD).startOverlap(0.5).spherical(true));
        for (Parameters.Builder run : runs) {
            for (long seed = 1; seed <= 4; seed++) {
                Parameters p = run.seed(seed).build();
                double m = PhaseRetrievalStudy.finalOverlap(p);
                assertTrue(m < PhaseRetrievalStudy.SUCCESS_OVERLAP, p.label() + " seed " + seed + ": overlap " + m);
            }
        }
    }

    /** α = 30 at d = 100: gradient descent from a random start recovers the signal in most seeds. */
    @Test
    void farAboveTheThresholdGradientDescentSucceeds() {
        int successes = 0;
        for (long seed = 1; seed <= 8; seed++) {
            if (PhaseRetrievalStudy.succeeds(base(100, 30, Algorithm.GD).learningRate(10).seed(seed).build())) {
                successes++;
            }
        }
        assertTrue(successes >= 7, successes + " of 8 seeds");
    }

    @Test
    void informedStartHasTheRequestedOverlapAndNorm() {
        Parameters p = base(40, 2, Algorithm.GD).startOverlap(0.3).spherical(true).build();
        PhaseRetrievalStudy.Instance instance = PhaseRetrievalStudy.instance(p);
        assertEquals(0.3, instance.overlap(instance.start()), 1e-12);
        double norm = 0;
        for (double v : instance.start()) {
            norm += v * v;
        }
        assertEquals(40, norm, 1e-10);
        Table t = PhaseRetrievalStudy.table(p);
        assertEquals(0.3, t.doubleColumn("overlap").get(0), 1e-12);
        assertEquals(0, t.doubleColumn("time").get(0), 0.0);
        assertEquals(2000, t.doubleColumn("time").get(t.rowCount() - 1), 1e-9);
        assertEquals(List.of("time", "train_loss", "overlap"), t.columnNames());
    }

    @Test
    void stochasticAlgorithmsWithEveryExampleGiveGradientDescentsTable() {
        Table gd = PhaseRetrievalStudy.table(base(30, 3, Algorithm.GD).time(300).build());
        Table sgd = PhaseRetrievalStudy.table(base(30, 3, Algorithm.SGD).time(300).batchFraction(1).build());
        Table persistent = PhaseRetrievalStudy.table(base(30, 3, Algorithm.PERSISTENT_SGD).time(300)
                .batchFraction(1).persistence(5).build());
        for (Table other : List.of(sgd, persistent)) {
            for (String column : gd.columnNames()) {
                assertTrue(java.util.Arrays.equals(gd.doubleColumn(column).asDoubleArray(),
                        other.doubleColumn(column).asDoubleArray()), column);
            }
        }
        // the run moved: the loss fell by orders of magnitude or the overlap changed
        assertTrue(gd.doubleColumn("train_loss").get(gd.rowCount() - 1) < 0.5 * gd.doubleColumn("train_loss").get(0));
    }

    @Test
    void optionsThatDoNotApplyAreRefusedByName() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> base(10, 2, Algorithm.GD).temperature(0.1).build());
        assertTrue(t.getMessage().startsWith("temperature must be 0"), t.getMessage());
        IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
                () -> base(10, 2, Algorithm.LANGEVIN).build());
        assertTrue(l.getMessage().startsWith("temperature must be > 0 with langevin"), l.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> base(10, 2, Algorithm.GD).batchFraction(0.5).build());
        assertTrue(b.getMessage().startsWith("batchFraction must be 1"), b.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> base(10, 2, Algorithm.GD).startOverlap(1).build());
        assertTrue(m.getMessage().startsWith("startOverlap must be in [0, 1)"), m.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> Algorithm.parse("adam"));
        assertTrue(a.getMessage().startsWith("algorithm must be gd, sgd, persistent-sgd or langevin"), a.getMessage());
    }
}
