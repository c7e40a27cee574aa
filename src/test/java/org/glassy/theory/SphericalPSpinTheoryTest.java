package org.glassy.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SphericalPSpinTheoryTest {

    @Test
    void p3ReferenceValues() {
        assertEquals(Math.sqrt(3.0 / 8), SphericalPSpinTheory.dynamicalTemperature(3), 1e-15);
        assertEquals(-2 / Math.sqrt(3), SphericalPSpinTheory.thresholdEnergy(3), 1e-15);
        assertEquals(-1.0, SphericalPSpinTheory.thresholdEnergy(2), 1e-15);
        assertEquals(-0.5, SphericalPSpinTheory.asymptoticEnergy(3, 1.0), 1e-15);
    }

    @Test
    void agingAsymptoteBelowTdMatchesCugliandoloKurchan() {
        // q(1−q)²·3 = T²; T = 0.5: q = 0.63882, x = 0.56538, e∞ = −0.88669; T = 0.3: q = 0.80722, e∞ = −0.99939
        assertEquals(0.63882, SphericalPSpinTheory.agingPlateau(3, 0.5), 1e-5);
        assertEquals(-0.88669, SphericalPSpinTheory.asymptoticEnergy(3, 0.5), 1e-5);
        assertEquals(0.80722, SphericalPSpinTheory.agingPlateau(3, 0.3), 1e-5);
        assertEquals(-0.99939, SphericalPSpinTheory.asymptoticEnergy(3, 0.3), 1e-5);
    }

    @Test
    void asymptoteIsContinuousAtTdAndAtZero() {
        double td = SphericalPSpinTheory.dynamicalTemperature(3);
        assertEquals(0.5, SphericalPSpinTheory.agingPlateau(3, td), 1e-9); // q_d = (p−2)/(p−1)
        assertEquals(-0.5 / td, SphericalPSpinTheory.asymptoticEnergy(3, td * (1 - 1e-12)), 1e-9);
        assertEquals(-2 / Math.sqrt(3), SphericalPSpinTheory.asymptoticEnergy(3, 1e-6), 1e-5);
    }

    @Test
    void fluctuationDissipationRatioIsTheCugliandoloKurchanValueAndContinuous() {
        // x = (p − 2)(1 − q)/q: T = 0.5: q = 0.63882 ⇒ x = 0.56538; T = 0.3: q = 0.80722 ⇒ x = 0.23882
        assertEquals(0.56538, SphericalPSpinTheory.fluctuationDissipationRatio(3, 0.5), 1e-5);
        assertEquals(0.23882, SphericalPSpinTheory.fluctuationDissipationRatio(3, 0.3), 1e-5);
        double td = SphericalPSpinTheory.dynamicalTemperature(3);
        assertEquals(1, SphericalPSpinTheory.fluctuationDissipationRatio(3, td * (1 - 1e-12)), 1e-5,
                "x → 1 at T_d, where q = (p − 2)/(p − 1)");
        assertEquals(1, SphericalPSpinTheory.fluctuationDissipationRatio(3, 0.8), 0, "FDT above T_d");
        assertEquals(0, SphericalPSpinTheory.fluctuationDissipationRatio(3, 0), 0, "q = 1 at T = 0");
        // p = 4: q² (1 − q)² · 6 = T², x = 2(1 − q)/q
        double q4 = SphericalPSpinTheory.agingPlateau(4, 0.5);
        assertEquals(0.25, 6 * q4 * q4 * (1 - q4) * (1 - q4), 1e-12);
        assertEquals(2 * (1 - q4) / q4, SphericalPSpinTheory.fluctuationDissipationRatio(4, 0.5), 1e-12);
    }

    @Test
    void integratedResponseIsTheEquilibriumLineAboveThePlateauAndSlopeXOverTBelow() {
        double t = 0.5;
        double q = SphericalPSpinTheory.agingPlateau(3, t);
        double x = SphericalPSpinTheory.fluctuationDissipationRatio(3, t);
        assertEquals(0, SphericalPSpinTheory.integratedResponse(3, t, 1), 0);
        assertEquals((1 - 0.8) / t, SphericalPSpinTheory.integratedResponse(3, t, 0.8), 1e-15);
        assertEquals((1 - q) / t, SphericalPSpinTheory.integratedResponse(3, t, q), 1e-12, "continuous at q");
        double below = SphericalPSpinTheory.integratedResponse(3, t, 0.2) - SphericalPSpinTheory.integratedResponse(3, t, 0.4);
        assertEquals(x / t * 0.2, below, 1e-12, "slope −x/T below q");
        // C → 0: χ = (1 − q + x q)/T = (p − 1)(1 − q)/T
        assertEquals(2 * (1 - q) / t, SphericalPSpinTheory.integratedResponse(3, t, 0), 1e-12);
        assertEquals((1 - 0.2) / 0.8, SphericalPSpinTheory.integratedResponse(3, 0.8, 0.2), 1e-15, "FDT above T_d");
    }

    @Test
    void groundStateIsCrisantiSommersAndBelowTheThreshold() {
        // 1RSB ground state of the spherical 3-spin, Crisanti & Sommers (1992): −1.1717 (−1.17167…)
        assertEquals(-1.17167, SphericalPSpinTheory.groundStateEnergy(3), 5e-5);
        // p = 2: no complexity, the ground state is the threshold −1 (the semicircle edge)
        assertEquals(-1, SphericalPSpinTheory.groundStateEnergy(2), 1e-12);
        for (int p = 3; p <= 6; p++) {
            double gap = SphericalPSpinTheory.thresholdEnergy(p) - SphericalPSpinTheory.groundStateEnergy(p);
            assertTrue(gap > 0.01 && gap < 0.2, "p = " + p + ": E_th − E_gs = " + gap);
        }
    }
}
