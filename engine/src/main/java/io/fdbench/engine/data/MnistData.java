package io.fdbench.engine.data;

import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.memory.HeapBudget;
import io.fdbench.engine.memory.InsufficientHeapException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
            checkSameFeatures(train, test, "mnist-10k");
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
     * <p>Before any data is read, the four headers are read (a gzip file only as far as its
     * header) and must agree: as many labels as images in each split, the same image size in both.
     * Then the heap must have room for the whole data set as {@link Dataset} holds it (pixels as
     * bytes and as floats, labels). A part present under two names (raw and gzip, say) must have the
     * same content in both, or neither is chosen.
     *
     * @throws IdxFormatException if a file is missing or malformed, image and label counts or
     *         train and test image shapes disagree, or two copies of a file differ
     * @throws java.nio.file.AccessDeniedException ("permission denied") if the folder or a file
     *         cannot be read for lack of permission
     * @throws InsufficientHeapException if the data set does not fit in the heap
     */
    public static Split fromFolder(Path dir) throws IOException {
        return fromFolder(dir, HeapBudget.jvm());
    }

    /** As {@link #fromFolder(Path)}, with the heap checks against {@code budget}. */
    static Split fromFolder(Path dir, HeapBudget budget) throws IOException {
        Objects.requireNonNull(dir, "dir");
        String where = dir.toAbsolutePath().normalize().toString();
        checkFolder(dir, where);
        List<String> missing = new ArrayList<>();
        Path[] files = new Path[Part.values().length];
        List<List<Path>> copies = new ArrayList<>();
        for (Part p : Part.values()) {
            List<Path> present = present(dir, p);
            copies.add(present);
            files[p.ordinal()] = present.isEmpty() ? null : present.get(0);
            if (present.isEmpty()) {
                missing.add(String.join(" / ", p.candidateNames()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IdxFormatException(where, "missing " + missing.size() + " of 4 MNIST files; looked for "
                    + String.join("; ", missing));
        }
        Idx.Header trainImages = Idx.readHeader(files[Part.TRAIN_IMAGES.ordinal()], Idx.Kind.IMAGES);
        Idx.Header trainLabels = Idx.readHeader(files[Part.TRAIN_LABELS.ordinal()], Idx.Kind.LABELS);
        Idx.Header testImages = Idx.readHeader(files[Part.TEST_IMAGES.ordinal()], Idx.Kind.IMAGES);
        Idx.Header testLabels = Idx.readHeader(files[Part.TEST_LABELS.ordinal()], Idx.Kind.LABELS);
        checkCounts(trainImages, trainLabels);
        checkCounts(testImages, testLabels);
        checkSameImageShape(trainImages, testImages, where);
        long features = (long) trainImages.rows() * trainImages.cols();
        budget.check(Footprint.dataset((long) trainImages.count() + testImages.count(), features),
                where + " (" + trainImages.source() + ": " + trainImages.describe() + ", " + testImages.source()
                        + ": " + testImages.describe() + ", as bytes and floats)");
        for (Part p : Part.values()) {
            checkCopiesAgree(copies.get(p.ordinal()), where);
        }
        Path last = dir.toAbsolutePath().normalize().getFileName();
        String name = last == null ? where : last.toString();
        Dataset train = load(name + "/train",
                Idx.readImages(files[Part.TRAIN_IMAGES.ordinal()], budget),
                Idx.readLabels(files[Part.TRAIN_LABELS.ordinal()], CLASSES, budget));
        Dataset test = load(name + "/test",
                Idx.readImages(files[Part.TEST_IMAGES.ordinal()], budget),
                Idx.readLabels(files[Part.TEST_LABELS.ordinal()], CLASSES, budget));
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

    /** The folder must exist and be a directory; a permission problem says so. */
    private static void checkFolder(Path dir, String where) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            attributes = null;
        } catch (IOException e) {
            throw Idx.fileProblem(dir, e);
        }
        if (attributes == null || !attributes.isDirectory()) {
            throw new IdxFormatException(where, "not a directory (expected an MNIST-format folder with "
                    + canonicalNames() + ", raw or .gz)");
        }
    }

    /**
     * The regular files present under the accepted names of {@code part}, in the order of
     * {@link Part#candidateNames()}. A name that cannot be looked up for lack of permission is an
     * error ("permission denied"), not a missing file.
     */
    private static List<Path> present(Path dir, Part part) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String candidate : part.candidateNames()) {
            Path f = dir.resolve(candidate);
            try {
                if (Files.readAttributes(f, BasicFileAttributes.class).isRegularFile()) {
                    found.add(f);
                }
            } catch (NoSuchFileException e) {
                // not under this name
            } catch (IOException e) {
                throw Idx.fileProblem(f, e);
            }
        }
        return found;
    }

    /** Copies of one part under several names (raw and gzip, say) must hold the same data. */
    private static void checkCopiesAgree(List<Path> copies, String where) throws IOException {
        for (int i = 1; i < copies.size(); i++) {
            if (!Idx.sameContent(copies.get(0), copies.get(i))) {
                throw new IdxFormatException(where, copies.get(0).getFileName() + " and " + copies.get(i).getFileName()
                        + " are both present with different content; remove the wrong one");
            }
        }
    }

    private static void checkCounts(Idx.Header images, Idx.Header labels) throws IdxFormatException {
        if (images.count() != labels.count()) {
            throw countsDiffer(images.source(), images.count(), labels.source(), labels.count());
        }
    }

    private static IdxFormatException countsDiffer(String images, int imageCount, String labels, int labelCount) {
        return new IdxFormatException(images + " / " + labels, "image and label counts differ: " + images + " has "
                + imageCount + " images, " + labels + " has " + labelCount + " labels");
    }

    private static void checkSameImageShape(Idx.Header train, Idx.Header test, String where)
            throws IdxFormatException {
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IdxFormatException(where, "train images have " + (long) train.rows() * train.cols()
                    + " pixels each but test images have " + (long) test.rows() * test.cols() + " ("
                    + train.source() + ": " + train.rows() + " × " + train.cols() + ", " + test.source() + ": "
                    + test.rows() + " × " + test.cols() + ")");
        }
    }

    /** Pairs images with labels into a classification set; counts must agree. */
    static Dataset load(String name, Idx.Images images, Idx.Labels labels) throws IdxFormatException {
        if (images.count() != labels.count()) {
            throw countsDiffer(images.source(), images.count(), labels.source(), labels.count());
        }
        return Dataset.fromPixels(name, images.pixels(), images.pixelsPerImage(), labels.toInts(), CLASSES);
    }

    private static void checkSameFeatures(Dataset train, Dataset test, String where) throws IdxFormatException {
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
