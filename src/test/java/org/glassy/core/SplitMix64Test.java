package org.glassy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The run's generator reproduces {@link SplittableRandom} exactly, and survives serialisation. */
class SplitMix64Test {

    @Test
    void sameSequencesAsSplittableRandomForEveryKindOfDraw() {
        for (long seed : new long[] {0, 1, -7, 1803, Long.MAX_VALUE}) {
            SplittableRandom reference = new SplittableRandom(seed);
            SplitMix64 ours = new SplitMix64(seed);
            for (int i = 0; i < 10_000; i++) {
                switch (i % 6) {
                    case 0 -> assertEquals(reference.nextLong(), ours.nextLong());
                    case 1 -> assertEquals(reference.nextInt(), ours.nextInt());
                    case 2 -> assertEquals(reference.nextDouble(), ours.nextDouble(), 0.0);
                    case 3 -> assertEquals(reference.nextGaussian(), ours.nextGaussian(), 0.0);
                    case 4 -> assertEquals(reference.nextInt(i + 1), ours.nextInt(i + 1));
                    default -> assertEquals(reference.nextLong(1, 1000 + i), ours.nextLong(1, 1000 + i));
                }
            }
        }
    }

    @Test
    void aSerialisedGeneratorContinuesTheSameSequence() throws Exception {
        SplitMix64 random = new SplitMix64(42);
        for (int i = 0; i < 1000; i++) {
            random.nextGaussian();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        }
        SplitMix64 copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SplitMix64) in.readObject();
        }
        SplitMix64 twin = random.copy();
        for (int i = 0; i < 1000; i++) {
            double expected = random.nextGaussian();
            assertEquals(expected, copy.nextGaussian(), 0.0);
            assertEquals(expected, twin.nextGaussian(), 0.0);
        }
    }
}
