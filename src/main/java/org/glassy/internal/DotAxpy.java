package org.glassy.internal;

/**
 * The inner loop of the p-spin gradient: over a contiguous block of couplings c,
 * returns Σ_k c[offset + k]·s[k] and adds c[offset + k]·a to g[k], for k in [from, to).
 *
 * <p>{@link #INSTANCE} uses the JDK Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (bin/glassy, the notebook kernel and the tests do),
 * and a scalar loop otherwise. Both are deterministic; they differ only in the order of the
 * floating-point additions.
 */
public interface DotAxpy {

    /** The fastest implementation this JVM supports. */
    DotAxpy INSTANCE = Selector.select();

    /**
     * Fused dot product and axpy.
     *
     * @param c the couplings
     * @param offset index shift into {@code c}
     * @param s the state
     * @param g the accumulated gradient, updated
     * @param from the first k
     * @param to one past the last k
     * @param a the axpy factor
     * @return the dot product
     */
    double apply(double[] c, int offset, double[] s, double[] g, int from, int to, double a);

    /** The scalar loop, always available. */
    final class Scalar implements DotAxpy {
        @Override
        public double apply(double[] c, int offset, double[] s, double[] g, int from, int to, double a) {
            double dot = 0;
            for (int k = from; k < to; k++) {
                double coupling = c[offset + k];
                dot += coupling * s[k];
                g[k] += coupling * a;
            }
            return dot;
        }
    }

    /** Picks the implementation once, at class initialisation. */
    final class Selector {
        private Selector() {
        }

        static DotAxpy select() {
            boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            if (vectorModule && !Boolean.getBoolean("glassy.scalar")) {
                try {
                    return (DotAxpy) Class.forName("org.glassy.internal.VectorDotAxpy")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new Scalar();
                }
            }
            return new Scalar();
        }
    }

    /**
     * Names the implementation in use, for benchmarks and provenance.
     *
     * @return "vector" or "scalar"
     */
    static String implementation() {
        return INSTANCE instanceof Scalar ? "scalar" : "vector";
    }
}
