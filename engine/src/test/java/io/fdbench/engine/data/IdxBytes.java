package io.fdbench.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files (raw or gzip) for tests. */
final class IdxBytes {

    private IdxBytes() {
    }

    /** A header with the given magic and dimensions, followed by the payload. */
    static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(payload);
        return b.array();
    }

    /** An image file of {@code count} images of rows × cols, pixel i = i mod 256. */
    static byte[] images(int count, int rows, int cols) {
        byte[] px = new byte[count * rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        return idx(Idx.IMAGES_MAGIC, new int[] {count, rows, cols}, px);
    }

    /** A label file holding the given labels. */
    static byte[] labels(int... labels) {
        byte[] l = new byte[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (byte) labels[i];
        }
        return idx(Idx.LABELS_MAGIC, new int[] {labels.length}, l);
    }

    /**
     * A gzip bomb: an image header claiming {@code count} images of 28 × 28 followed by
     * {@code zeros} zero bytes of data, gzipped (1 MB of zeros is about 1 KB).
     */
    static byte[] bombImages(int count, int zeros) {
        return gzip(idx(Idx.IMAGES_MAGIC, new int[] {count, 28, 28}, new byte[zeros]));
    }

    /** {@code count} zero labels, gzipped. */
    static byte[] zeroLabels(int count) {
        return gzip(idx(Idx.LABELS_MAGIC, new int[] {count}, new byte[count]));
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static Path write(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The embedded (gzipped) resource bytes, e.g. {@code train-labels-idx1-ubyte.gz}. */
    static byte[] embedded(String file) throws IOException {
        try (InputStream in = MnistData.class.getResourceAsStream(MnistData.EMBEDDED_RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IOException("missing test resource " + file);
            }
            return in.readAllBytes();
        }
    }
}
