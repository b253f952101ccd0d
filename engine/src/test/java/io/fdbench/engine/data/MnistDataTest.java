package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fdbench.engine.memory.HeapBudget;
import io.fdbench.engine.memory.InsufficientHeapException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {

    /** Class counts of all 10,000 embedded digits, from PROVENANCE.md. */
    private static final int[] ALL_CLASS_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

    private static MnistData.Split embedded;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadEmbeddedOnce() {
        embedded = MnistData.embedded();
    }

    @Test
    void embeddedHas8000TrainAnd2000TestDigitsOf784PixelsAnd10Classes() {
        Dataset train = embedded.train();
        Dataset test = embedded.test();
        assertEquals(8000, train.rows());
        assertEquals(2000, test.rows());
        for (Dataset d : new Dataset[] {train, test}) {
            assertEquals(784, d.features());
            assertEquals(10, d.outputs());
            assertTrue(d.isClassification());
            assertEquals(d.rows() * 784, d.x().length);
        }
        assertEquals("mnist-10k/train", train.name());
        assertEquals("mnist-10k/test", test.name());
    }

    @Test
    void embeddedPixelsSpanZeroToOneWithAbout19PercentNonZero() {
        for (Dataset d : new Dataset[] {embedded.train(), embedded.test()}) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            long nonZero = 0;
            for (float v : d.x()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v != 0f) {
                    nonZero++;
                }
            }
            assertEquals(0f, min, d.name());
            assertEquals(1f, max, d.name());
            double fraction = (double) nonZero / d.x().length;
            assertTrue(fraction > 0.18 && fraction < 0.205, d.name() + ": non-zero fraction " + fraction);
        }
    }

    @Test
    void embeddedClassCountsMatchProvenanceAndSumToRows() {
        int[] counts = new int[10];
        int[] trainCounts = new int[10];
        for (int l : embedded.train().labels()) {
            trainCounts[l]++;
            counts[l]++;
        }
        for (int l : embedded.test().labels()) {
            counts[l]++;
        }
        assertArrayEquals(ALL_CLASS_COUNTS, counts);
        assertEquals(8000, java.util.Arrays.stream(trainCounts).sum());
        for (int c = 0; c < 10; c++) {
            assertTrue(trainCounts[c] > 600, "class " + c + " has only " + trainCounts[c] + " training rows");
        }
    }

    @Test
    void embeddedReturnsFreshArraysEachCall() {
        MnistData.Split again = MnistData.embedded();
        assertNotSame(embedded.train().x(), again.train().x());
        assertArrayEquals(embedded.test().labels(), again.test().labels());
    }

    private void copyEmbedded(Path target, boolean gzip, boolean dotNames) throws IOException {
        for (MnistData.Part p : MnistData.Part.values()) {
            byte[] gz = IdxBytes.embedded(p.canonicalName() + ".gz");
            String name = dotNames ? p.candidateNames().get(3) : p.canonicalName();
            Files.write(target.resolve(gzip ? name + ".gz" : name), gzip ? gz : IdxBytes.gunzip(gz));
        }
    }

    private static void assertSameData(MnistData.Split a, MnistData.Split b) {
        assertArrayEquals(a.train().x(), b.train().x());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.test().x(), b.test().x());
        assertArrayEquals(a.test().labels(), b.test().labels());
    }

    @Test
    void fromFolderLoadsRawCopiesOfTheEmbeddedFiles() throws IOException {
        Path raw = Files.createDirectory(dir.resolve("raw"));
        copyEmbedded(raw, false, false);
        assertTrue(MnistData.isPresent(raw));
        MnistData.Split s = MnistData.fromFolder(raw);
        assertSameData(embedded, s);
        assertEquals("raw/train", s.train().name());
    }

    @Test
    void fromFolderLoadsGzipCopiesOfTheEmbeddedFiles() throws IOException {
        Path gz = Files.createDirectory(dir.resolve("gz"));
        copyEmbedded(gz, true, false);
        assertSameData(embedded, MnistData.fromFolder(gz));
    }

    @Test
    void fromFolderAcceptsDotBeforeIdxVariantNames() throws IOException {
        Path dots = Files.createDirectory(dir.resolve("dots"));
        copyEmbedded(dots, false, true);
        assertTrue(Files.exists(dots.resolve("train-images.idx3-ubyte")));
        assertTrue(MnistData.isPresent(dots));
        assertSameData(embedded, MnistData.fromFolder(dots));
        Path dotsGz = Files.createDirectory(dir.resolve("dots-gz"));
        copyEmbedded(dotsGz, true, true);
        assertTrue(Files.exists(dotsGz.resolve("t10k-labels.idx1-ubyte.gz")));
        assertSameData(embedded, MnistData.fromFolder(dotsGz));
    }

    @Test
    void missingFilesNameTheFolderAndTheFileNamesLookedFor() throws IOException {
        Path partial = Files.createDirectory(dir.resolve("partial"));
        copyEmbedded(partial, true, false);
        Files.delete(partial.resolve("t10k-labels-idx1-ubyte.gz"));
        assertFalse(MnistData.isPresent(partial));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(partial));
        String m = e.getMessage();
        assertTrue(m.startsWith(partial.toString()), m);
        assertTrue(m.contains("missing 1 of 4"), m);
        assertTrue(m.contains("t10k-labels-idx1-ubyte.gz / t10k-labels-idx1-ubyte / t10k-labels.idx1-ubyte.gz"
                + " / t10k-labels.idx1-ubyte"), m);
        assertFalse(m.contains("train-images"), m);

        Path empty = Files.createDirectory(dir.resolve("empty"));
        IdxFormatException all = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(empty));
        assertTrue(all.getMessage().contains("missing 4 of 4"), all.getMessage());
        assertTrue(all.getMessage().contains("train-images-idx3-ubyte"), all.getMessage());

        Path nowhere = dir.resolve("no-such-folder");
        assertFalse(MnistData.isPresent(nowhere));
        IdxFormatException none = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(nowhere));
        assertTrue(none.getMessage().startsWith(nowhere + ": not a directory"), none.getMessage());
    }

    @Test
    void mismatchedImageAndLabelCountsNameBothFilesAndBothCounts() throws IOException {
        Path odd = Files.createDirectory(dir.resolve("odd"));
        IdxBytes.write(odd, "train-images-idx3-ubyte", IdxBytes.images(5, 28, 28));
        IdxBytes.write(odd, "train-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(1, 2, 3, 4)));
        IdxBytes.write(odd, "t10k-images-idx3-ubyte", IdxBytes.images(2, 28, 28));
        IdxBytes.write(odd, "t10k-labels-idx1-ubyte", IdxBytes.labels(0, 1));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(odd));
        String m = e.getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte has 5 images"), m);
        assertTrue(m.contains("train-labels-idx1-ubyte.gz has 4 labels"), m);
    }

    @Test
    void malformedFileInFolderIsReportedByItsName() throws IOException {
        Path bad = Files.createDirectory(dir.resolve("bad"));
        copyEmbedded(bad, true, false);
        int[] labels = new int[2000]; // as many as the test images, so the headers agree
        labels[2] = 12;
        IdxBytes.write(bad, "t10k-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(labels)));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(bad));
        assertTrue(e.getMessage().startsWith("t10k-labels-idx1-ubyte.gz: label 12"), e.getMessage());
    }

    @Test
    void trainAndTestImagesOfDifferentSizesAreRejected() throws IOException {
        Path mixed = Files.createDirectory(dir.resolve("mixed"));
        IdxBytes.write(mixed, "train-images-idx3-ubyte", IdxBytes.images(2, 28, 28));
        IdxBytes.write(mixed, "train-labels-idx1-ubyte", IdxBytes.labels(1, 2));
        IdxBytes.write(mixed, "t10k-images-idx3-ubyte", IdxBytes.images(2, 14, 14));
        IdxBytes.write(mixed, "t10k-labels-idx1-ubyte", IdxBytes.labels(0, 1));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(mixed));
        assertTrue(e.getMessage().contains("784 pixels each but test images have 196"), e.getMessage());
    }

    @Test
    void fashionMnistDefaultFolderIsTheDebianPath() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), MnistData.FASHION_MNIST_DIR);
    }

    // ---------------------------------------------------------------- inputs that cannot hurt

    @Test
    void headersMustAgreeBeforeAnyDataIsRead() throws IOException {
        Path odd = Files.createDirectory(dir.resolve("odd-headers"));
        // 5 images declared but only 2 present: the header disagreement is what is reported
        byte[] images = IdxBytes.images(5, 28, 28);
        IdxBytes.write(odd, "train-images-idx3-ubyte.gz", IdxBytes.gzip(Arrays.copyOf(images, 16 + 2 * 784)));
        IdxBytes.write(odd, "train-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(1, 2, 3, 4)));
        IdxBytes.write(odd, "t10k-images-idx3-ubyte", IdxBytes.images(2, 28, 28));
        IdxBytes.write(odd, "t10k-labels-idx1-ubyte", IdxBytes.labels(0, 1));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(odd));
        String m = e.getMessage();
        assertTrue(m.contains("image and label counts differ: train-images-idx3-ubyte.gz has 5 images, "
                + "train-labels-idx1-ubyte.gz has 4 labels"), m);

        Path shapes = Files.createDirectory(dir.resolve("odd-shapes"));
        IdxBytes.write(shapes, "train-images-idx3-ubyte.gz", IdxBytes.gzip(Arrays.copyOf(images, 16 + 784)));
        IdxBytes.write(shapes, "train-labels-idx1-ubyte", IdxBytes.labels(1, 2, 3, 4, 5));
        IdxBytes.write(shapes, "t10k-images-idx3-ubyte", IdxBytes.images(2, 14, 14));
        IdxBytes.write(shapes, "t10k-labels-idx1-ubyte", IdxBytes.labels(0, 1));
        IdxFormatException s = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(shapes));
        assertTrue(s.getMessage().contains("784 pixels each but test images have 196 (train-images-idx3-ubyte.gz:"
                + " 28 × 28, t10k-images-idx3-ubyte: 14 × 14)"), s.getMessage());
    }

    @Test
    void gzipBombIsRefusedBeforeInflating() throws IOException {
        Path bomb = Files.createDirectory(dir.resolve("bomb"));
        IdxBytes.write(bomb, "train-images-idx3-ubyte.gz", IdxBytes.bombImages(2_700_000, 1 << 20));
        IdxBytes.write(bomb, "train-labels-idx1-ubyte.gz", IdxBytes.zeroLabels(2_700_000));
        IdxBytes.write(bomb, "t10k-images-idx3-ubyte", IdxBytes.images(2, 28, 28));
        IdxBytes.write(bomb, "t10k-labels-idx1-ubyte", IdxBytes.labels(0, 1));
        assertTrue(Files.size(bomb.resolve("train-images-idx3-ubyte.gz")) < 10_000);
        HeapBudget oneGig = HeapBudget.fixed(1L << 30, 50L << 20);
        InsufficientHeapException e = assertThrows(InsufficientHeapException.class,
                () -> MnistData.fromFolder(bomb, oneGig));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith(bomb.toAbsolutePath() + " (train-images-idx3-ubyte.gz: 2,700,000 images of 28 × 28, "
                + "t10k-images-idx3-ubyte: 2 images of 28 × 28, as bytes and floats): needs about 11.1 GiB of heap"),
                m);
        assertTrue(m.endsWith("; run java with -Xmx13g"), m);
        // and in this JVM (the test suite's -Xmx2g)
        assumeTrue(Runtime.getRuntime().maxMemory() < (8L << 30), "needs a heap below 8 GiB");
        assertThrows(InsufficientHeapException.class, () -> MnistData.fromFolder(bomb));
    }

    @Test
    void rawAndGzipCopiesThatDifferAreAnError() throws IOException {
        Path both = Files.createDirectory(dir.resolve("both"));
        copyEmbedded(both, true, false);
        byte[] raw = IdxBytes.gunzip(IdxBytes.embedded("t10k-labels-idx1-ubyte.gz"));
        IdxBytes.write(both, "t10k-labels-idx1-ubyte", raw);
        assertSameData(embedded, MnistData.fromFolder(both)); // same content: fine

        raw[8 + 1999] = (byte) ((raw[8 + 1999] + 1) % 10); // the last label differs
        IdxBytes.write(both, "t10k-labels-idx1-ubyte", raw);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(both));
        assertEquals(both.toAbsolutePath() + ": t10k-labels-idx1-ubyte.gz and t10k-labels-idx1-ubyte are both "
                + "present with different content; remove the wrong one", e.getMessage());

        IdxBytes.write(both, "t10k-labels-idx1-ubyte", Arrays.copyOf(raw, raw.length - 1)); // shorter
        assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(both));
        Files.delete(both.resolve("t10k-labels-idx1-ubyte"));
        IdxBytes.write(both, "t10k-labels.idx1-ubyte.gz", IdxBytes.gzip(raw)); // the dot name counts too
        e = assertThrows(IdxFormatException.class, () -> MnistData.fromFolder(both));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz and t10k-labels.idx1-ubyte.gz"), e.getMessage());
    }

    @Test
    void unsearchableFolderSaysPermissionDeniedNotMissing() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        copyEmbedded(locked, true, false);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r--------"));
        try {
            assumeFalse(Files.isReadable(locked.resolve("train-images-idx3-ubyte.gz")),
                    "running as root: folder permissions are not enforced");
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> MnistData.fromFolder(locked));
            assertTrue(e.getMessage().endsWith(": permission denied"), e.getMessage());
            assertFalse(e.getMessage().contains("missing"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
