package org.glassy.data;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.glassy.internal.Require;

/**
 * Fashion-MNIST: 28×28 grey-scale images of Zalando's articles in 10 classes, 60 000 for training
 * and 10 000 for testing, 6 000 and 1 000 per class. Returned as a {@link Dataset} with
 * D = 784 inputs (the image flattened row-major, pixel (r, c) at index 28 r + c), pixel values
 * scaled from bytes to [0, 1] by dividing by 255, and C = 10 classes named by
 * {@link #CLASS_NAMES}. Over all pixels the training images have mean 0.2860 and standard
 * deviation 0.3530, the test images 0.2868 and 0.3524.
 *
 * <p>The data are read from the four gzip IDX files {@code train-images-idx3-ubyte.gz},
 * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and
 * {@code t10k-labels-idx1-ubyte.gz}. The methods without a directory look for them in this order:
 * <ol>
 *   <li>the directory named by the environment variable {@value #ENVIRONMENT_VARIABLE}, if it is set
 *       (and nowhere else then; set but empty is an error naming the variable);</li>
 *   <li>{@code /usr/share/datasets/fashion-mnist/}, where Debian's package
 *       {@code dataset-fashion-mnist} installs them ({@code make data} does that);</li>
 *   <li>the user cache {@code ~/.cache/glassy/fashion-mnist/} ({@code $XDG_CACHE_HOME/glassy/...} if
 *       that variable is set); a file missing there is downloaded over HTTPS from Zalando's repository
 *       {@value #CANONICAL_BASE_URL} and kept only if the SHA-256 of its decompressed content is the
 *       published data's.</li>
 * </ol>
 * Only the two files of the requested split are needed. With a {@code limit}, only the first
 * {@code limit} examples are decoded, so a quick notebook run does not pay for decoding the whole file.
 *
 * <p>Files found this way are checked before use, wherever they come from: the SHA-256 of the decompressed
 * content (which also fixes its size) must be the published data's, once per file and JVM (the check costs
 * about 0.5 s for the training images and is remembered by path, size and modification time). Files read from
 * a directory the caller names ({@link #train(Path)} and the like) are the caller's: they are not
 * checksummed, but every file, anywhere, is checked for truncation when it is opened (see {@code Idx}), so a
 * file cut short is never decoded as a shorter data set.
 *
 * <p>Every fault of the files is a {@link DataFileException} whose message names the file (or the
 * variable) and what is wrong, e.g.
 * {@code ".../train-images-idx3-ubyte.gz: magic number must be 2051 for IDX images, got 2049"}; a
 * {@code limit} beyond the examples is an {@link IllegalArgumentException}.
 *
 * <p>Reference: H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST: a Novel Image Dataset for
 * Benchmarking Machine Learning Algorithms", arXiv:1708.07747 (2017). The data are © 2017 Zalando
 * SE, under the Expat (MIT) licence.
 *
 * <p>Thread-safe: every call reads the files anew and returns a new dataset.
 */
public final class FashionMnist {

    /** Image height in pixels: 28. */
    public static final int ROWS = 28;
    /** Image width in pixels: 28. */
    public static final int COLUMNS = 28;
    /** Input dimension D = 28 × 28 = 784. */
    public static final int INPUT_DIMENSION = ROWS * COLUMNS;
    /** Number of classes C = 10. */
    public static final int CLASSES = 10;
    /** Number of training examples: 60 000. */
    public static final int TRAIN_SIZE = 60_000;
    /** Number of test examples: 10 000. */
    public static final int TEST_SIZE = 10_000;
    /** The class names, indexed by label: 0 is "T-shirt/top", …, 9 is "Ankle boot". */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The environment variable that names a directory holding the four files. */
    public static final String ENVIRONMENT_VARIABLE = "GLASSY_FASHION_MNIST";
    /** Where Debian's package {@code dataset-fashion-mnist} installs the files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    /**
     * Zalando's repository, the canonical source, over HTTPS; a file's URL is this plus its name. (Zalando's
     * README also links an S3 website, which serves plain HTTP only.)
     */
    public static final String CANONICAL_BASE_URL =
            "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";

