package io.fdbench.engine.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format used by MNIST and Fashion-MNIST: unsigned-byte image files (magic
 * {@code 0x00000803}, dimensions count × rows × columns) and unsigned-byte label files (magic
 * {@code 0x00000801}, dimension count). All integers in the header are big-endian.
 *
 * <p>Files may be raw or gzip-compressed; compression is detected from the gzip magic bytes
 * {@code 0x1f 0x8b}, never from the file name. Everything is validated: magic number, element
 * type, dimensions, the exact payload size (truncated and trailing data are both errors), gzip
 * integrity and, for labels, the class range. Every problem is an {@link IdxFormatException}
 * whose message names the source and says what is wrong.
 *
 * <p>The {@code Path} variants open and close the file; the {@code InputStream} variants read
 * the stream to its end but leave closing it to the caller.
 */
public final class Idx {

    /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The IDX type byte for unsigned bytes, the only element type accepted. */
    public static final int TYPE_UNSIGNED_BYTE = 0x08;
    /** Default class count for label files (digits 0..9). */
    public static final int DEFAULT_CLASSES = 10;

    private static final int GZIP_MAGIC = 0x1f8b;
    /** Largest payload allocated up front; bigger declared sizes grow as data actually arrives. */
    private static final int INITIAL_CHUNK = 64 << 20;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Idx() {
    }

    /** Images as raw unsigned bytes, row-major [count × rows × cols]. */
    public record Images(String source, int count, int rows, int cols, byte[] pixels) {

        public Images {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pixels, "pixels");
            if (count <= 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols != pixels.length) {
                throw new IllegalArgumentException(source + ": " + pixels.length + " pixels do not match "
                        + count + " × " + rows + " × " + cols);
            }
        }

        /** Pixels per image, rows × cols (784 for MNIST). */
        public int pixelsPerImage() {
            return rows * cols;
        }

        /** Pixel {@code i} (flat index) as an int in 0..255. */
        public int pixel(int i) {
            return pixels[i] & 0xFF;
        }

        /** All pixels scaled to [0, 1] as v / 255f, row-major [count × rows·cols]. */
        public float[] toFloats() {
            return Idx.toFloatPixels(pixels);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Images other && count == other.count && rows == other.rows
                    && cols == other.cols && Arrays.equals(pixels, other.pixels);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hash(count, rows, cols) + Arrays.hashCode(pixels);
        }

