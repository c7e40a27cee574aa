package org.glassy.core;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * The random generator of a run: SplitMix64 (G. L. Steele, D. Lea and C. H. Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014), the algorithm of
 * {@link java.util.SplittableRandom}, whose sequences it reproduces exactly for the same seed
 * ({@code nextLong}, {@code nextInt}, and every method derived from them: {@code nextDouble},
 * {@code nextGaussian}, bounded draws). Unlike {@code SplittableRandom} its state (two longs) is
 * serialisable, so a run can be checkpointed and resumed bit for bit.
 *
 * <p>Not thread-safe: one generator per run.
 */
public final class SplitMix64 implements RandomGenerator, Serializable {

    private static final long serialVersionUID = 1L;

    /** The odd increment of {@code new SplittableRandom(seed)}. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** The state: advanced by gamma at every draw. */
    private long seed;

    /** The odd increment of the state. */
    private final long gamma;

    /**
     * The generator that {@code new SplittableRandom(seed)} would be.
     *
     * @param seed the seed
     */
    public SplitMix64(long seed) {
        this.seed = seed;
        this.gamma = GOLDEN_GAMMA;
    }

    /**
     * Returns an independent copy of the current state: both copies then draw the same sequence.
     *
     * @return the copy
     */
    public SplitMix64 copy() {
        SplitMix64 c = new SplitMix64(0);
        c.seed = seed;
        return c;
    }

    private long nextSeed() {
        return seed += gamma;
    }

    @Override
    public long nextLong() {
        long z = nextSeed();
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public int nextInt() {
        long z = nextSeed();
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    @Override
    public String toString() {
        return "SplitMix64";
    }
}