    /**
     * SHA-256 of the decompressed content of each file, computed from Debian's
     * {@code dataset-fashion-mnist} 0.0~git20200523.55506a9-1.
     *
     * <p>Debian's .gz files are not byte-identical to Zalando's: they were recompressed without the
     * original file name in the gzip header and with another time stamp (each is 23 or 24 bytes
     * smaller), so their MD5s do not match the ones in Zalando's README (e.g. 8d4fb7e6… for the
     * training images). The decompressed IDX bytes are the same: their MD5s (f4a8712d…, 9018921c…,
     * 8181f547…, 15d48437…) are the ones published for Zalando's files. Hence the checksum is
     * taken over the decompressed content, which holds for both sources. Zalando's .gz files
     * themselves are reported to have SHA-256 08dc20ab… (train images), b0197879… (train labels),
     * 78dcbbfb… (test images) and 42bd1813… (test labels); these could not be checked here.
     */
    static final Map<String, String> CONTENT_SHA256 = Map.of(
            "train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** The two splits and their file names. */
    enum Split {
        TRAIN("train", "train", TRAIN_SIZE),
        TEST("t10k", "test", TEST_SIZE);

        final String images;
        final String labels;
        final String name;
        final int size;

        Split(String prefix, String name, int size) {
            this.images = prefix + "-images-idx3-ubyte.gz";
            this.labels = prefix + "-labels-idx1-ubyte.gz";
            this.name = name;
            this.size = size;
        }

        List<String> files() {
            return List.of(images, labels);
        }
    }

    /**
     * Where the files are looked for, in order, and where missing ones are downloaded from: the
     * roles of the location search, injectable for tests.
     *
     * @param environment the value of {@value #ENVIRONMENT_VARIABLE}, or null if unset
     * @param debian Debian's package directory
     * @param cache the user cache directory
     * @param baseUrl the download location, ending in "/"
     * @param contentSha256 the expected SHA-256 of each file's decompressed content, by file name
     */
    record Sources(String environment, Path debian, Path cache, URI baseUrl, Map<String, String> contentSha256) {

        Sources {
            Objects.requireNonNull(debian, "debian");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(contentSha256, "contentSha256");
        }

        /** The sources of this machine: its environment, Debian's directory, the user's cache, Zalando. */
        static Sources standard() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cacheRoot = xdg != null && !xdg.isBlank()
                    ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return new Sources(System.getenv(ENVIRONMENT_VARIABLE), Path.of(DEBIAN_DIRECTORY),
                    cacheRoot.resolve("glassy").resolve("fashion-mnist"), URI.create(CANONICAL_BASE_URL),
                    CONTENT_SHA256);
        }

        /**
         * Returns a directory holding the split's two files, downloading them into the cache if needed, and
         * checks the files' content checksums.
         */
        Path directoryFor(Split split) {
            if (environment != null) {
                if (environment.isBlank()) {
                    throw new DataFileException(ENVIRONMENT_VARIABLE + " is set but empty: set it to a directory holding"
                            + " the four Fashion-MNIST *-ubyte.gz files, or unset it");
                }
                Path directory = Path.of(environment);
                for (String file : split.files()) {
                    Path path = directory.resolve(file);
                    if (!Files.isRegularFile(path)) {
                        throw new DataFileException(path + ": file not found (in the directory named by "
                                + ENVIRONMENT_VARIABLE + ")", new NoSuchFileException(path.toString()));
                    }
                }
                return verified(split, directory, "it is in the directory named by " + ENVIRONMENT_VARIABLE
                        + ": replace it with the published file");
            }
            if (split.files().stream().allMatch(file -> Files.isRegularFile(debian.resolve(file)))) {
                return verified(split, debian, "reinstall it: apt-get install --reinstall dataset-fashion-mnist");
            }
            for (String file : split.files()) {
                if (!Files.isRegularFile(cache.resolve(file))) {
                    try {
                        Download.fetch(baseUrl, file, contentSha256.get(file), cache);
                    } catch (UncheckedIOException e) {
                        throw new DataFileException(e.getMessage() + " (no local copy was found: install Debian's"
                                + " package dataset-fashion-mnist, e.g. with `make data`, or set " + ENVIRONMENT_VARIABLE
                                + " to a directory holding the four files)", e.getCause());
                    }
                }
            }
            return verified(split, cache, "delete it and it is downloaded again");
        }

        /** Checks the content SHA-256 of the split's files in a located directory; returns the directory. */
        private Path verified(Split split, Path directory, String remedy) {
            for (String file : split.files()) {
                String expected = contentSha256.get(file);
                if (expected != null) {
                    Checksums.require(directory.resolve(file), expected, remedy);
                }
            }
            return directory;
        }
    }

    private FashionMnist() {
    }

