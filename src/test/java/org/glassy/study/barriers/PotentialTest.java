package org.glassy.study.barriers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.glassy.model.MullerBrown;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class PotentialTest {

    @Test
    void bandsBetweenTheMinimaFindTheExactSaddles() {
        Table dw = Potential.DOUBLE_WELL.band(7, 2000, 0.01, Double.POSITIVE_INFINITY, true);
        assertEquals(List.of("image", "x", "y", "energy"), dw.columnNames());
        assertEquals(1, dw.doubleColumn("energy").max(), 1e-9);
        // both endpoints are the minima, at energy 0
        assertEquals(0, dw.doubleColumn("energy").get(0), 0);
        assertEquals(0, dw.doubleColumn("energy").get(6), 0);
        Table mb = Potential.MULLER_BROWN.band(15, 20_000, Potential.MULLER_BROWN.learningRate(),
                Double.POSITIVE_INFINITY, true);
        assertEquals(MullerBrown.SADDLE_AC_ENERGY, mb.doubleColumn("energy").max(), 1e-2);
    }

    @Test
    void namesParseCaseInsensitively() {
        assertEquals(Potential.MULLER_BROWN, Potential.parse("Muller-Brown"));
        assertEquals(Method.BEZIER, Method.parse("BEZIER"));
    }
}
