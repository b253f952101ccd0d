package io.fdbench.engine.data;

import io.fdbench.engine.memory.HeapBudget;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Reader for the IDX format used by MNIST and Fashion-MNIST: unsigned-byte image files (magic
 * {@code 0x00000803}, dimensions count × rows × columns) and unsigned-byte label files (magic
 * {@code 0x00000801}, dimension count). All integers in the header are big-endian.
 *
 * <p>Files may be raw or gzip-compressed; compression is detected from the gzip magic bytes
 * {@code 0x1f 0x8b}, never from the file name. Everything is validated: magic number, element
 * type, dimensions, the exact payload size (truncated and trailing data are both errors; a raw
 * file's size is checked against its header before any data is read), gzip integrity (every
 * member's CRC and length; bytes after the last member are an error, not ignored) and, for labels,
 * the class range. Every problem is an {@link IdxFormatException} whose message names the source
 * and says what is wrong.
 *
 * <p>The header is read first, and the data is read only if the heap has room for what the header
 * declares ({@link HeapBudget}): a small gzip file claiming millions of images stops with an
 * {@link io.fdbench.engine.memory.InsufficientHeapException} naming the size and the {@code -Xmx}
 * it would take, before anything is inflated. A file that cannot be opened for lack of permission
 * is a {@link AccessDeniedException} saying "permission denied".
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
    /** Largest data array allocated up front; bigger declared sizes grow as data actually arrives. */
    static final int INITIAL_CHUNK = 8 << 20;
    /** Trailing bytes are counted up to this many, for the message. */
    private static final long COUNT_LIMIT = 64L << 20;
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

    // ---------------------------------------------------------------- headers

    /** The two kinds of IDX file read here, by magic number and dimension count. */
    public enum Kind {
        IMAGES(IMAGES_MAGIC, 3, "images"),
        LABELS(LABELS_MAGIC, 1, "labels");

        private final int magic;
        private final int dimensions;
        private final String label;

        Kind(int magic, int dimensions, String label) {
            this.magic = magic;
            this.dimensions = dimensions;
            this.label = label;
        }

        /** The magic number, {@link #IMAGES_MAGIC} or {@link #LABELS_MAGIC}. */
        public int magic() {
            return magic;
        }

        /** Bytes before the data: the magic number and one int per dimension. */
        public int headerBytes() {
            return 4 + 4 * dimensions;
        }
    }

    /**
     * What an IDX header declares: {@code count} images of rows × cols, or {@code count} labels
     * (rows = cols = 1).
     */
    public record Header(String source, Kind kind, int count, int rows, int cols) {

        public Header {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(kind, "kind");
        }

        /** The data bytes after the header: count × rows × cols. */
        public long dataBytes() {
            return (long) count * rows * cols;
        }

        /** Header and data: the size of a raw (uncompressed) file of this header. */
        public long fileBytes() {
            return kind.headerBytes() + dataBytes();
        }

        /** E.g. {@code 10,000 images of 28 × 28} or {@code 10,000 labels}. */
        public String describe() {
            String n = String.format(Locale.ROOT, "%,d", count);
            return kind == Kind.IMAGES ? n + " images of " + rows + " × " + cols : n + " labels";
        }
    }

    /**
     * Reads only the header of an IDX file (raw or gzip; a gzip file is inflated just as far as
     * the header) and checks its magic number and dimensions. For a raw file it also checks that
     * the file size is the header's: a short file is truncated, a long one has trailing bytes.
     */
    public static Header readHeader(Path file, Kind kind) throws IOException {
        String source = sourceName(file);
        try (Opened in = open(file, source)) {
            return in.header(kind);
        }
    }

    // ---------------------------------------------------------------- images

    /** Reads an image file (raw or gzip); the source name in messages is the file name. */
    public static Images readImages(Path file) throws IOException {
        return readImages(file, HeapBudget.jvm());
    }

    /** As {@link #readImages(Path)}, with the heap check against {@code budget}. */
    static Images readImages(Path file, HeapBudget budget) throws IOException {
        try (Opened in = open(file, sourceName(file))) {
            return readImages(in, budget);
        }
    }

    /** Reads an image file (raw or gzip) from a stream, e.g. a classpath resource. */
    public static Images readImages(InputStream in, String source) throws IOException {
        return readImages(in, source, HeapBudget.jvm());
    }

    /** As {@link #readImages(InputStream, String)}, with the heap check against {@code budget}. */
    static Images readImages(InputStream in, String source, HeapBudget budget) throws IOException {
        Objects.requireNonNull(in, source);
        try (Opened opened = open(in, source, -1)) {
            return readImages(opened, budget);
        }
    }

    private static Images readImages(Opened in, HeapBudget budget) throws IOException {
        Header h = in.header(Kind.IMAGES);
        byte[] pixels = in.data(h, budget);
        return new Images(in.source, h.count(), h.rows(), h.cols(), pixels);
    }

    // ---------------------------------------------------------------- labels

    /** Reads a label file (raw or gzip) with labels in 0..9. */
    public static Labels readLabels(Path file) throws IOException {
        return readLabels(file, DEFAULT_CLASSES);
    }

    /** Reads a label file (raw or gzip) with labels in 0..classes−1. */
    public static Labels readLabels(Path file, int classes) throws IOException {
        return readLabels(file, classes, HeapBudget.jvm());
    }

    /** As {@link #readLabels(Path, int)}, with the heap check against {@code budget}. */
    static Labels readLabels(Path file, int classes, HeapBudget budget) throws IOException {
        checkClasses(classes);
        try (Opened in = open(file, sourceName(file))) {
            return readLabels(in, classes, budget);
        }
    }

    /** Reads a label file (raw or gzip) from a stream, labels in 0..9. */
    public static Labels readLabels(InputStream in, String source) throws IOException {
        return readLabels(in, source, DEFAULT_CLASSES);
    }

    /** Reads a label file (raw or gzip) from a stream, labels in 0..classes−1. */
    public static Labels readLabels(InputStream in, String source, int classes) throws IOException {
        return readLabels(in, source, classes, HeapBudget.jvm());
    }

    /** As {@link #readLabels(InputStream, String, int)}, with the heap check against {@code budget}. */
    static Labels readLabels(InputStream in, String source, int classes, HeapBudget budget) throws IOException {
        Objects.requireNonNull(in, source);
        checkClasses(classes);
        try (Opened opened = open(in, source, -1)) {
            return readLabels(opened, classes, budget);
        }
    }

    private static Labels readLabels(Opened in, int classes, HeapBudget budget) throws IOException {
        Header h = in.header(Kind.LABELS);
        byte[] labels = in.data(h, budget);
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
            throw new IdxFormatException(in.source, "label " + (labels[firstBad] & 0xFF) + " at index " + firstBad
                    + " is outside 0.." + (classes - 1) + " (" + bad + " of " + labels.length
                    + " labels out of range)");
        }
        return new Labels(in.source, h.count(), labels);
    }

    private static void checkClasses(int classes) {
        if (classes <= 0 || classes > 256) {
            throw new IllegalArgumentException("class count must be in 1..256, got " + classes);
        }
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

    // ---------------------------------------------------------------- files

    /**
     * True if the two files hold the same IDX bytes once decompressed (either may be raw or
     * gzip), compared in a streaming pass that holds no more than two buffers.
     */
    static boolean sameContent(Path a, Path b) throws IOException {
        try (Opened x = open(a, sourceName(a)); Opened y = open(b, sourceName(b))) {
            byte[] bx = new byte[1 << 16];
            byte[] by = new byte[1 << 16];
            while (true) {
                int nx = readUpTo(x.data, bx, 0, bx.length);
                int ny = readUpTo(y.data, by, 0, by.length);
                if (nx != ny || !Arrays.equals(bx, 0, nx, by, 0, ny)) {
                    return false;
                }
                if (nx < bx.length) {
                    return true;
                }
            }
        }
    }

    /**
     * The one-line error for a file that could not be opened or looked up: "permission denied"
     * ({@link AccessDeniedException}) for a permission problem, "missing" for a file that is not
     * there, the system's reason otherwise. Messages start with the full path.
     */
    static IOException fileProblem(Path file, IOException e) {
        String where = file.toAbsolutePath().normalize().toString();
        IOException mapped;
        if (e instanceof AccessDeniedException) {
            mapped = new AccessDeniedException(where, null, "permission denied");
        } else if (e instanceof NoSuchFileException) {
            mapped = new IdxFormatException(where, "missing (no such file)");
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            mapped = new IdxFormatException(where, "cannot be read: " + fse.getReason());
        } else {
            mapped = new IdxFormatException(where, "cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        if (mapped.getCause() == null) {
            mapped.initCause(e);
        }
        return mapped;
    }

    // ---------------------------------------------------------------- internals

    private static String sourceName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    private static Opened open(Path file, String source) throws IOException {
        InputStream raw;
        long size;
        try {
            raw = Files.newInputStream(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw fileProblem(file, e);
        }
        try {
            return new Opened(raw, source, size, true);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static Opened open(InputStream raw, String source, long rawSize) throws IOException {
        return new Opened(raw, source, rawSize, false);
    }

    /**
     * A raw or gzip IDX source positioned at its first byte of IDX content. Closing ends the gzip
     * decoder, and closes the underlying stream only if it was opened here from a file.
     */
    private static final class Opened implements Closeable {
        final String source;
        final InputStream data;
        private final InputStream raw;
        private final GzipMembers gzip;
        /** Size of the raw file, or −1 for a stream. */
        private final long rawSize;
        private final boolean owned;

        Opened(InputStream raw, String source, long rawSize, boolean owned) throws IOException {
            this.raw = raw;
            this.source = source;
            this.rawSize = rawSize;
            this.owned = owned;
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = b0 < 0 ? -1 : in.read();
            in.reset();
            if (b0 >= 0 && b1 >= 0 && ((b0 << 8) | b1) == GZIP_MAGIC) {
                gzip = new GzipMembers(in, source);
                data = new BufferedInputStream(gzip, 1 << 16);
            } else {
                gzip = null;
                data = in;
            }
        }

        /** Reads and validates the header; for a raw file also the file size. */
        Header header(Kind kind) throws IOException {
            int[] dims = readHeader(data, source, kind);
            Header h = dims.length == 3 ? new Header(source, kind, dims[0], dims[1], dims[2])
                    : new Header(source, kind, dims[0], 1, 1);
            if (h.dataBytes() > MAX_ARRAY) {
                throw new IdxFormatException(source, "declared size " + h.describe() + " = " + h.dataBytes()
                        + " bytes is too large for one array");
            }
            if (gzip == null && rawSize >= 0 && rawSize != h.fileBytes()) {
                long found = rawSize - kind.headerBytes();
                if (found < h.dataBytes()) {
                    throw truncated(h, found);
                }
                throw trailing(h, found - h.dataBytes());
            }
            return h;
        }

        /**
         * Reads exactly the header's data bytes after checking the heap has room for them, and
         * checks that nothing follows. The array grows from {@link #INITIAL_CHUNK} towards the
         * declared size as data arrives, so a header that claims more than a gzip stream holds
         * costs no more than the data actually there.
         */
        byte[] data(Header h, HeapBudget budget) throws IOException {
            int size = (int) h.dataBytes();
            budget.check(readPeakBytes(size), source + " (" + h.describe() + ")");
            byte[] buf = new byte[Math.min(size, INITIAL_CHUNK)];
            int pos = 0;
            while (true) {
                int got = readUpTo(data, buf, pos, buf.length - pos);
                pos += got;
                if (pos < buf.length) {
                    throw truncated(h, pos);
                }
                if (pos == size) {
                    break;
                }
                buf = Arrays.copyOf(buf, (int) Math.min(size, 2L * buf.length));
            }
            long rest = countRemaining(data);
            if (rest > 0) {
                throw trailing(h, rest);
            }
            return buf;
        }

        private IdxFormatException truncated(Header h, long found) {
            return new IdxFormatException(source, "truncated data: expected " + h.dataBytes() + " bytes after the "
                    + h.kind().headerBytes() + "-byte header (" + h.describe() + "), found " + found);
        }

        private IdxFormatException trailing(Header h, long rest) {
            String n = rest > COUNT_LIMIT ? "more than " + COUNT_LIMIT : Long.toString(rest);
            return new IdxFormatException(source, n + " trailing bytes after the declared " + h.dataBytes()
                    + " bytes of data (expected end of file)");
        }

        @Override
        public void close() throws IOException {
            if (gzip != null) {
                gzip.close();
            }
            if (owned) {
                raw.close();
            }
        }
    }

    /**
     * Peak bytes {@link Opened#data} holds for {@code size} data bytes: the final array, plus the
     * previous one while it is copied when the array had to grow.
     */
    static long readPeakBytes(int size) {
        if (size <= INITIAL_CHUNK) {
            return size;
        }
        long previous = INITIAL_CHUNK;
        while (2 * previous < size) {
            previous *= 2;
        }
        return size + previous;
    }

    /** Validates magic and dimensions; returns the dimensions. */
    private static int[] readHeader(InputStream in, String source, Kind kind) throws IOException {
        int expectedMagic = kind.magic;
        int expectedDims = kind.dimensions;
        String label = kind.label;
        int headerBytes = kind.headerBytes();
        byte[] header = new byte[headerBytes];
        int got = readUpTo(in, header, 0, 4);
        if (got < 4) {
            throw new IdxFormatException(source, "truncated header: expected at least 4 bytes of magic number, found "
                    + got);
        }
        int magic = ((header[0] & 0xFF) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8)
                | (header[3] & 0xFF);
        String expected = "expected " + hex(expectedMagic) + " (" + label + ": unsigned bytes, " + expectedDims
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
        got = readUpTo(in, header, 4, headerBytes - 4);
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

    /** Reads until {@code len} bytes or end of stream; returns the count read. */
    private static int readUpTo(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(b, off + n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    /** Drains the stream and counts the bytes, up to just past {@link #COUNT_LIMIT}. */
    private static long countRemaining(InputStream in) throws IOException {
        byte[] skip = new byte[8192];
        long total = 0;
        int r;
        while (total <= COUNT_LIMIT && (r = in.read(skip)) >= 0) {
            total += r;
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
