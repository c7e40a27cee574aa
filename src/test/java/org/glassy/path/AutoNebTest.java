package org.glassy.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.glassy.core.Space;
import org.glassy.dynamics.GradientSource;
import org.glassy.model.BatchModel;
import org.glassy.model.Model;
import org.glassy.model.MullerBrown;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class AutoNebTest {

    @Test
    void draxlerScheduleHasFourteenCyclesAndSixteenThousandSteps() {
        AutoNeb<BatchModel> a = AutoNeb.draxler(1).withBatches(128);
        assertEquals(14, a.cycles().size());
        assertEquals(16_000, a.totalSteps());
        assertEquals(new AutoNeb.Cycle(3, 1000, 0.1), a.cycles().get(0));
        assertEquals(new AutoNeb.Cycle(2, 2000, 0.1), a.cycles().get(4));
        assertEquals(0.001, a.cycles().get(13).learningRate(), 1e-15);
        assertEquals(0.9, a.momentum(), 0);
        assertEquals(0.1, a.threshold(), 0);
        assertEquals(10, a.subdivisions());
        assertEquals(1600, a.withSteps(0.1).totalSteps());
        // at most 2 + 3 + 2·13 = 31 images
        assertEquals(31, 2 + a.cycles().stream().mapToInt(AutoNeb.Cycle::insert).sum());
    }

    @Test
    void insertionGoesWhereTheEnergyRisesAboveTheStraightLineBetweenImages() {
        Chain chain = Chain.linear(new double[] {0}, new double[] {3}, 4);   // segments [0,1], [1,2], [2,3]
        // 4 subdivisions; pivots 0, 1, 1, 0 (range 1); bumps: segment 0 +0.05 at α = 0.5,
        // segment 1 +0.5 at α = 0.75, segment 2 +0.3 at α = 0.25
        double[] dense = {0, 0.25, 0.55, 0.75, 1, 1, 1, 1.5, 1, 0.75 + 0.3, 0.5, 0.25, 0};
        Chain one = AutoNeb.insertHighest(chain, dense, 4, 1, 0.1, Space.euclidean());
        assertArrayEquals(new double[] {0, 1, 1.75, 2, 3}, one.coordinates(), 1e-12);
        Chain two = AutoNeb.insertHighest(chain, dense, 4, 2, 0.1, Space.euclidean());
        assertArrayEquals(new double[] {0, 1, 1.75, 2, 2.25, 3}, two.coordinates(), 1e-12);
        // the 0.05 bump stays below the threshold
        Chain three = AutoNeb.insertHighest(chain, dense, 4, 3, 0.1, Space.euclidean());
        assertEquals(6, three.images());
        assertArrayEquals(new double[] {1, 0.75, 0.25, 0.25, 0.75}, two.weights(), 1e-12);
    }

    @Test
    void findsAMullerBrownPathFarBelowTheStraightLine() {
        MullerBrown model = new MullerBrown();
        double[] a = MullerBrown.minimumA();
        double[] b = MullerBrown.minimumB();
        Barrier straight = Profile.along(Chain.linear(a, b, 2), 100, Space.euclidean(), Measure.of("e", model))
                .barrier("e");
        AutoNeb<Model> autoNeb = new AutoNeb<>(List.of(new AutoNeb.Cycle(3, 3000, 2e-4), new AutoNeb.Cycle(2, 3000, 2e-4),
                new AutoNeb.Cycle(2, 3000, 2e-4), new AutoNeb.Cycle(2, 3000, 1e-4), new AutoNeb.Cycle(2, 3000, 1e-4)),
                0.5, GradientSource.full(), 0.1, 10);
        AutoNeb.Result r = autoNeb.run(model, Space.euclidean(), a, b, 1L, null);
        Barrier found = r.profile().barrier("energy");
        assertTrue(found.saddle() < straight.saddle(), found + " vs " + straight);
        // no climbing image: the highest dense point is on the path through the saddle, at most a little above it
        assertEquals(MullerBrown.SADDLE_AC_ENERGY, found.saddle(), 1.0, found.toString());
        Table h = r.history();
        assertEquals(5, h.rowCount());
        assertEquals(5, h.intColumn("images").get(0));
        assertTrue(h.intColumn("images").get(4) > 5, "images were inserted: " + h.intColumn("images").asList());
        assertEquals(r.chain().images(), h.intColumn("images").get(4));
    }
}
