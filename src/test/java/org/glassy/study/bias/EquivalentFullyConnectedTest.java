package org.glassy.study.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** cnn2fc: the eFCN is the CNN's function exactly, with the analytic number of non-zero weights. */
class EquivalentFullyConnectedTest {

    /** Strides 2, channel counts 3 and 2, odd sides truncated: d = 24 → 11 → 5 → 2 → 1. */
    private static final ConvolutionalNetwork.Architecture STRIDED =
            new ConvolutionalNetwork.Architecture(24, 3, new int[] {3, 2}, new int[] {2, 2}, 7, 4);

    private static INDArray random(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.create(x);
    }

    /** Scales every parameter up so the outputs are far from uniform and a wrong entry shows. */
    private static void sharpen(MultiLayerNetwork network, long seed) {
        INDArray p = network.params().dup();
        SplittableRandom random = new SplittableRandom(seed);
        double[] v = p.data().asDouble();
        for (int i = 0; i < v.length; i++) {
            v[i] = 3 * v[i] + 0.1 * random.nextGaussian(); // non-zero biases too
        }
        network.setParams(Nd4j.createFromArray(v).reshape(1, v.length));
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @Test
    void architectureSidesFollowTheConvolutionAndPoolingFormula() {
        assertEquals(11, STRIDED.convolutionOutputSide(0));   // (24 - 3) / 2 + 1
        assertEquals(5, STRIDED.convolutionInputSide(1));
        assertEquals(2, STRIDED.convolutionOutputSide(1));    // (5 - 3) / 2 + 1
        assertEquals(2, STRIDED.flattenedUnits());
        ConvolutionalNetwork.Architecture fm = ConvolutionalNetwork.Architecture.fashionMnist(4);
        assertEquals(24, fm.convolutionOutputSide(0));
        assertEquals(12, fm.convolutionInputSide(1));
        assertEquals(8, fm.convolutionOutputSide(1));
        assertEquals(4 * 16, fm.flattenedUnits());
        assertEquals(4L * 576 * 784, fm.denseCount(0));
        assertEquals(4L * 576 * 25, fm.maskCount(0));
        assertEquals(4L * 64 * 4 * 25, fm.maskCount(1));
        assertThrows(IllegalArgumentException.class,
                () -> new ConvolutionalNetwork.Architecture(12, 5, new int[] {1, 1}, new int[] {1, 1}, 4, 10));
    }

    @Test
    void equivalentNetworkMatchesTheCnnOnRandomInputsWithStridesAndChannels() {
        MultiLayerNetwork cnn = ConvolutionalNetwork.convolutional(STRIDED, 0.1, 5L);
        sharpen(cnn, 6L);
        MultiLayerNetwork efcn = ConvolutionalNetwork.equivalentFullyConnected(STRIDED, cnn, 0.1);
        INDArray x = random(50, 576, 7L);
        INDArray yCnn = cnn.output(x);
        INDArray yFc = efcn.output(x);
        assertTrue(yCnn.amaxNumber().doubleValue() > 0.9, "outputs should be confident, max " + yCnn.amaxNumber());
        assertTrue(maxDifference(yCnn, yFc) < 1e-10, "max |eFCN - CNN| = " + maxDifference(yCnn, yFc));
        // the pre-softmax activations of the last hidden layer too
        INDArray hCnn = cnn.feedForward(x, false).get(5);
        INDArray hFc = efcn.feedForward(x, false).get(5);
        assertTrue(maxDifference(hCnn, hFc) < 1e-10 * Math.max(1, hCnn.amaxNumber().doubleValue()));
        // a fresh FCN of the same sizes does not compute it (so the check above can fail)
        MultiLayerNetwork fcn = ConvolutionalNetwork.fullyConnected(STRIDED, 0.1, 5L);
        assertTrue(maxDifference(yCnn, fcn.output(x)) > 1e-3);
    }

    @Test
    void equivalentNetworkMatchesTheCnnOnFashionMnist() {
        ConvolutionalNetwork.Architecture architecture =
                new ConvolutionalNetwork.Architecture(28, 5, new int[] {2, 3}, new int[] {1, 1}, 8, 10);
        Dataset data = FashionMnist.test(64);
        MultiLayerNetwork cnn = ConvolutionalNetwork.convolutional(architecture, 0.1, 11L);
        sharpen(cnn, 12L);
        MultiLayerNetwork efcn = ConvolutionalNetwork.equivalentFullyConnected(architecture, cnn, 0.1);
        INDArray x = Nd4j.createFromArray(data.inputs()).reshape(data.size(), 784);
        double difference = maxDifference(cnn.output(x), efcn.output(x));
        assertTrue(difference < 1e-10, "max |eFCN - CNN| = " + difference);
    }

    @Test
    void nonZeroWeightsAreTheAnalyticCountAndLieOnTheMask() {
        MultiLayerNetwork cnn = ConvolutionalNetwork.convolutional(STRIDED, 0.1, 5L);
        sharpen(cnn, 6L);
        MultiLayerNetwork efcn = ConvolutionalNetwork.equivalentFullyConnected(STRIDED, cnn, 0.1);
        for (int l = 0; l < 2; l++) {
            double[] w = efcn.getParam(2 * l + "_W").dup('c').data().asDouble();
            boolean[][] mask = ConvolutionalNetwork.mask(STRIDED, l);
            long nonZero = 0;
            long onMask = 0;
            for (int i = 0; i < mask.length; i++) {
                for (int j = 0; j < mask[0].length; j++) {
                    if (w[i * mask[0].length + j] != 0) {
                        nonZero++;
                        assertTrue(mask[i][j], "non-zero off the mask at " + i + "," + j);
                    }
                    if (mask[i][j]) {
                        onMask++;
                    }
                }
            }
            assertEquals(w.length, STRIDED.denseCount(l));
            assertEquals(STRIDED.maskCount(l), nonZero, "layer " + l);
            assertEquals(STRIDED.maskCount(l), onMask, "layer " + l);
        }
        // hand count, layer 1: C_out d_out^2 C_in k^2 = 3 * 121 * 1 * 9 of 3 * 121 * 576: fraction k^2/d_in^2
        assertEquals(3267, STRIDED.maskCount(0));
        assertEquals(9.0 / 576, (double) STRIDED.maskCount(0) / STRIDED.denseCount(0), 1e-15);
        assertEquals(2 * 4 * 3 * 9, STRIDED.maskCount(1));
        assertEquals(9.0 / 25, (double) STRIDED.maskCount(1) / STRIDED.denseCount(1), 1e-15);
        assertEquals(0.0, ConvolutionalNetwork.offMaskNorm(STRIDED, efcn));
    }

    @Test
    void offMaskNormIsTheNormOfTheWeightsOutsideTheMask() {
        MultiLayerNetwork fcn = ConvolutionalNetwork.fullyConnected(STRIDED, 0.1, 9L);
        double sum = 0;
        for (int l = 0; l < 2; l++) {
            INDArray w = fcn.getParam(2 * l + "_W");
            boolean[][] mask = ConvolutionalNetwork.mask(STRIDED, l);
            for (int i = 0; i < mask.length; i++) {
                for (int j = 0; j < mask[0].length; j++) {
                    if (!mask[i][j]) {
                        sum += w.getDouble(i, j) * w.getDouble(i, j);
                    }
                }
            }
        }
        double norm = ConvolutionalNetwork.offMaskNorm(STRIDED, fcn);
        assertTrue(norm > 1);
        assertEquals(Math.sqrt(sum), norm, 1e-12 * norm);
    }

    /** All parameters of a network as one vector. */
    private static double[] theta(MultiLayerNetwork network) {
        return network.params().dup().data().asDouble();
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    /** Adds {@code value} to one entry of a parameter of a network. */
    private static void bump(MultiLayerNetwork network, String key, long row, long column, double value) {
        INDArray p = network.getParam(key).dup();
        p.putScalar(row, column, p.getDouble(row, column) + value);
        network.setParam(key, p);
    }

    @Test
    void theEfcnOfACnnIsInTheSubspaceAndOneBumpedWeightIsAtTheAnalyticDistance() {
        MultiLayerNetwork cnn = ConvolutionalNetwork.convolutional(STRIDED, 0.1, 5L);
        sharpen(cnn, 6L);
        MultiLayerNetwork efcn = ConvolutionalNetwork.equivalentFullyConnected(STRIDED, cnn, 0.1);
        assertEquals(0.0, ConvolutionalNetwork.distanceToCnnSubspace(STRIDED, efcn), 1e-13);
        double eps = 0.3;
        // an off-mask weight of layer 0: input pixel (0, 0, 23) is outside every receptive field of output (0, 0, 0)
        MultiLayerNetwork off = ConvolutionalNetwork.equivalentFullyConnected(STRIDED, cnn, 0.1);
        bump(off, "0_W", 23, 0, eps);
        assertEquals(eps, ConvolutionalNetwork.offMaskNorm(STRIDED, off), 1e-12);
        assertEquals(eps, ConvolutionalNetwork.distanceToCnnSubspace(STRIDED, off), 1e-12);
        // an on-mask weight of layer 0 (kernel entry (0, 0, 0, 0) at output (0, 0, 0)), tied to d_out^2 = 121 others:
        // its deviation from the group mean is eps (1 - 1/n), the n - 1 others' -eps/n: distance eps sqrt(1 - 1/n)
        MultiLayerNetwork on = ConvolutionalNetwork.equivalentFullyConnected(STRIDED, cnn, 0.1);
        bump(on, "0_W", 0, 0, eps);
        assertEquals(0.0, ConvolutionalNetwork.offMaskNorm(STRIDED, on));
        assertEquals(eps * Math.sqrt(1 - 1.0 / 121), ConvolutionalNetwork.distanceToCnnSubspace(STRIDED, on), 1e-12);
        // a bias of layer 1 (d_out = 2: 4 tied biases per channel)
        MultiLayerNetwork bias = ConvolutionalNetwork.equivalentFullyConnected(STRIDED, cnn, 0.1);
        bump(bias, "2_b", 0, 5, eps);
        assertEquals(eps * Math.sqrt(1 - 1.0 / 4), ConvolutionalNetwork.distanceToCnnSubspace(STRIDED, bias), 1e-12);
        // the dense layers are free in the subspace
        MultiLayerNetwork dense = ConvolutionalNetwork.equivalentFullyConnected(STRIDED, cnn, 0.1);
        bump(dense, "4_W", 1, 1, eps);
        assertEquals(0.0, ConvolutionalNetwork.distanceToCnnSubspace(STRIDED, dense), 1e-13);
    }

    @Test
    void theNearestCnnIsTheOrthogonalProjection() {
        MultiLayerNetwork fcn = ConvolutionalNetwork.fullyConnected(STRIDED, 0.1, 9L);
        sharpen(fcn, 10L);
        double[] theta = theta(fcn);
        double[] projected = theta(ConvolutionalNetwork.equivalentFullyConnected(STRIDED,
                ConvolutionalNetwork.nearestConvolutional(STRIDED, fcn, 0.1), 0.1));
        double d = ConvolutionalNetwork.distanceToCnnSubspace(STRIDED, fcn);
        assertTrue(d > 1, "distance " + d);
        assertEquals(distance(theta, projected), d, 1e-10 * d);
        assertEquals(Math.hypot(ConvolutionalNetwork.offMaskNorm(STRIDED, fcn),
                ConvolutionalNetwork.weightSharingNorm(STRIDED, fcn)), d, 1e-12 * d);
        // Pythagoras against other points z of the subspace: |θ − z|² = d² + |Pθ − z|², so no z is nearer
        for (long seed = 20; seed < 23; seed++) {
            MultiLayerNetwork other = ConvolutionalNetwork.convolutional(STRIDED, 0.1, seed);
            sharpen(other, seed + 100);
            double[] z = theta(ConvolutionalNetwork.equivalentFullyConnected(STRIDED, other, 0.1));
            double toZ = distance(theta, z);
            double along = distance(projected, z);
            assertEquals(toZ * toZ, d * d + along * along, 1e-9 * toZ * toZ);
        }
    }

    @Test
    void aRandomFcnIsAtTheDistanceOfItsFreeDirections() {
        // He init: i.i.d. N(0, 2/fan-in) weights, zero biases. E dist^2 = (2/fan-in) (entries - tied groups) per layer,
        // tied groups C_out C_in k^2: the projection keeps one direction per group
        ConvolutionalNetwork.Architecture a = ConvolutionalNetwork.Architecture.fashionMnist(2);
        MultiLayerNetwork fcn = ConvolutionalNetwork.fullyConnected(a, 0.1, 4L);
        double expected = 0;
        double expectedOff = 0;
        for (int l = 0; l < 2; l++) {
            double fanIn = a.convolutionInputChannels(l) * Math.pow(a.convolutionInputSide(l), 2);
            long groups = (long) a.channels()[l] * a.convolutionInputChannels(l) * a.kernel() * a.kernel();
            expected += 2 / fanIn * (a.denseCount(l) - groups);
            expectedOff += 2 / fanIn * (a.denseCount(l) - a.maskCount(l));
        }
        double d = ConvolutionalNetwork.distanceToCnnSubspace(a, fcn);
        double off = ConvolutionalNetwork.offMaskNorm(a, fcn);
        assertEquals(1, d * d / expected, 0.03, "dist^2 " + d * d + " expected " + expected);
        assertEquals(1, off * off / expectedOff, 0.03, "off^2 " + off * off + " expected " + expectedOff);
    }
}
