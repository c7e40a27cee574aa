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
