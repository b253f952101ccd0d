package io.fdbench.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MNIST-format data sets (MNIST, Fashion-MNIST, …) as classification {@link Dataset}s with
 * pixels scaled to [0, 1] and 10 classes.
 *
 * <ul>
 *   <li>{@link #embedded()}: MNIST-10k shipped in this jar (8,000 train / 2,000 test, 28 × 28),
 *       read from the classpath; no file system path, no network.</li>
 *   <li>{@link #fromFolder(Path)}: any folder holding the four standard files, raw or gzipped,
 *       e.g. {@link #FASHION_MNIST_DIR} from Debian's {@code dataset-fashion-mnist}.</li>
 * </ul>
 *
 * <p>Every call reads the files again and returns fresh arrays, since {@link Dataset} shares its
 * arrays with callers.
 */
public final class MnistData {

    /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST (60,000 + 10,000). */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Number of classes in MNIST and Fashion-MNIST. */
    public static final int CLASSES = 10;

    /** Classpath folder of the embedded MNIST-10k files. */
    static final String EMBEDDED_RESOURCE_DIR = "mnist-10k/";

    /** The four files of an MNIST-format folder, by their canonical (raw, all-dash) names. */
    public enum Part {
        TRAIN_IMAGES("train-images", "idx3-ubyte"),
        TRAIN_LABELS("train-labels", "idx1-ubyte"),
        TEST_IMAGES("t10k-images", "idx3-ubyte"),
        TEST_LABELS("t10k-labels", "idx1-ubyte");

        private final String stem;
        private final String idxSuffix;

        Part(String stem, String idxSuffix) {
            this.stem = stem;
            this.idxSuffix = idxSuffix;
        }

        /** The canonical raw file name, e.g. {@code train-images-idx3-ubyte}. */
        public String canonicalName() {
            return stem + "-" + idxSuffix;
        }

        /**
         * File names accepted for this part, in the order they are looked for: the canonical name
         * and the variant with a dot before {@code idxN} ({@code train-images.idx3-ubyte}), each
         * gzipped ({@code .gz}) or raw.
         */
        public List<String> candidateNames() {
            String dash = stem + "-" + idxSuffix;
            String dot = stem + "." + idxSuffix;
            return List.of(dash + ".gz", dash, dot + ".gz", dot);
        }
    }

    /** A train / test pair. */
    public record Split(Dataset train, Dataset test) {
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    private MnistData() {
    }

    /**
     * The embedded MNIST-10k: 8,000 training and 2,000 test images of 784 pixels in [0, 1], 10
     * classes. The data is part of the jar, so failing to read it is a packaging bug and is
     * reported unchecked.
     *
     * @throws UncheckedIOException if the resources are missing or corrupt
     */
    public static Split embedded() {
        try {
            Dataset train = load("mnist-10k/train",
                    readResourceImages("train-images-idx3-ubyte.gz"),
                    readResourceLabels("train-labels-idx1-ubyte.gz"));
            Dataset test = load("mnist-10k/test",
                    readResourceImages("t10k-images-idx3-ubyte.gz"),
                    readResourceLabels("t10k-labels-idx1-ubyte.gz"));
            checkSameImageShape(train, test, "mnist-10k");
            return new Split(train, test);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded MNIST-10k data could not be read: " + e.getMessage(), e);
        }
    }

    /** Fashion-MNIST from {@link #FASHION_MNIST_DIR} (install {@code dataset-fashion-mnist}). */
    public static Split fashionMnist() throws IOException {
        return fromFolder(FASHION_MNIST_DIR);
    }

    /**
     * Loads an MNIST-format folder: the four files named as in {@link Part#candidateNames()}, raw
     * or gzip (detected from content, not name). Data set names are {@code <folder>/train} and
     * {@code <folder>/test}.
     *
     * @throws IdxFormatException if a file is missing or malformed, or image and label counts or
     *         train and test image shapes disagree
     */
    public static Split fromFolder(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        String where = dir.toAbsolutePath().normalize().toString();
        if (!Files.isDirectory(dir)) {
            throw new IdxFormatException(where, "not a directory (expected an MNIST-format folder with "
                    + canonicalNames() + ", raw or .gz)");
        }
        List<String> missing = new ArrayList<>();
        Path[] files = new Path[Part.values().length];
        for (Part p : Part.values()) {
            files[p.ordinal()] = find(dir, p);
            if (files[p.ordinal()] == null) {
                missing.add(String.join(" / ", p.candidateNames()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IdxFormatException(where, "missing " + missing.size() + " of 4 MNIST files; looked for "
                    + String.join("; ", missing));
        }
        Path last = dir.toAbsolutePath().normalize().getFileName();
        String name = last == null ? where : last.toString();
        Dataset train = load(name + "/train",
                Idx.readImages(files[Part.TRAIN_IMAGES.ordinal()]),
                Idx.readLabels(files[Part.TRAIN_LABELS.ordinal()], CLASSES));
        Dataset test = load(name + "/test",
                Idx.readImages(files[Part.TEST_IMAGES.ordinal()]),
                Idx.readLabels(files[Part.TEST_LABELS.ordinal()], CLASSES));
        checkSameImageShape(train, test, where);
        return new Split(train, test);
    }

    /** True if {@code dir} is a folder holding all four MNIST files under an accepted name. */
    public static boolean isPresent(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return false;
        }
        for (Part p : Part.values()) {
            if (find(dir, p) == null) {
                return false;
            }
        }
        return true;
    }

    /** The file used for {@code part} in {@code dir}, or null if none of the accepted names exists. */
    public static Path find(Path dir, Part part) {
        for (String candidate : part.candidateNames()) {
            Path f = dir.resolve(candidate);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /** Pairs images with labels into a classification set; counts must agree. */
    static Dataset load(String name, Idx.Images images, Idx.Labels labels) throws IdxFormatException {
        if (images.count() != labels.count()) {
            throw new IdxFormatException(images.source() + " / " + labels.source(), "image and label counts differ: "
                    + images.source() + " has " + images.count() + " images, " + labels.source() + " has "
                    + labels.count() + " labels");
        }
        return Dataset.fromPixels(name, images.pixels(), images.pixelsPerImage(), labels.toInts(), CLASSES);
    }

    private static void checkSameImageShape(Dataset train, Dataset test, String where) throws IdxFormatException {
        if (train.features() != test.features()) {
            throw new IdxFormatException(where, "train images have " + train.features()
                    + " pixels each but test images have " + test.features());
        }
    }

    private static Idx.Images readResourceImages(String file) throws IOException {
        try (InputStream in = resource(file)) {
            return Idx.readImages(in, EMBEDDED_RESOURCE_DIR + file);
        }
    }

    private static Idx.Labels readResourceLabels(String file) throws IOException {
        try (InputStream in = resource(file)) {
            return Idx.readLabels(in, EMBEDDED_RESOURCE_DIR + file, CLASSES);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = MnistData.class.getResourceAsStream(EMBEDDED_RESOURCE_DIR + file);
        if (in == null) {
            throw new IdxFormatException(EMBEDDED_RESOURCE_DIR + file, "classpath resource not found next to "
                    + MnistData.class.getName());
        }
        return in;
    }

    private static String canonicalNames() {
        List<String> names = new ArrayList<>();
        for (Part p : Part.values()) {
            names.add(p.canonicalName());
        }
        return String.join(", ", names);
    }
}
