package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.study.resnet.FlowTransport;
import org.glassy.study.resnet.ResNetFlows;
import org.glassy.study.resnet.ResNetFlows.Data;
import org.glassy.study.resnet.ResNetFlows.Parameters;
import org.glassy.study.resnet.ResNetFlows.Result;
import org.glassy.study.resnet.Transport;
import org.junit.jupiter.api.Test;

/**
 * The "Try it" exercises of notebook 10 (ResNets as flows): {@link ResNetFlows#run} with the notebook's QUICK
 * parameters (K = 10 blocks, H = 16, 150 Adam steps, P = 100) and each exercise's change. Training is the costly
 * part, so each exercise trains what its statement needs, on the notebook's seed (and one more where cheap).
 */
class Notebook10ExercisesTest {

    private static Parameters base(Data data, long seed) {
        return Parameters.of(data, 10, 16, 150, seed).withSamples(100);
    }

    /**
     * Exercise 1 — "set {@code BOUND = 0.5}: predict the Lipschitz upper bound of the bounded moons flow and its
     * test accuracy". Solution: exactly (1 + 0.05)¹⁰ = 1.629 (6.19 at L = 2), and the moons are still classified
     * at about 0.87–0.89: a gentle flow suffices for them.
     */
    @Test
    void aTighterBoundFixesTheLipschitzProductAndBarelyCostsAccuracy() {
        for (long seed : new long[] {1, 2}) {
            Result r = ResNetFlows.run(base(Data.MOONS, seed).withLipschitz(0.5), null);
            double product = Math.pow(1 + 0.5 / 10, 10);
            assertEquals(1.629, product, 5e-4);
            assertTrue(r.lipschitzUpper() <= product * (1 + 1e-9) && r.lipschitzUpper() > 0.99 * product,
                    "seed " + seed + ": upper bound " + r.lipschitzUpper());
            assertTrue(r.testAccuracy() >= 0.82 && r.testAccuracy() <= 0.95, "test accuracy " + r.testAccuracy());
            assertTrue(r.minJacobianDet() > 0, "h L < 1: no fold");
        }
    }

    /**
     * Exercise 2 — "set {@code LAMBDAS_QUICK = {1.0}}: with a 30 times stronger kinetic penalty, what happens to
     * the kinetic energy against W₂² and to the mismatch with the target?" Solution: the flow stops short; its
     * kinetic energy falls to about 0.1–0.15 W₂² (0.92 at λ = 0.03) and the sliced mismatch grows tenfold, to
     * about 0.3.
     */
    @Test
    void aStrongKineticPenaltyStopsTheFlowShortOfTheTarget() {
        Parameters p = base(Data.GAUSSIAN, 1).withKinetic(1.0).withTarget(new double[] {1, 0}, new double[] {2, 0.5, 1});
        Result r = ResNetFlows.run(p, null);
        FlowTransport transport = (FlowTransport) r.model();
        double kinetic = transport.kineticEnergy(r.state());
        double ratio = kinetic / r.w2Squared();
        double miss = Transport.slicedW2Squared(transport.pushed(r.state()), p.targets().points(),
                Transport.directions(2, 64, 0));
        assertEquals(1.248, r.w2Squared(), 0.002, "W2^2 between N(0, I) and the first target, closed form");
        assertTrue(ratio > 0.05 && ratio < 0.25, "kinetic energy / W2^2 = " + ratio);
        assertTrue(miss > 0.15 && miss < 0.6, "sliced mismatch " + miss);
        double pushedCost = Transport.empiricalW2Squared(p.train().points(), transport.pushed(r.state()));
        assertTrue(kinetic >= pushedCost, "E_kin >= W2^2(source, pushed) at any lambda: " + kinetic + " vs " + pushedCost);
    }
}
