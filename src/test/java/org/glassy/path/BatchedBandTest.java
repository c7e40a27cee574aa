package org.glassy.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassy.core.Space;
import org.glassy.core.Sphere;
import org.glassy.model.Model;
import org.glassy.model.MultiStateModel;
import org.glassy.model.PSpinSpherical;
import org.junit.jupiter.api.Test;

/** The band evaluates its images in one call when gradients are exact; that must not change the band. */
class BatchedBandTest {

    /** The same energy without {@link MultiStateModel}: the band then calls it once per image. */
    private record OneAtATime(Model model) implements Model {
        @Override
        public int dimension() {
            return model.dimension();
        }

        @Override
        public double energy(double[] x) {
            return model.energy(x);
        }

        @Override
        public double energyAndGradient(double[] x, double[] gradient) {
            return model.energyAndGradient(x, gradient);
        }
    }

    @Test
    void batchedImagesGiveTheBandOfOneCallPerImage() {
        int n = 30;
        PSpinSpherical model = new PSpinSpherical(3, n, 8L);
        assertTrue(model instanceof MultiStateModel);
        // 13 interior images: one full group of lanes and a remainder, whatever the vector length
        Chain start = Chain.linear(Sphere.randomPoint(n, 1L), Sphere.randomPoint(n, 2L), 15)
                .redistributed(Space.sphere());
        for (NudgedElasticBand<Model> band : java.util.List.of(NudgedElasticBand.string(0.01, 300),
                NudgedElasticBand.string(0.01, 300).withSpring(5).withMomentum(0.5))) {
            Chain batched = band.relax(model, Space.sphere(), start, 1L);
            Chain separate = band.relax(new OneAtATime(model), Space.sphere(), start, 1L);
            double[] a = batched.coordinates();
            double[] b = separate.coordinates();
            double moved = 0;
            double difference = 0;
            for (int k = 0; k < a.length; k++) {
                moved = Math.max(moved, Math.abs(a[k] - start.coordinates()[k]));
                difference = Math.max(difference, Math.abs(a[k] - b[k]));
            }
            assertTrue(moved > 0.1, "the band moved (" + moved + ")");
            // the two differ only in the order of floating-point additions inside the kernels (no climbing image
            // here: which image climbs is a discrete choice that round-off can flip between two equal images)
            assertEquals(0, difference, 1e-10, "largest coordinate difference with " + band);
        }
    }
}
