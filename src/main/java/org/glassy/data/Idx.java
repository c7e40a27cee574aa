package org.glassy.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of gzip-compressed IDX files (LeCun's MNIST format, also used by Fashion-MNIST): a
 * big-endian header of a magic number (2051 for unsigned-byte images of rank 3, 2049 for
 * unsigned-byte labels of rank 1) and the dimensions, then the bytes, row-major.
 *
 * <p>A reader decodes only the examples asked for, so a prefix of a large file costs only its own
 * size. The whole file is still checked for truncation when it is opened, in constant time: the gzip
 * trailer's ISIZE field (the last 4 bytes, the decompressed length mod 2³²) must equal the length the IDX
 * header announces (16 + count × rows × columns for images, 8 + count for labels); a file cut short ends in
 * compressed data instead, and a well-formed gzip file with fewer examples than announced has a smaller ISIZE.
 * Every fault is a {@link DataFileException} whose message names the file.
 */
final class Idx {

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;

    /** An open IDX file whose header has been read and checked; the examples follow. */
    static final class Reader implements AutoCloseable {
        final Path file;
        final int count;
        final int rows;
        final int columns;
        private final DataInputStream in;

        private Reader(Path file, DataInputStream in, int count, int rows, int columns) {
            this.file = file;
            this.in = in;
            this.count = count;
            this.rows = rows;
            this.columns = columns;
        }

        /**
         * Decodes the next {@code n} images as pixel values scaled to [0, 1] (byte / 255), row-major.
         */
        double[] images(int n) {
            int pixels = rows * columns;
            double[] x = new double[n * pixels];
            byte[] image = new byte[pixels];
            for (int i = 0; i < n; i++) {
                readFully(image, "image " + i + " (0-based) of the " + count + " images it announces");
                for (int p = 0; p < pixels; p++) {
                    x[i * pixels + p] = (image[p] & 0xFF) / 255.0;
                }
            }
            return x;
        }

        /** Decodes the next {@code n} labels, each checked to lie in [0, classes). */
        int[] labels(int n, int classes) {
            byte[] bytes = new byte[n];
            readFully(bytes, n + " labels of the " + count + " it announces");
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = bytes[i] & 0xFF;
                if (y[i] >= classes) {
                    throw new DataFileException(file + ": labels must lie in [0, " + classes + "), got label "
                            + y[i] + " at index " + i);
                }
            }
            return y;
        }

        private void readFully(byte[] buffer, String what) {
            try {
                in.readFully(buffer);
            } catch (EOFException e) {
                throw new DataFileException(file + ": file ends early (truncated?): cannot read " + what, e);
            } catch (IOException e) {
                throw new DataFileException(file + ": cannot read " + what + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                throw new DataFileException(file + ": cannot close: " + e.getMessage(), e);
            }
        }
    }

    private Idx() {
    }

    /**
     * Opens an image file and checks its header: magic number 2051, a non-negative count, and
     * images of {@code rows × columns} pixels.
     */
    static Reader openImages(Path file, int rows, int columns) {
        Reader r = open(file, IMAGES_MAGIC, "IDX images", 3);
        if (r.rows != rows || r.columns != columns) {
            r.close();
            throw new DataFileException(file + ": images must be " + rows + "×" + columns + " pixels, got "
                    + r.rows + "×" + r.columns);
        }
        if (r.count > Integer.MAX_VALUE / (rows * columns)) {
            r.close();
            throw new DataFileException(file + ": image count must be at most " + Integer.MAX_VALUE / (rows * columns)
                    + " to fit one array, got " + r.count);
        }
        return r;
    }

    /** Opens a label file and checks its header: magic number 2049 and a non-negative count. */
    static Reader openLabels(Path file) {
        return open(file, LABELS_MAGIC, "IDX labels", 1);
    }

    private static Reader open(Path file, int magic, String kind, int rank) {
        DataInputStream in;
        try {
            in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16)));
        } catch (NoSuchFileException e) {
            throw new DataFileException(file + ": file not found", e);
        } catch (EOFException e) {
            throw new DataFileException(file + ": file is empty or ends inside the gzip header", e);
        } catch (IOException e) { // not gzip, unreadable
            throw new DataFileException(file + ": cannot open as gzip: " + e.getMessage(), e);
        }
        try {
            int found = in.readInt();
            if (found != magic) {
                throw new DataFileException(file + ": magic number must be " + magic + " for " + kind + ", got "
                        + found);
            }
            int count = in.readInt();
            if (count < 0) {
                throw new DataFileException(file + ": example count must be >= 0, got " + count);
            }
            int rows = rank == 3 ? in.readInt() : 1;
            int columns = rank == 3 ? in.readInt() : 1;
            if (rows < 1 || columns < 1) {
                throw new DataFileException(file + ": image dimensions must be >= 1, got " + rows + "×" + columns);
            }
            long expected = (rank == 3 ? 16 : 8) + (long) count * rows * columns;
            long announced;
            try {
                announced = trailerLength(file);
            } catch (IOException e) {
                throw new DataFileException(file + ": cannot read the gzip trailer: " + e.getMessage(), e);
            }
            if (announced != (expected & 0xFFFF_FFFFL)) {
                throw new DataFileException(file + ": file is truncated or damaged: its header announces " + count + " "
                        + (rank == 3 ? "images" : "labels") + " (" + expected + " bytes of content), its gzip trailer "
                        + announced + " bytes");
            }
            return new Reader(file, in, count, rows, columns);
        } catch (EOFException e) {
            closeQuietly(in);
            throw new DataFileException(file + ": file ends inside the " + kind + " header (truncated?)", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new DataFileException(file + ": cannot read the " + kind + " header: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** The gzip trailer's ISIZE: the last 4 bytes of the file, little-endian, the content length mod 2³². */
    static long trailerLength(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size < 18) { // a gzip member has a 10-byte header and an 8-byte trailer
                throw new EOFException(file + ": shorter than a gzip header and trailer");
            }
            ByteBuffer last = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(size - 4);
            while (last.hasRemaining()) {
                if (channel.read(last) < 0) {
                    throw new EOFException(file + ": file shrank while being read");
                }
            }
            return last.getInt(0) & 0xFFFF_FFFFL;
        }
    }

    private static void closeQuietly(DataInputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}
