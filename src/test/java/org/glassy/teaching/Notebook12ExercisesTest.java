package org.glassy.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.glassy.study.bias.ArchitecturalBias;
import org.glassy.study.bias.ConvolutionalNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import tech.tablesaw.api.Table;

/**
 * The "Try it" exercises of notebook 12 (the architectural bias of convolutions): the notebook's library calls
 * ({@link ConvolutionalNetwork}'s cnn2fc map and counts, {@link ArchitecturalBias#table}) at its QUICK sizes
 * (P = 300 training and 300 test images, batch 10, 2 epochs) with each exercise's change, on the notebook's seed.
 */
class Notebook12ExercisesTest {

    /**
     * Exercise 1 — "set {@code CHANNELS_QUICK = 4}: predict the cnn2fc sparsity table". Solution: the fractions on
     * the mask stay k²/d_in² = 25/784 = 0.0319 and 25/144 = 0.174; the dense counts grow ×2 (first convolution,
     * one input channel) and ×4 (second); the eFCN still computes the CNN's function to round-off.
     */
    @Test
    void moreChannelsKeepTheMaskFractionsAndTheExactMap() {
        var two = ConvolutionalNetwork.Architecture.fashionMnist(2);
        var four = ConvolutionalNetwork.Architecture.fashionMnist(4);
        assertEquals(25.0 / 784, (double) four.maskCount(0) / four.denseCount(0), 1e-15);
        assertEquals(25.0 / 144, (double) four.maskCount(1) / four.denseCount(1), 1e-15);
        assertEquals(1_806_336, four.denseCount(0));
        assertEquals(2 * two.denseCount(0), four.denseCount(0));
        assertEquals(4 * two.denseCount(1), four.denseCount(1));
        assertEquals(57_600, four.maskCount(0));
        assertEquals(25_600, four.maskCount(1));
        MultiLayerNetwork cnn = ConvolutionalNetwork.convolutional(four, 0.1, 2019);
        cnn.setParams(cnn.params().dup().addi(0.01));
        MultiLayerNetwork efcn = ConvolutionalNetwork.equivalentFullyConnected(four, cnn, 0.1);
        Dataset test = FashionMnist.test(300);
        var x = Nd4j.createFromArray(test.inputs()).reshape(test.size(), 784);
        double error = cnn.output(x).sub(efcn.output(x)).amaxNumber().doubleValue();
        assertTrue(error < 1e-12, "max |eFCN - CNN| = " + error);
        assertTrue(ConvolutionalNetwork.distanceToCnnSubspace(four, efcn) < 1e-12, "the eFCN lies in the subspace");
    }

    /**
     * Exercise 2 — "set {@code LR = 0.01}: how far does the R = 0 eFCN leave the CNN subspace in 2 epochs?"
     * Solution: about 0.11–0.18 instead of about 1, and it has barely learned (train loss near ln 10, test accuracy
     * 0.1–0.25).
     */
    @Test
    void aTenTimesSmallerLearningRateKeepsTheEfcnNearTheSubspace() {
        Dataset train = FashionMnist.train(300);
        Dataset test = FashionMnist.test(300);
        Table t = ArchitecturalBias.table(ArchitecturalBias.Parameters.builder().samples(300).relaxEpochs(0)
                .totalEpochs(2).seed(2019).channels(2).learningRate(0.01).batch(10)
                .baseline(ArchitecturalBias.Baseline.NONE).build(), train, test);
        int last = t.rowCount() - 1;
        assertEquals(2, t.intColumn("epoch").get(last));
        double distance = t.doubleColumn("subspace_distance").get(last);
        assertTrue(distance > 0.05 && distance < 0.3, "distance to the CNN subspace " + distance);
        assertTrue(t.doubleColumn("off_mask_norm").get(last) <= distance, "off-mask norm is part of the distance");
        assertTrue(t.doubleColumn("train_loss").get(last) > 2.1, "barely trained: " + t.doubleColumn("train_loss").get(last));
        assertTrue(t.doubleColumn("test_accuracy").get(last) < 0.3, "accuracy " + t.doubleColumn("test_accuracy").get(last));
    }
}
