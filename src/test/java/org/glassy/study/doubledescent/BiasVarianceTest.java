package org.glassy.study.doubledescent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** d'Ascoli et al.'s decomposition: ensembles leave the bias alone and divide the initialisation variance by K. */
class BiasVarianceTest {

    private static BiasVariance.Decomposition run(int ensemble, int initialisations) {
        DoubleDescent.Parameters p = DoubleDescent.Parameters.builder().model(DoubleDescent.Model.RANDOM_FEATURES)
                .features(60).samples(40).dim(20).noise(0.5).ridge(1e-4).ensemble(ensemble).testSamples(200).seed(5)
                .build();
        return BiasVariance.estimate(p, 20, 2, initialisations, null);
    }

    private static boolean within(double a, double sa, double b, double sb, double z) {
        return Math.abs(a - b) < z * Math.hypot(sa, sb);
    }

    @Test
    void ensemblingKeepsTheBiasAndDividesTheInitialisationVarianceByK() {
        BiasVariance.Decomposition one = run(1, 32);
        BiasVariance.Decomposition four = run(4, 8);   // the same 32 models, in ensembles of 4
        BiasVariance.Estimate b1 = one.bias();
        BiasVariance.Estimate b4 = four.bias();
        assertTrue(b1.value() > 0 && within(b1.value(), b1.standardError(), b4.value(), b4.standardError(), 4),
                b1 + " vs " + b4);
        assertTrue(within(one.dataVariance().value(), one.dataVariance().standardError(), four.dataVariance().value(),
                four.dataVariance().standardError(), 4), one.dataVariance() + " vs " + four.dataVariance());
        assertTrue(within(one.noiseVariance().value(), one.noiseVariance().standardError(),
                four.noiseVariance().value(), four.noiseVariance().standardError(), 4));
        BiasVariance.Estimate v1 = one.initialisationVariance();
        BiasVariance.Estimate v4 = four.initialisationVariance();
        assertTrue(within(v1.value(), v1.standardError(), 4 * v4.value(), 4 * v4.standardError(), 4),
                "V_P(1) = " + v1 + ", 4 V_P(4) = " + 4 * v4.value());
        assertTrue(!within(v1.value(), v1.standardError(), 2 * v4.value(), 2 * v4.standardError(), 4),
                "a factor 2 instead of 4 is detected");
        // the parts add up to the test error
        for (BiasVariance.Decomposition d : new BiasVariance.Decomposition[] {one, four}) {
            double sum = d.bias().value() + d.dataVariance().value() + d.noiseVariance().value()
                    + d.initialisationVariance().value();
            assertTrue(within(sum, 0, d.testError().value(), d.testError().standardError(), 4),
                    sum + " vs " + d.testError());
        }
    }

    @Test
    void sweepIsLongFormatWithOneBlockPerNumberOfFeatures() {
        DoubleDescent.Parameters base = DoubleDescent.Parameters.builder().model(DoubleDescent.Model.RANDOM_FEATURES)
                .features(10).samples(20).dim(10).noise(0.5).ridge(1e-3).testSamples(50).seed(5).build();
        tech.tablesaw.api.Table t = BiasVariance.sweep(base, new int[] {10, 40}, 3, 2, 2, null);
        org.junit.jupiter.api.Assertions.assertEquals(10, t.rowCount());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("features", "ratio", "component", "value", "se"),
                t.columnNames());
        org.junit.jupiter.api.Assertions.assertEquals(2.0, t.doubleColumn("ratio").get(9), 0);
        org.junit.jupiter.api.Assertions.assertEquals(BiasVariance.estimate(base.toBuilder().features(40).build(), 3, 2,
                2, null).bias().value(), t.doubleColumn("value").get(5), 0, "seeded, whatever the order of the sweep");
    }
}