    /**
     * Loads the 60 000 training examples from the first location that has them (see the class
     * comment), downloading them into the user cache if no location has them.
     *
     * @return the training set, D = 784, C = 10, pixels in [0, 1]
     */
    public static Dataset train() {
        return load(Split.TRAIN, Sources.standard(), Split.TRAIN.size);
    }

    /**
     * Loads the first {@code limit} training examples, decoding no more than those.
     *
     * @param limit how many examples, in [1, 60000]
     * @return the first {@code limit} training examples
     */
    public static Dataset train(int limit) {
        return load(Split.TRAIN, Sources.standard(), Require.inRange("limit", limit, 1, TRAIN_SIZE));
    }

    /**
     * Loads all training examples from the files in {@code directory}.
     *
     * @param directory a directory holding {@code train-images-idx3-ubyte.gz} and
     *     {@code train-labels-idx1-ubyte.gz}
     * @return the training set, D = 784, C = 10, pixels in [0, 1]
     */
    public static Dataset train(Path directory) {
        return read(Split.TRAIN, directory, -1);
    }

    /**
     * Loads the first {@code limit} training examples from the files in {@code directory}.
     *
     * @param directory a directory holding {@code train-images-idx3-ubyte.gz} and
     *     {@code train-labels-idx1-ubyte.gz}
     * @param limit how many examples, in [1, n] where n is the number of examples in the files
     * @return the first {@code limit} training examples
     */
    public static Dataset train(Path directory, int limit) {
        return read(Split.TRAIN, directory, Require.atLeast("limit", limit, 1));
    }

    /**
     * Loads the 10 000 test examples from the first location that has them (see the class
     * comment), downloading them into the user cache if no location has them.
     *
     * @return the test set, D = 784, C = 10, pixels in [0, 1]
     */
    public static Dataset test() {
        return load(Split.TEST, Sources.standard(), Split.TEST.size);
    }

    /**
     * Loads the first {@code limit} test examples, decoding no more than those.
     *
     * @param limit how many examples, in [1, 10000]
     * @return the first {@code limit} test examples
     */
    public static Dataset test(int limit) {
        return load(Split.TEST, Sources.standard(), Require.inRange("limit", limit, 1, TEST_SIZE));
    }

    /**
     * Loads all test examples from the files in {@code directory}.
     *
     * @param directory a directory holding {@code t10k-images-idx3-ubyte.gz} and
     *     {@code t10k-labels-idx1-ubyte.gz}
     * @return the test set, D = 784, C = 10, pixels in [0, 1]
     */
    public static Dataset test(Path directory) {
        return read(Split.TEST, directory, -1);
    }

    /**
     * Loads the first {@code limit} test examples from the files in {@code directory}.
     *
     * @param directory a directory holding {@code t10k-images-idx3-ubyte.gz} and
     *     {@code t10k-labels-idx1-ubyte.gz}
     * @param limit how many examples, in [1, n] where n is the number of examples in the files
     * @return the first {@code limit} test examples
     */
    public static Dataset test(Path directory, int limit) {
        return read(Split.TEST, directory, Require.atLeast("limit", limit, 1));
    }

    /** Locates the split through {@code sources} and reads its first {@code limit} examples. */
    static Dataset load(Split split, Sources sources, int limit) {
        return read(split, sources.directoryFor(split), limit);
    }

    /** Reads the first {@code limit} examples of a split from a directory; limit −1 reads all. */
    static Dataset read(Split split, Path directory, int limit) {
        Objects.requireNonNull(directory, "directory");
        Path imagesPath = directory.resolve(split.images);
        Path labelsPath = directory.resolve(split.labels);
        try (Idx.Reader images = Idx.openImages(imagesPath, ROWS, COLUMNS);
                Idx.Reader labels = Idx.openLabels(labelsPath)) {
            if (images.count != labels.count) {
                throw new DataFileException("image and label counts must match: " + imagesPath + " has "
                        + images.count + " images, " + labelsPath + " has " + labels.count + " labels");
            }
            if (images.count == 0) {
                throw new DataFileException(imagesPath + ": must hold at least one image, got 0");
            }
            int n = limit == -1 ? images.count : limit;
            if (n < 1 || n > images.count) {
                throw new IllegalArgumentException("limit must lie in [1, " + images.count + "] (the examples in "
                        + imagesPath + "), got " + limit);
            }
            double[] x = images.images(n);
            int[] y = labels.labels(n, CLASSES);
            String name = "fashion-mnist " + split.name + (n < images.count ? ", first " + n : "");
            return new Dataset(name, n, INPUT_DIMENSION, CLASSES, x, y);
        }
    }
}
