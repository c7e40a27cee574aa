package org.glassy.study.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.glassy.data.Dataset;
import org.glassy.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import tech.tablesaw.api.Table;

/** The relax-time protocol: phases, the switch, the observables. */
class ArchitecturalBiasTest {

    private static final Dataset TRAIN = FashionMnist.train(600);
    private static final Dataset TEST = FashionMnist.test(500);

    private static List<ArchitecturalBias.Row> run(int relax, int total, ArchitecturalBias.Baseline baseline) {
        ArchitecturalBias.Parameters p = ArchitecturalBias.Parameters.builder().samples(600).relaxEpochs(relax)
                .totalEpochs(total).seed(3L).channels(2).learningRate(0.1).batch(10).baseline(baseline).build();
        List<ArchitecturalBias.Row> rows = new ArrayList<>();
        ArchitecturalBias.run(p, TRAIN, TEST, null, rows::add);
        return rows;
    }

    @Test
    void theCnnPhaseEndsAtTheRelaxTimeAndTheEfcnLeavesTheMask() {
        List<ArchitecturalBias.Row> rows = run(2, 4, ArchitecturalBias.Baseline.NONE);
        assertEquals(List.of("cnn", "cnn", "efcn", "efcn"), rows.stream().map(ArchitecturalBias.Row::phase).toList());
        assertEquals(List.of(1, 2, 3, 4), rows.stream().map(ArchitecturalBias.Row::epoch).toList());
        assertEquals(0.0, rows.get(1).offMaskNorm());
        assertEquals(0.0, rows.get(1).subspaceDistance());
        for (ArchitecturalBias.Row r : rows.subList(2, 4)) {
            // the eFCN also breaks weight sharing: strictly further from the subspace than off the mask
            assertTrue(r.subspaceDistance() > r.offMaskNorm(), r.toString());
        }
        assertTrue(rows.get(2).offMaskNorm() > 0 && rows.get(3).offMaskNorm() > rows.get(2).offMaskNorm(),
                rows.toString());
        // SGD learns: the loss falls below the uniform guess ln 10 and keeps falling after the switch
        assertTrue(rows.get(1).trainLoss() < Math.log(10), rows.toString());
        assertTrue(rows.get(3).trainLoss() < rows.get(1).trainLoss(), rows.toString());
        assertTrue(rows.get(3).testAccuracy() > 0.4, rows.toString());
    }

    @Test
    void relaxZeroIsTheEfcnFromTheStartAndTheBaselineIsTheFcn() {
        List<ArchitecturalBias.Row> efcn = run(0, 1, ArchitecturalBias.Baseline.NONE);
        assertEquals("efcn", efcn.get(0).phase());
        assertTrue(efcn.get(0).offMaskNorm() > 0);
        List<ArchitecturalBias.Row> fcn = run(0, 1, ArchitecturalBias.Baseline.FCN);
        assertEquals("fcn", fcn.get(0).phase());
        // a random dense init is far off the mask; one epoch of SGD moves the eFCN only slightly off it
        assertTrue(fcn.get(0).offMaskNorm() > 10 * efcn.get(0).offMaskNorm(), fcn + " " + efcn);
        assertTrue(fcn.get(0).subspaceDistance() > 10 * efcn.get(0).subspaceDistance(), fcn + " " + efcn);
        Table table = ArchitecturalBias.table(fcn);
        assertEquals(List.of("epoch", "phase", "train_loss", "test_accuracy", "off_mask_norm", "subspace_distance"),
                table.columnNames());
        assertEquals(fcn.get(0).subspaceDistance(), table.doubleColumn("subspace_distance").get(0));
        assertThrows(IllegalArgumentException.class, () -> run(2, 1, ArchitecturalBias.Baseline.NONE));
    }

    @Test
    void evaluationIsTheMeanCrossEntropyAndTheAccuracy() {
        ConvolutionalNetwork.Architecture a = ConvolutionalNetwork.Architecture.fashionMnist(2);
        MultiLayerNetwork cnn = ConvolutionalNetwork.convolutional(a, 0.1, 1L);
        Dataset data = FashionMnist.test(1100);   // three chunks, the last partial
        double[] labels = new double[data.size() * 10];
        for (int i = 0; i < data.size(); i++) {
            labels[i * 10 + data.labels()[i]] = 1;
        }
        DataSet set = new DataSet(Nd4j.createFromArray(data.inputs()).reshape(data.size(), 784),
                Nd4j.createFromArray(labels).reshape(data.size(), 10));
        double[] e = ArchitecturalBias.evaluate(cnn, set);
        double[][] out = cnn.output(set.getFeatures()).toDoubleMatrix();
        double loss = 0;
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            loss -= Math.log(out[i][data.labels()[i]]);
            int best = 0;
            for (int c = 1; c < 10; c++) {
                best = out[i][c] > out[i][best] ? c : best;
            }
            right += best == data.labels()[i] ? 1 : 0;
        }
        assertEquals(loss / data.size(), e[0], 1e-12);
        assertEquals(cnn.score(set), e[0], 1e-10);
        assertEquals((double) right / data.size(), e[1]);
        // the CNN phase is evaluated through the eFCN: the same loss to rounding, the same accuracy
        double[] viaEfcn = ArchitecturalBias.evaluate(ConvolutionalNetwork.equivalentFullyConnected(a, cnn, 0.1), set);
        assertEquals(e[0], viaEfcn[0], 1e-12);
        assertEquals(e[1], viaEfcn[1]);
    }

    @Test
    void summaryIsTheMeanAndStandardErrorOverRuns() {
        Table sweep = Table.create("s", tech.tablesaw.api.IntColumn.create("relax", new int[] {1, 1, 1, 2}),
                tech.tablesaw.api.IntColumn.create("epoch", new int[] {3, 3, 3, 3}),
                tech.tablesaw.api.StringColumn.create("phase", new String[] {"efcn", "efcn", "efcn", "cnn"}),
                tech.tablesaw.api.DoubleColumn.create("train_loss", new double[] {1, 2, 3, 4}),
                tech.tablesaw.api.DoubleColumn.create("test_accuracy", new double[] {0.5, 0.7, 0.9, 0.8}),
                tech.tablesaw.api.DoubleColumn.create("off_mask_norm", new double[] {0, 0, 3, 0}),
                tech.tablesaw.api.DoubleColumn.create("subspace_distance", new double[] {1, 1, 1, 0}));
        Table s = ArchitecturalBias.summary(sweep, "relax", "epoch");
        assertEquals(2, s.rowCount());
        assertEquals(1.0, s.doubleColumn("relax").get(0));
        assertEquals(3, s.intColumn("runs").get(0));
        assertEquals(0.7, s.doubleColumn("test_accuracy").get(0), 1e-15);
        assertEquals(0.2 / Math.sqrt(3), s.doubleColumn("test_accuracy_se").get(0), 1e-15); // sd 0.2, n = 3
        assertEquals(Math.sqrt(3.0) / Math.sqrt(3), s.doubleColumn("off_mask_norm_se").get(0), 1e-15); // sd √3
        assertEquals(0.0, s.doubleColumn("subspace_distance_se").get(0));
        assertEquals(1, s.intColumn("runs").get(1));
        assertTrue(Double.isNaN(s.doubleColumn("test_accuracy_se").getDouble(1)));
    }
}
