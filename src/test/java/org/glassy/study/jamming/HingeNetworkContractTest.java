package org.glassy.study.jamming;

import java.util.SplittableRandom;

import org.glassy.model.Model;
import org.glassy.model.ModelContractTest;

/**
 * The {@link Model} contract for the quadratic-hinge network: gradient against central differences, fused and
 * plain energies equal, input not mutated. Random points with biases far from zero put about half the constraints
 * on each side and no gap or pre-activation within reach of the finite-difference step (away from the kinks).
 */
class HingeNetworkContractTest extends ModelContractTest {

    private static final HingeNetwork NETWORK = new HingeNetwork(new HingeNetwork.Architecture(4, 5, 3),
            JammingData.random(12, 4, 3L), 1.0);

    @Override
    protected Model model() {
        return NETWORK;
    }

    @Override
    protected double[] point(SplittableRandom random) {
        double[] x = NETWORK.initialParameters(random.nextLong());
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.3 * random.nextGaussian();
        }
        return x;
    }
}
