package org.glassy.internal;

/**
 * The inner loops of the p-spin energy and gradient: {@link DotAxpy} over a block of rows at once.
 * A block is a rows × length matrix M stored row-major and contiguous from {@code offset} in
 * {@code m}; its columns belong to the state components [from, from + length). For one state s,
 * {@link #apply} computes in one pass over M
 *
 * <pre>
 *   dots[r] = Σ_c M[r][c] · s[from + c]              (the row dot products, M s),
 *   g[from + c] += Σ_r factors[r] · M[r][c]           (the column axpys, Mᵀ f),
 * </pre>
 *
 * <p>so every coupling is loaded once for two multiply–adds, and the rows share the loads and
 * stores of s and g (the vector kernel keeps four rows in registers: per vector of columns it
 * loads four coupling vectors, one of s and one of g, stores one of g and does eight fused
 * multiply–adds). {@link #spinRows} is the same pass for the p-spin's runs of rows, with the
 * row factors and the bookkeeping fused in.
 *
 * <p><b>Padding.</b> The vector kernel runs every row to a whole number of vectors, reading up to
 * {@link #padding()} − 1 numbers past the end of a row. So the caller guarantees, for
 * {@link #apply} and {@link #dots}: {@code s[from + length, from + length + padding())} holds
 * zeros (the overrun then adds nothing to a dot product), {@code g} has that many writable numbers
 * past {@code from + length} whose content is discarded, and {@code m} has {@code padding()}
 * readable numbers past the end of the block. The interleaved method reads nothing past its block.
 *
 * <p><b>Several states.</b> {@link #applyInterleaved} does the same for {@link #lanes()} states
 * at once, stored interleaved (component k of state l at {@code x[k·lanes + l]}): each coupling is
 * broadcast once and used for all of them, so the pass over the couplings, the memory traffic at
 * large N, is shared; no horizontal sums are needed, every lane being one state.
 *
 * <p>{@link #INSTANCE} uses the JDK Vector API when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and {@code glassy.scalar} is not set, in the one
 * vector species of all the library's kernels; the scalar loops otherwise. Both are deterministic
 * and differ only in the order of the floating-point additions.
 */
public interface BlockDotAxpy {

    /** The fastest implementation this JVM supports. */
    BlockDotAxpy INSTANCE = Selector.select();

    /**
     * Returns the number of states of {@link #applyInterleaved}, the vector length in doubles.
     *
     * @return the lanes, at least 1
     */
    int lanes();

    /**
     * Returns how many numbers past a block's end the single-state methods may touch (see the class
     * comment).
     *
     * @return the padding, at least 0
     */
    int padding();

    /**
     * Row dot products and column axpys of one state over a block.
     *
     * @param m the couplings
     * @param offset where the block starts in {@code m}
     * @param rows the number of rows, at least 0
     * @param length the row length, at least 1
     * @param s the state; zero for {@link #padding()} numbers past {@code from + length}
     * @param g the accumulated gradient, updated in [from, from + length)
     * @param from the state component of the first column
     * @param factors the axpy factor of each row, {@code rows} numbers from index 0
     * @param dots overwritten with the row dot products, {@code rows} numbers from index 0
     */
    void apply(double[] m, int offset, int rows, int length, double[] s, double[] g, int from, double[] factors,
               double[] dots);

    /**
     * {@link #apply} for a block whose row r belongs to spin r (r &lt; rows), with row factors
     * scale·s[r], followed by g[r] += scale·dot_r; returns Σ_r s[r]·dot_r. These are the p-spin's
     * runs of rows: for p = 3 block j is one run (rows i &lt; j, scale s_j); for larger p a run
     * holds the prefixes that differ only in their smallest index. The row factors and the
     * bookkeeping are fused into the kernel (a tenth of the time at N = 100 for p = 3; for p = 4
     * it replaces a prefix enumeration per row).
     *
     * @param m the couplings
     * @param offset where the block starts in {@code m}
     * @param rows the number of rows, at least 0; row r belongs to spin r
     * @param length the row length, at least 1
     * @param s the state; zero for {@link #padding()} numbers past {@code from + length}
     * @param g the accumulated gradient, updated in [0, rows) and [from, from + length)
     * @param from the state component of the first column, at least {@code rows}
     * @param scale the factor of the run
     * @return Σ_r s[r]·dot_r
     */
    double spinRows(double[] m, int offset, int rows, int length, double[] s, double[] g, int from, double scale);

    /**
     * The energy part of {@link #spinRows}: Σ_r s[r] Σ_c M[r][c]·s[from + c], no gradient.
     *
     * @param m the couplings
     * @param offset where the block starts in {@code m}
     * @param rows the number of rows, at least 0; row r belongs to spin r
     * @param length the row length, at least 1
     * @param s the state; zero for {@link #padding()} numbers past {@code from + length}
     * @param from the state component of the first column
     * @return Σ_r s[r]·dot_r
     */
    double spinRowsEnergy(double[] m, int offset, int rows, int length, double[] s, int from);

    /**
     * {@link #spinRows} for {@link #lanes()} interleaved states: per lane l, row factors
     * scale[l]·x_r, then g_r += scale[l]·dot_r, and q[l] = Σ_r x_r·dot_r.
     *
     * @param m the couplings
     * @param offset where the block starts in {@code m}
     * @param rows the number of rows, at least 0; row r belongs to spin r
     * @param length the row length, at least 1
     * @param x the states: component k of state l at {@code x[k·lanes + l]}
     * @param g the accumulated gradients, interleaved like {@code x}
     * @param from the state component of the first column, at least {@code rows}
     * @param scale the run's factor for each lane, {@link #lanes()} numbers
     * @param q overwritten with Σ_r x_r·dot_r for each lane, {@link #lanes()} numbers
     */
    void spinRowsInterleaved(double[] m, int offset, int rows, int length, double[] x, double[] g, int from,
                             double[] scale, double[] q);

