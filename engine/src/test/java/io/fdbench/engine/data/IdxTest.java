package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fdbench.engine.memory.HeapBudget;
import io.fdbench.engine.memory.InsufficientHeapException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** Asserts an IdxFormatException whose message starts with the file name and contains each fragment. */
    private static IdxFormatException assertRejected(String file, Executable read, String... fragments) {
        IdxFormatException e = assertThrows(IdxFormatException.class, read);
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), () -> "message should start with the file name " + file + ": " + m);
        assertEquals(file, e.source());
        for (String f : fragments) {
            assertTrue(m.contains(f), () -> "message should mention '" + f + "': " + m);
        }
        return e;
    }

    @Test
    void readsImageDimensionsAndPixels() throws IOException {
        Path f = IdxBytes.write(dir, "imgs", IdxBytes.images(3, 2, 5));
        Idx.Images im = Idx.readImages(f);
        assertEquals(3, im.count());
        assertEquals(2, im.rows());
        assertEquals(5, im.cols());
        assertEquals(10, im.pixelsPerImage());
        assertEquals(30, im.pixels().length);
        assertEquals("imgs", im.source());
        for (int i = 0; i < 30; i++) {
            assertEquals(i, im.pixel(i));
        }
    }

    @Test
    void scalesPixelsToUnitIntervalByDividingBy255() {
        byte[] px = {0, 1, 51, (byte) 128, (byte) 254, (byte) 255};
        float[] f = Idx.toFloatPixels(px);
        assertArrayEquals(new float[] {0f, 1 / 255f, 51 / 255f, 128 / 255f, 254 / 255f, 1f}, f);
        assertEquals(0.2f, f[2]);
    }

    @Test
    void readsLabelsAsUnsignedInts() throws IOException {
        Path f = IdxBytes.write(dir, "labs", IdxBytes.labels(0, 9, 3, 7));
        Idx.Labels l = Idx.readLabels(f);
        assertEquals(4, l.count());
        assertArrayEquals(new int[] {0, 9, 3, 7}, l.toInts());
    }

    @Test
    void rawAndGzipGiveIdenticalResults() throws IOException {
        byte[] gzImages = IdxBytes.embedded("t10k-images-idx3-ubyte.gz");
        byte[] gzLabels = IdxBytes.embedded("t10k-labels-idx1-ubyte.gz");
        Path rawI = IdxBytes.write(dir, "t10k-images-idx3-ubyte", IdxBytes.gunzip(gzImages));
        Path gzI = IdxBytes.write(dir, "t10k-images-idx3-ubyte.gz", gzImages);
        Path rawL = IdxBytes.write(dir, "t10k-labels-idx1-ubyte", IdxBytes.gunzip(gzLabels));
        Path gzL = IdxBytes.write(dir, "t10k-labels-idx1-ubyte.gz", gzLabels);

        Idx.Images a = Idx.readImages(rawI);
        Idx.Images b = Idx.readImages(gzI);
        assertEquals(a, b);
        assertEquals(2000 * 784, a.pixels().length);
        assertArrayEquals(a.toFloats(), b.toFloats());
        assertEquals(Idx.readLabels(rawL), Idx.readLabels(gzL));
    }

    @Test
    void detectsGzipByContentNotByFileName() throws IOException {
        byte[] raw = IdxBytes.images(2, 3, 3);
        Idx.Images viaGzNamedRaw = Idx.readImages(IdxBytes.write(dir, "looks-raw", IdxBytes.gzip(raw)));
        Idx.Images viaRawNamedGz = Idx.readImages(IdxBytes.write(dir, "looks-gzipped.gz", raw));
        assertEquals(viaGzNamedRaw, viaRawNamedGz);
    }

    @Test
    void streamVariantNamesTheGivenSource() throws IOException {
        Idx.Labels l = Idx.readLabels(new ByteArrayInputStream(IdxBytes.gzip(IdxBytes.labels(1, 2))), "res/x.gz");
        assertEquals("res/x.gz", l.source());
        assertRejected("res/y", () -> Idx.readImages(new ByteArrayInputStream(IdxBytes.labels(1)), "res/y"),
                "bad magic 0x00000801", "expected 0x00000803 (images");
    }

    @Test
    void rejectsLabelFileReadAsImages() throws IOException {
        Path f = IdxBytes.write(dir, "train-labels-idx1-ubyte.gz", IdxBytes.gzip(IdxBytes.labels(1, 2, 3)));
        assertRejected("train-labels-idx1-ubyte.gz", () -> Idx.readImages(f),
                "bad magic 0x00000801, expected 0x00000803 (images", "label file");
    }

    @Test
    void rejectsImageFileReadAsLabels() throws IOException {
        Path f = IdxBytes.write(dir, "train-images-idx3-ubyte", IdxBytes.images(1, 2, 2));
        assertRejected("train-images-idx3-ubyte", () -> Idx.readLabels(f),
                "bad magic 0x00000803, expected 0x00000801 (labels");
    }

    @Test
    void rejectsNonIdxMagic() throws IOException {
        byte[] bytes = IdxBytes.images(1, 2, 2);
        bytes[0] = 0x7f;
        bytes[1] = 'E';
        Path f = IdxBytes.write(dir, "not-idx", bytes);
        assertRejected("not-idx", () -> Idx.readImages(f), "bad magic 0x7F450803", "not an IDX file");
    }

    @Test
    void rejectsTypeByteOtherThanUnsignedByte() throws IOException {
        byte[] floats = IdxBytes.idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]);
        Path f = IdxBytes.write(dir, "float-images", floats);
        assertRejected("float-images", () -> Idx.readImages(f), "type byte 0x0D (float)",
                "expected 0x08 (unsigned byte)");
        byte[] signed = IdxBytes.idx(0x00000901, new int[] {1}, new byte[1]);
        Path g = IdxBytes.write(dir, "signed-labels", signed);
        assertRejected("signed-labels", () -> Idx.readLabels(g), "type byte 0x09 (signed byte)");
    }

    @Test
    void rejectsNonPositiveDimensions() throws IOException {
        Path zero = IdxBytes.write(dir, "zero-rows", IdxBytes.idx(Idx.IMAGES_MAGIC, new int[] {1, 0, 28},
                new byte[0]));
        assertRejected("zero-rows", () -> Idx.readImages(zero), "dimension 1 (rows) is 0", "must be positive");
        Path neg = IdxBytes.write(dir, "neg-count", IdxBytes.idx(Idx.LABELS_MAGIC, new int[] {-5}, new byte[0]));
        assertRejected("neg-count", () -> Idx.readLabels(neg), "dimension 0 (count) is -5");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        byte[] full = IdxBytes.images(1, 2, 2);
        Path f = IdxBytes.write(dir, "short-header", Arrays.copyOf(full, 10));
        assertRejected("short-header", () -> Idx.readImages(f), "truncated header", "expected 16 bytes, found 10");
        Path g = IdxBytes.write(dir, "two-bytes", new byte[] {0, 0});
        assertRejected("two-bytes", () -> Idx.readLabels(g), "truncated header", "found 2");
    }

    @Test
    void rejectsTruncatedDataSayingExpectedAndFoundBytes() throws IOException {
        byte[] full = IdxBytes.images(4, 3, 3); // 36 payload bytes
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        Path raw = IdxBytes.write(dir, "cut-images", cut);
        assertRejected("cut-images", () -> Idx.readImages(raw), "truncated data", "expected 36 bytes", "found 31");
        Path gz = IdxBytes.write(dir, "cut-images.gz", IdxBytes.gzip(cut));
        assertRejected("cut-images.gz", () -> Idx.readImages(gz), "expected 36 bytes", "found 31");
        byte[] labels = IdxBytes.labels(1, 2, 3);
        Path l = IdxBytes.write(dir, "cut-labels", Arrays.copyOf(labels, labels.length - 1));
        assertRejected("cut-labels", () -> Idx.readLabels(l), "expected 3 bytes", "found 2");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] withTail = IdxBytes.concat(IdxBytes.labels(1, 2, 3), new byte[] {9, 9, 9, 9, 9, 9, 9});
        Path raw = IdxBytes.write(dir, "tail-labels", withTail);
        assertRejected("tail-labels", () -> Idx.readLabels(raw), "7 trailing bytes", "declared 3 bytes");
        Path gz = IdxBytes.write(dir, "tail-images.gz",
                IdxBytes.gzip(IdxBytes.concat(IdxBytes.images(1, 2, 2), new byte[] {1})));
        assertRejected("tail-images.gz", () -> Idx.readImages(gz), "1 trailing bytes");
    }

    @Test
    void rejectsLabelsOutOfRange() throws IOException {
        Path f = IdxBytes.write(dir, "labels-ten", IdxBytes.labels(0, 9, 10, 3, 200));
        assertRejected("labels-ten", () -> Idx.readLabels(f), "label 10 at index 2 is outside 0..9",
                "2 of 5 labels");
        Path g = IdxBytes.write(dir, "labels-three", IdxBytes.labels(0, 1, 2, 3));
        assertEquals(4, Idx.readLabels(g, 4).count());
        assertRejected("labels-three", () -> Idx.readLabels(g, 3), "label 3 at index 3 is outside 0..2");
    }

    @Test
    void rejectsGzipWithBadChecksum() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(2, 4, 4));
        gz[gz.length - 8] ^= 0x55; // first CRC32 byte of the trailer
        Path f = IdxBytes.write(dir, "bad-crc.gz", gz);
        assertRejected("bad-crc.gz", () -> Idx.readImages(f), "corrupt or truncated gzip");
    }

    @Test
    void rejectsTruncatedGzipStream() throws IOException {
        byte[] gz = IdxBytes.embedded("t10k-labels-idx1-ubyte.gz");
        Path f = IdxBytes.write(dir, "t10k-labels-idx1-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        assertRejected("t10k-labels-idx1-ubyte.gz", () -> Idx.readLabels(f), "corrupt or truncated gzip");
    }

    @Test
    void rejectsGarbledGzipData() throws IOException {
        byte[] gz = IdxBytes.embedded("t10k-labels-idx1-ubyte.gz");
        for (int i = 20; i < 60; i++) {
            gz[i] = (byte) 0xFF;
        }
        Path f = IdxBytes.write(dir, "garbled.gz", gz);
        assertRejected("garbled.gz", () -> Idx.readLabels(f), "gzip");
    }

    @Test
    void rejectsBadGzipHeader() throws IOException {
        // gzip magic followed by an unsupported compression method byte
        byte[] bytes = {0x1f, (byte) 0x8b, 0x07, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
        Path f = IdxBytes.write(dir, "bad-header.gz", bytes);
        assertRejected("bad-header.gz", () -> Idx.readImages(f), "corrupt or truncated gzip");
    }

    // ---------------------------------------------------------------- gzip members and trailing garbage

    @Test
    void rejectsTrailingGarbageAfterTheGzipData() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.labels(1, 2, 3));
        Path junk = IdxBytes.write(dir, "junk-labels.gz", IdxBytes.concat(gz, "junk".getBytes(StandardCharsets.US_ASCII)));
        assertRejected("junk-labels.gz", () -> Idx.readLabels(junk), "4 bytes of trailing garbage after the gzip data");
        Path zeros = IdxBytes.write(dir, "padded-labels.gz", IdxBytes.concat(gz, new byte[512]));
        assertRejected("padded-labels.gz", () -> Idx.readLabels(zeros), "512 bytes of trailing garbage");
        Path one = IdxBytes.write(dir, "one-byte.gz", IdxBytes.concat(gz, new byte[] {0x1f}));
        assertRejected("one-byte.gz", () -> Idx.readLabels(one), "1 bytes of trailing garbage");
        assertRejected("res/junk", () -> Idx.readLabels(new ByteArrayInputStream(
                IdxBytes.concat(gz, new byte[] {'x'})), "res/junk"), "trailing garbage");
    }

    @Test
    void readsConcatenatedGzipMembersAsOneFile() throws IOException {
        byte[] raw = IdxBytes.images(3, 4, 5);
        byte[] twoMembers = IdxBytes.concat(IdxBytes.gzip(Arrays.copyOf(raw, 21)),
                IdxBytes.gzip(Arrays.copyOfRange(raw, 21, raw.length)));
        Path f = IdxBytes.write(dir, "two-members.gz", twoMembers);
        assertEquals(Idx.readImages(IdxBytes.write(dir, "raw", raw)), Idx.readImages(f));
        // a damaged second member is still caught
        byte[] damaged = twoMembers.clone();
        damaged[damaged.length - 6] ^= 1; // inside the second member's CRC-32
        assertRejected("damaged.gz", () -> Idx.readImages(IdxBytes.write(dir, "damaged.gz", damaged)),
                "corrupt or truncated gzip");
    }

    @Test
    void gzipHeaderFieldsAreSkippedAndTheHeaderChecksumIsChecked() throws IOException {
        byte[] deflated = IdxBytes.gzip(IdxBytes.labels(4, 5));
        byte[] body = Arrays.copyOfRange(deflated, 10, deflated.length); // deflate data + trailer
        // FEXTRA (2 bytes), FNAME "x", FCOMMENT "c", FHCRC
        byte[] head = {0x1f, (byte) 0x8b, 8, 4 | 8 | 16 | 2, 0, 0, 0, 0, 0, 3, 2, 0, 'e', 'x', 'x', 0, 'c', 0};
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(head);
        byte[] hcrc = {(byte) crc.getValue(), (byte) (crc.getValue() >> 8)};
        byte[] good = IdxBytes.concat(IdxBytes.concat(head, hcrc), body);
        assertArrayEquals(new int[] {4, 5}, Idx.readLabels(new ByteArrayInputStream(good), "fields").toInts());
        byte[] bad = good.clone();
        bad[head.length] ^= 1;
        assertRejected("bad-hcrc", () -> Idx.readLabels(new ByteArrayInputStream(bad), "bad-hcrc"),
                "header checksum mismatch");
    }

    // ---------------------------------------------------------------- header first

    @Test
    void readHeaderChecksARawFileSizeWithoutReadingTheData() throws IOException {
        Idx.Header h = Idx.readHeader(IdxBytes.write(dir, "ok", IdxBytes.images(3, 4, 5)), Idx.Kind.IMAGES);
        assertEquals(new Idx.Header("ok", Idx.Kind.IMAGES, 3, 4, 5), h);
        assertEquals(60, h.dataBytes());
        assertEquals(76, h.fileBytes());
        assertEquals("3 images of 4 × 5", h.describe());
        byte[] full = IdxBytes.images(3, 4, 5);
        Path shortFile = IdxBytes.write(dir, "short", Arrays.copyOf(full, full.length - 1));
        assertRejected("short", () -> Idx.readHeader(shortFile, Idx.Kind.IMAGES), "truncated data",
                "expected 60 bytes", "found 59");
        Path longFile = IdxBytes.write(dir, "long", IdxBytes.concat(full, new byte[3]));
        assertRejected("long", () -> Idx.readHeader(longFile, Idx.Kind.IMAGES), "3 trailing bytes");
        assertRejected("ok", () -> Idx.readHeader(IdxBytes.write(dir, "ok", full), Idx.Kind.LABELS),
                "bad magic 0x00000803");
    }

    @Test
    void readHeaderInflatesOnlyTheHeaderOfAGzipFile() throws IOException {
        byte[] gz = IdxBytes.embedded("t10k-images-idx3-ubyte.gz");
        byte[] cut = Arrays.copyOf(gz, 4096); // the header survives, most of the data does not
        Path f = IdxBytes.write(dir, "cut.gz", cut);
        assertEquals(new Idx.Header("cut.gz", Idx.Kind.IMAGES, 2000, 28, 28), Idx.readHeader(f, Idx.Kind.IMAGES));
        assertRejected("cut.gz", () -> Idx.readImages(f), "corrupt or truncated gzip");
    }

    // ---------------------------------------------------------------- heap

    /** A header claiming 2,700,000 images of 28 × 28 (2.1 GB), followed by only a few bytes. */
    private static byte[] bombHeader() {
        return IdxBytes.idx(Idx.IMAGES_MAGIC, new int[] {2_700_000, 28, 28}, new byte[10]);
    }

    @Test
    void refusesDataTheHeapCannotHoldBeforeReadingIt() {
        HeapBudget oneGig = HeapBudget.fixed(1L << 30, 100L << 20);
        InsufficientHeapException e = assertThrows(InsufficientHeapException.class,
                () -> Idx.readImages(new ByteArrayInputStream(IdxBytes.gzip(bombHeader())), "bomb.gz", oneGig));
        // 2.1 GB of pixels, plus the 1 GiB array they grow from while copied, plus an eighth
        assertEquals("bomb.gz (2,700,000 images of 28 × 28): needs about 3.3 GiB of heap, but only 924 MiB of the"
                + " 1.0 GiB maximum is free; run java with -Xmx4g", e.getMessage());
        // the same header in this JVM: the test suite's 2 GiB cannot hold 2.1 GB plus its growth copy
        assumeTrue(Runtime.getRuntime().maxMemory() < (3L << 30), "needs the test suite's -Xmx2g");
        assertThrows(InsufficientHeapException.class,
                () -> Idx.readImages(new ByteArrayInputStream(bombHeader()), "bomb"));
    }

    @Test
    void readPeakCountsTheCopyWhenTheArrayGrows() {
        assertEquals(100, Idx.readPeakBytes(100));
        assertEquals(Idx.INITIAL_CHUNK, Idx.readPeakBytes(Idx.INITIAL_CHUNK));
        assertEquals(Idx.INITIAL_CHUNK + 1 + Idx.INITIAL_CHUNK, Idx.readPeakBytes(Idx.INITIAL_CHUNK + 1));
        assertEquals(3L * Idx.INITIAL_CHUNK + 2L * Idx.INITIAL_CHUNK, Idx.readPeakBytes(3 * Idx.INITIAL_CHUNK));
    }

    // ---------------------------------------------------------------- file problems

    @Test
    void permissionProblemSaysPermissionDeniedAndAMissingFileSaysMissing() {
        Path f = dir.resolve("train-images-idx3-ubyte.gz");
        IOException denied = Idx.fileProblem(f, new AccessDeniedException(f.toString()));
        assertTrue(denied instanceof AccessDeniedException, denied.getClass().getName());
        assertEquals(f.toAbsolutePath() + ": permission denied", denied.getMessage());
        IOException missing = Idx.fileProblem(f, new NoSuchFileException(f.toString()));
        assertEquals(f.toAbsolutePath() + ": missing (no such file)", missing.getMessage());
        IOException other = Idx.fileProblem(f, new FileSystemException(f.toString(), null, "Is a directory"));
        assertEquals(f.toAbsolutePath() + ": cannot be read: Is a directory", other.getMessage());
    }

    @Test
    void unreadableFileSaysPermissionDenied() throws IOException {
        Path f = IdxBytes.write(dir, "locked", IdxBytes.labels(1, 2));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(f), "running as root: file permissions are not enforced");
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> Idx.readLabels(f));
            assertEquals(f.toAbsolutePath() + ": permission denied", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