        @Override
        public String toString() {
            return "Images[" + source + ", " + count + " × " + rows + " × " + cols + "]";
        }
    }

    /** Labels as raw unsigned bytes, one per sample. */
    public record Labels(String source, int count, byte[] labels) {

        public Labels {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(labels, "labels");
            if (count <= 0 || count != labels.length) {
                throw new IllegalArgumentException(source + ": " + labels.length + " labels do not match count "
                        + count);
            }
        }

        /** Label {@code i} as an int in 0..255. */
        public int label(int i) {
            return labels[i] & 0xFF;
        }

        /** The labels as ints. */
        public int[] toInts() {
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = labels[i] & 0xFF;
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Labels other && count == other.count && Arrays.equals(labels, other.labels);
        }

        @Override
        public int hashCode() {
            return 31 * count + Arrays.hashCode(labels);
        }

        @Override
        public String toString() {
            return "Labels[" + source + ", " + count + "]";
        }
    }

    // ---------------------------------------------------------------- images

    /** Reads an image file (raw or gzip); the source name in messages is the file name. */
    public static Images readImages(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, sourceName(file));
        }
    }

    /** Reads an image file (raw or gzip) from a stream, e.g. a classpath resource. */
    public static Images readImages(InputStream in, String source) throws IOException {
        Objects.requireNonNull(in, source);
        DataInputStream data = open(in, source);
        int[] dims = readHeader(data, source, IMAGES_MAGIC, 3, "images");
        long size = (long) dims[0] * dims[1] * dims[2];
        if (size > MAX_ARRAY) {
            throw new IdxFormatException(source, "declared size " + dims[0] + " × " + dims[1] + " × " + dims[2]
                    + " = " + size + " bytes is too large for one array");
        }
        byte[] pixels = readPayload(data, source, (int) size, 16);
        return new Images(source, dims[0], dims[1], dims[2], pixels);
    }

    // ---------------------------------------------------------------- labels

    /** Reads a label file (raw or gzip) with labels in 0..9. */
    public static Labels readLabels(Path file) throws IOException {
        return readLabels(file, DEFAULT_CLASSES);
    }

    /** Reads a label file (raw or gzip) with labels in 0..classes−1. */
    public static Labels readLabels(Path file, int classes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, sourceName(file), classes);
        }
    }

    /** Reads a label file (raw or gzip) from a stream, labels in 0..9. */
    public static Labels readLabels(InputStream in, String source) throws IOException {
        return readLabels(in, source, DEFAULT_CLASSES);
    }

    /** Reads a label file (raw or gzip) from a stream, labels in 0..classes−1. */
    public static Labels readLabels(InputStream in, String source, int classes) throws IOException {
        Objects.requireNonNull(in, source);
        if (classes <= 0 || classes > 256) {
            throw new IllegalArgumentException("class count must be in 1..256, got " + classes);
        }
        DataInputStream data = open(in, source);
        int[] dims = readHeader(data, source, LABELS_MAGIC, 1, "labels");
        byte[] labels = readPayload(data, source, dims[0], 8);
        int bad = 0;
        int firstBad = -1;
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xFF) >= classes) {
                if (bad++ == 0) {
                    firstBad = i;
                }
            }
        }
        if (bad > 0) {
            throw new IdxFormatException(source, "label " + (labels[firstBad] & 0xFF) + " at index " + firstBad
                    + " is outside 0.." + (classes - 1) + " (" + bad + " of " + labels.length
                    + " labels out of range)");
        }
        return new Labels(source, dims[0], labels);
    }

    // ---------------------------------------------------------------- conversion

    /** Unsigned bytes scaled to [0, 1] as v / 255f, in a new array of the same length. */
    public static float[] toFloatPixels(byte[] pixels) {
        float[] lut = new float[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = v / 255f;
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = lut[pixels[i] & 0xFF];
        }
        return out;
    }

    // ---------------------------------------------------------------- internals

    private static String sourceName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Wraps the stream, inserting a gzip decoder if the first two bytes are the gzip magic. */
    private static DataInputStream open(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = b0 < 0 ? -1 : in.read();
        in.reset();
        if (b0 >= 0 && b1 >= 0 && ((b0 << 8) | b1) == GZIP_MAGIC) {
            try {
                return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
            } catch (ZipException | EOFException e) {
                throw corruptGzip(source, e);
            }
        }
        return new DataInputStream(in);
    }

    private static IdxFormatException corruptGzip(String source, IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IdxFormatException(source, "corrupt or truncated gzip data (" + detail + ")", e);
    }

    /** Validates magic and dimensions; returns the dimensions. */
    private static int[] readHeader(DataInputStream in, String source, int expectedMagic, int expectedDims,
            String kind) throws IOException {
        int headerBytes = 4 + 4 * expectedDims;
        byte[] header = new byte[headerBytes];
        int got = readUpTo(in, header, 0, 4, source);
        if (got < 4) {
            throw new IdxFormatException(source, "truncated header: expected at least 4 bytes of magic number, found "
                    + got);
        }
        int magic = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
                | (header[3] & 0xFF);
        String expected = "expected " + hex(expectedMagic) + " (" + kind + ": unsigned bytes, " + expectedDims
                + (expectedDims == 1 ? " dimension)" : " dimensions)");
        if (header[0] != 0 || header[1] != 0) {
            throw new IdxFormatException(source, "bad magic " + hex(magic) + ", " + expected
                    + "; not an IDX file");
        }
        int type = header[2] & 0xFF;
        if (type != TYPE_UNSIGNED_BYTE) {
            throw new IdxFormatException(source, "bad magic " + hex(magic) + ": type byte 0x"
                    + String.format(Locale.ROOT, "%02X", type) + " (" + typeName(type)
                    + ") is not supported, expected 0x08 (unsigned byte)");
        }
        int dims = header[3] & 0xFF;
        if (dims != expectedDims) {
            String hint = dims == 1 ? "; this looks like a label file"
                    : dims == 3 ? "; this looks like an image file" : "";
            throw new IdxFormatException(source, "bad magic " + hex(magic) + ", " + expected + " but found "
                    + dims + (dims == 1 ? " dimension" : " dimensions") + hint);
        }
        got = readUpTo(in, header, 4, headerBytes - 4, source);
        if (got < headerBytes - 4) {
            throw new IdxFormatException(source, "truncated header: expected " + headerBytes + " bytes, found "
                    + (4 + got));
        }
        int[] out = new int[expectedDims];
        String[] names = expectedDims == 3 ? new String[] {"count", "rows", "columns"} : new String[] {"count"};
        for (int d = 0; d < expectedDims; d++) {
            int p = 4 + 4 * d;
            out[d] = ((header[p] & 0xFF) << 24) | ((header[p + 1] & 0xFF) << 16) | ((header[p + 2] & 0xFF) << 8)
                    | (header[p + 3] & 0xFF);
            if (out[d] <= 0) {
                throw new IdxFormatException(source, "dimension " + d + " (" + names[d] + ") is " + out[d]
                        + ", must be positive");
            }
        }
        return out;
    }

    /**
     * Reads exactly {@code size} payload bytes and checks that nothing follows. The array is
     * allocated at the declared size (or grown towards it for very large declarations, so a
     * corrupt header cannot force a huge allocation before the data is seen).
     */
    private static byte[] readPayload(DataInputStream in, String source, int size, int headerBytes)
            throws IOException {
        byte[] buf = new byte[Math.min(size, INITIAL_CHUNK)];
        int pos = 0;
        while (true) {
            int got = readUpTo(in, buf, pos, buf.length - pos, source);
            pos += got;
            if (pos < buf.length) {
                throw new IdxFormatException(source, "truncated data: expected " + size + " bytes after the "
                        + headerBytes + "-byte header, found " + pos);
            }
            if (pos == size) {
                break;
            }
            buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
        }
        long trailing = countRemaining(in, source);
        if (trailing > 0) {
            throw new IdxFormatException(source, trailing + " trailing bytes after the declared " + size
                    + " bytes of data (expected end of file)");
        }
        return buf;
    }

    /** Reads until {@code len} bytes or end of stream; returns the count read. */
    private static int readUpTo(InputStream in, byte[] b, int off, int len, String source) throws IOException {
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(b, off + n, len - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (ZipException | EOFException e) {
            throw corruptGzip(source, e);
        }
        return n;
    }

    /** Drains the stream and counts the bytes (also makes gzip verify its CRC trailer). */
    private static long countRemaining(InputStream in, String source) throws IOException {
        byte[] skip = new byte[8192];
        long total = 0;
        try {
            int r;
            while ((r = in.read(skip)) >= 0) {
                total += r;
            }
        } catch (ZipException | EOFException e) {
            throw corruptGzip(source, e);
        }
        return total;
    }

    private static String hex(int v) {
        return String.format(Locale.ROOT, "0x%08X", v);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown type";
        };
    }
}
