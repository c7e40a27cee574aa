package org.glassy.study.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.study.resnet.ResNetFlows.Data;
import org.glassy.study.resnet.ResNetFlows.Parameters;
import org.junit.jupiter.api.Test;

/** Trained flows: the topological obstruction on the circles, the spectral bound, transport against W₂². */
class ResNetFlowsTest {

    @Test
    void circlesDataHaveThePapersRadiiAndProportions() {
        FlowData d = FlowData.circles(400, 1);
        int inner = 0;
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(d.points()[i][0], d.points()[i][1]);
            if (d.labels()[i] < 0) {
                inner++;
                assertTrue(r <= 0.5);
            } else {
                assertTrue(r >= 1 && r <= 1.5);
            }
        }
        assertEquals(100, inner);
    }

    /**
     * Dupont et al.'s claim: with h·Lip(v) &lt; 1 every block is a homeomorphism of the plane, the disc stays
     * enclosed by the annulus and no line separates them, while one augmented dimension lifts the disc out. Same
     * bound, same budget: the 2-D flow stays far below, the augmented one classifies (almost) perfectly.
     */
    @Test
    void boundedPlanarFlowCannotSeparateTheCirclesButAnAugmentedOneCan() {
        Parameters p = Parameters.of(Data.CIRCLES, 10, 16, 600, 1).withSamples(200).withLipschitz(2.0);
        ResNetFlows.Result planar = ResNetFlows.run(p, null);
        ResNetFlows.Result augmented = ResNetFlows.run(p.withAugment(1), null);
        assertTrue(planar.testAccuracy() <= 0.9, "planar " + planar.testAccuracy());
        assertTrue(augmented.testAccuracy() >= 0.99, "augmented " + augmented.testAccuracy());
        // the constraint holds after training: every block's Lip(v) ≤ L (exact spectral norms)
        for (ResNetFlows.Result r : new ResNetFlows.Result[] {planar, augmented}) {
            for (int k = 0; k < r.flow().blocks(); k++) {
                assertTrue(r.flow().velocityLipschitzBound(r.state(), k) <= 2.0 * (1 + 1e-12));
            }
            assertTrue(r.minJacobianDet() > 0);
            assertTrue(r.inverseError() < 1e-10, "inverse error " + r.inverseError());
            assertTrue(r.lipschitzUpper() <= Math.pow(1.2, 10) * (1 + 1e-12));
        }
    }

    /**
     * Transport of N(0, I) onto N(m, Σ) with a small kinetic weight: the kinetic energy is at least the exact
     * empirical transport cost of the learned map (Cauchy–Schwarz: Σ_k |Δx_k|²/h ≥ |x_K − x_0|² ≥ W₂²), and within
     * 10 % of the Gaussian closed form. The 10 %: at λ = 0.01 the loss trades a sliced mismatch of order λ·W₂²
     * against kinetic energy, so the minimiser undershoots by a few per cent; the empirical cloud of 300 points
     * adds a sampling error of W₂² of a few per cent.
     */
    @Test
    void kineticEnergyOfTheLearnedTransportBoundsTheTransportCostAndApproachesW2() {
        Parameters p = Parameters.of(Data.GAUSSIAN, 8, 16, 800, 2).withSamples(300).withKinetic(0.01)
                .withTarget(new double[] {1, 0.5}, new double[] {1.5, -0.4, 0.7});
        ResNetFlows.Result r = ResNetFlows.run(p, null);
        double[][] sources = p.train().points();
        FlowTransport transport = (FlowTransport) r.model();
        double kinetic = transport.kineticEnergy(r.state());
        double cost = FlowObservables.displacementCost(r.flow(), r.state(), sources);
        double w2Pushed = Transport.empiricalW2Squared(sources, transport.pushed(r.state()));
        assertTrue(kinetic >= cost && cost >= w2Pushed * (1 - 1e-12), kinetic + " >= " + cost + " >= " + w2Pushed);
        double w2 = r.w2Squared();
        assertEquals(Transport.standardToGaussian(new double[] {1, 0.5}, new double[] {1.5, -0.4, 0.7}), w2, 0);
        assertEquals(w2, r.kineticEnergy(), 0.1 * w2, "kinetic energy on test points vs W2^2");
    }
}
