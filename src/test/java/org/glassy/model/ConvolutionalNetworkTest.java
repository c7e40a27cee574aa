package org.glassy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.glassy.data.Dataset;
import org.junit.jupiter.api.Test;

/** DL4J's small CNN behind {@link BatchModel}: the same contract as every model. */
class ConvolutionalNetworkTest extends ModelContractTest {

    private static final Dataset IMAGES = MlpTest.data(100, 3, 12); // 10 × 10 "images"

    @Override
    protected Model model() {
        return DeepLearning4jNetwork.convolutional(IMAGES, 10, 10, 2, 5, Activation.TANH, Loss.CROSS_ENTROPY, 7L);
    }

    @Override
    protected double[] point(SplittableRandom random) {
        double[] x = ((DeepLearning4jNetwork) model()).initialParameters();
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.1 * random.nextGaussian();
        }
        return x;
    }

    @Override
    protected double gradientTolerance() {
        return 1e-6; // max pooling is piecewise smooth; these seeds stay away from its switches
    }

    @Test
    void parameterCountIsConvPlusDensePlusOutput() {
        // conv: 2·(5·5·1) + 2; after 5×5 conv 6×6×2, pooled 3×3×2 = 18 → dense 18·5 + 5; output 5·3 + 3
        assertEquals(52 + 95 + 18, model().dimension());
    }

    @Test
    void imageShapeMustMatchTheData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepLearning4jNetwork.convolutional(IMAGES, 8, 10, 2, 5, Activation.RELU, Loss.SQUARED, 1L));
        assertTrue(e.getMessage().startsWith("imageRows × imageColumns must equal the data's input dimension 100"));
    }
}