    /**
     * Row dot products of one state over a block (an energy without its gradient).
     *
     * @param m the couplings
     * @param offset where the block starts in {@code m}
     * @param rows the number of rows, at least 0
     * @param length the row length, at least 1
     * @param s the state; zero for {@link #padding()} numbers past {@code from + length}
     * @param from the state component of the first column
     * @param dots overwritten with the row dot products, {@code rows} numbers from index 0
     */
    void dots(double[] m, int offset, int rows, int length, double[] s, int from, double[] dots);

    /**
     * Row dot products and column axpys of {@link #lanes()} states at once, stored interleaved.
     *
     * @param m the couplings
     * @param offset where the block starts in {@code m}
     * @param rows the number of rows, at least 0
     * @param length the row length, at least 1
     * @param x the states: component k of state l at {@code x[k·lanes + l]}
     * @param g the accumulated gradients, interleaved like {@code x}, updated for components
     *     [from, from + length)
     * @param from the state component of the first column
     * @param factors the axpy factors, row r of state l at {@code factors[r·lanes + l]}
     * @param dots overwritten with the row dot products, row r of state l at {@code dots[r·lanes + l]}
     */
    void applyInterleaved(double[] m, int offset, int rows, int length, double[] x, double[] g, int from,
                          double[] factors, double[] dots);

    /**
     * Names the implementation in use, for benchmarks and provenance.
     *
     * @return "vector" or "scalar"
     */
    static String implementation() {
        return INSTANCE instanceof Scalar ? "scalar" : "vector";
    }

    /** The scalar loops, always available; four lanes. */
    final class Scalar implements BlockDotAxpy {

        private static final int LANES = 4;

        @Override
        public int lanes() {
            return LANES;
        }

        @Override
        public int padding() {
            return 0;
        }

        @Override
        public void apply(double[] m, int offset, int rows, int length, double[] s, double[] g, int from,
                          double[] factors, double[] dots) {
            for (int r = 0; r < rows; r++) {
                int row = offset + r * length - from;
                double a = factors[r];
                double dot = 0;
                for (int k = from; k < from + length; k++) {
                    double coupling = m[row + k];
                    dot += coupling * s[k];
                    g[k] += coupling * a;
                }
                dots[r] = dot;
            }
        }

        @Override
        public double spinRows(double[] m, int offset, int rows, int length, double[] s, double[] g, int from,
                               double scale) {
            double q = 0;
            for (int r = 0; r < rows; r++) {
                int row = offset + r * length - from;
                double a = s[r] * scale;
                double dot = 0;
                for (int k = from; k < from + length; k++) {
                    double coupling = m[row + k];
                    dot += coupling * s[k];
                    g[k] += coupling * a;
                }
                g[r] += scale * dot;
                q += s[r] * dot;
            }
            return q;
        }

        @Override
        public double spinRowsEnergy(double[] m, int offset, int rows, int length, double[] s, int from) {
            double q = 0;
            for (int r = 0; r < rows; r++) {
                int row = offset + r * length - from;
                double dot = 0;
                for (int k = from; k < from + length; k++) {
                    dot += m[row + k] * s[k];
                }
                q += s[r] * dot;
            }
            return q;
        }

        @Override
        public void spinRowsInterleaved(double[] m, int offset, int rows, int length, double[] x, double[] g, int from,
                                        double[] scale, double[] q) {
            double[] dot = new double[LANES];
            java.util.Arrays.fill(q, 0, LANES, 0.0);
            for (int r = 0; r < rows; r++) {
                int row = offset + r * length - from;
                java.util.Arrays.fill(dot, 0.0);
                for (int k = from; k < from + length; k++) {
                    double coupling = m[row + k];
                    for (int l = 0; l < LANES; l++) {
                        dot[l] += coupling * x[k * LANES + l];
                        g[k * LANES + l] += coupling * x[r * LANES + l] * scale[l];
                    }
                }
                for (int l = 0; l < LANES; l++) {
                    g[r * LANES + l] += scale[l] * dot[l];
                    q[l] += x[r * LANES + l] * dot[l];
                }
            }
        }

        @Override
        public void dots(double[] m, int offset, int rows, int length, double[] s, int from, double[] dots) {
            for (int r = 0; r < rows; r++) {
                int row = offset + r * length - from;
                double dot = 0;
                for (int k = from; k < from + length; k++) {
                    dot += m[row + k] * s[k];
                }
                dots[r] = dot;
            }
        }

        @Override
        public void applyInterleaved(double[] m, int offset, int rows, int length, double[] x, double[] g, int from,
                                     double[] factors, double[] dots) {
            for (int r = 0; r < rows; r++) {
                int row = offset + r * length - from;
                for (int l = 0; l < LANES; l++) {
                    dots[r * LANES + l] = 0;
                }
                for (int k = from; k < from + length; k++) {
                    double coupling = m[row + k];
                    for (int l = 0; l < LANES; l++) {
                        dots[r * LANES + l] += coupling * x[k * LANES + l];
                        g[k * LANES + l] += coupling * factors[r * LANES + l];
                    }
                }
            }
        }
    }

    /** Picks the implementation once, at class initialisation. */
    final class Selector {
        private Selector() {
        }

        static BlockDotAxpy select() {
            boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            if (vectorModule && !Boolean.getBoolean("glassy.scalar")) {
                try {
                    return (BlockDotAxpy) Class.forName("org.glassy.internal.VectorBlockDotAxpy")
                            .getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    return new Scalar();
                }
            }
            return new Scalar();
        }
    }
}
