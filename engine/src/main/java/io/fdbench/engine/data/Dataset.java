package io.fdbench.engine.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled data set held as one row-major {@code float[]} of inputs [rows × features].
 *
 * <p>Classification sets carry integer labels in [0, outputs); regression sets carry float
 * targets [rows × outputs]. Exactly one of the two is present.
 *
 * <p>A set made {@link #fromPixels} from 8-bit images also keeps the bytes, x = v / 255f: a
 * shuffled mini-batch gathered from them reads a quarter of the memory (60,000 Fashion-MNIST
 * images are 188 MB as floats, 47 MB as bytes).
 */
public final class Dataset {

    private final String name;
    private final int rows;
    private final int features;
    private final int outputs;
    private final float[] x;
    private final int[] labels;
    private final float[] targets;
    private final byte[] pixels;
    private volatile double zeroFraction = -1;

    private Dataset(String name, int rows, int features, int outputs, float[] x, int[] labels, float[] targets,
                    byte[] pixels) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(x, "x");
        if (rows <= 0 || features <= 0 || outputs <= 0) {
            throw new IllegalArgumentException(name + ": rows, features and outputs must be positive, got "
                    + rows + ", " + features + ", " + outputs);
        }
        if (x.length != (long) rows * features) {
            throw new IllegalArgumentException(name + ": x has " + x.length + " values, expected rows × features = "
                    + (long) rows * features);
        }
        this.name = name;
        this.rows = rows;
        this.features = features;
        this.outputs = outputs;
        this.x = x;
        this.labels = labels;
        this.targets = targets;
        this.pixels = pixels;
    }

    /** A classification set: labels in [0, classes). */
    public static Dataset classification(String name, float[] x, int features, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " at row " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        return new Dataset(name, labels.length, features, classes, x, labels, null, null);
    }

    /**
     * A classification set of 8-bit images: inputs v / 255f for the unsigned bytes v, row-major
     * [rows × features]. The bytes are kept (shared, not copied) for {@link Batch#fillGather}.
     */
    public static Dataset fromPixels(String name, byte[] pixels, int features, int[] labels, int classes) {
        Objects.requireNonNull(pixels, "pixels");
        Dataset d = classification(name, Idx.toFloatPixels(pixels), features, labels, classes);
        return new Dataset(name, d.rows, features, classes, d.x, labels, null, pixels);
    }

    /** A regression set: targets [rows × outputs]. */
    public static Dataset regression(String name, float[] x, int features, float[] targets, int outputs) {
        if (outputs <= 0) {
            throw new IllegalArgumentException(name + ": outputs must be positive, got " + outputs);
        }
        if (targets.length % outputs != 0) {
            throw new IllegalArgumentException(name + ": " + targets.length + " targets is not a multiple of "
                    + outputs + " outputs");
        }
        return new Dataset(name, targets.length / outputs, features, outputs, x, null, targets, null);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return features;
    }

    public int outputs() {
        return outputs;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** Row-major inputs [rows × features]; shared, not copied. */
    public float[] x() {
        return x;
    }

    /** Class labels, or null for a regression set; shared, not copied. */
    public int[] labels() {
        return labels;
    }

    /** Regression targets [rows × outputs], or null for a classification set; shared, not copied. */
    public float[] targets() {
        return targets;
    }

    /** The 8-bit pixels the inputs were made from (x = v / 255f), or null; shared, not copied. */
    public byte[] pixels() {
        return pixels;
    }

    /** The fraction of input values that are exactly zero (computed once). */
    public double zeroFraction() {
        double z = zeroFraction;
        if (z < 0) {
            long zeros = 0;
            for (float v : x) {
                if (v == 0f) {
                    zeros++;
                }
            }
            z = (double) zeros / x.length;
            zeroFraction = z;
        }
        return z;
    }

    /** A copy of rows [from, from + count) as a new batch. */
    public Batch batch(int from, int count) {
        if (from < 0 || count <= 0 || from + count > rows) {
            throw new IllegalArgumentException(name + ": rows [" + from + ", " + (from + count)
                    + ") are outside [0, " + rows + ")");
        }
        Batch b = Batch.allocate(count, features, outputs, isClassification());
        b.fillRange(this, from, count);
        return b;
    }

    /** The whole set as one batch (full-batch gradient descent, evaluation). */
    public Batch asBatch() {
        return batch(0, rows);
    }

    /** The first {@code count} rows as a new data set (copies). */
    public Dataset head(int count) {
        Batch b = batch(0, count);
        if (pixels != null) {
            return fromPixels(name + "[:" + count + "]", Arrays.copyOf(pixels, count * features), features,
                    b.labels(), outputs);
        }
        return isClassification()
                ? classification(name + "[:" + count + "]", b.x(), features, b.labels(), outputs)
                : regression(name + "[:" + count + "]", b.x(), features, b.targets(), outputs);
    }

    @Override
    public String toString() {
        return name + " (" + rows + " × " + features + " → " + outputs + ")";
    }
}
