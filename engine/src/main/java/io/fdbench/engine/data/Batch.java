package io.fdbench.engine.data;

import io.fdbench.engine.kernel.Kernel;

/**
 * A reusable mini-batch buffer: inputs [size × features] plus labels or targets, preallocated for
 * a capacity so a training loop fills it without allocating.
 */
public final class Batch {

    private final int capacity;
    private final int features;
    private final int outputs;
    private final float[] x;
    private final int[] labels;
    private final float[] targets;
    private static final int CACHE_LINE = 64;
    private int size;
    /** Keeps {@link #touch}'s loads alive. */
    private int touched;
    private double inputZeroFraction;

    private Batch(int capacity, int features, int outputs, boolean classification) {
        this.capacity = capacity;
        this.features = features;
        this.outputs = outputs;
        this.x = new float[capacity * features];
        this.labels = classification ? new int[capacity] : null;
        this.targets = classification ? null : new float[capacity * outputs];
    }

    /** An empty batch able to hold {@code capacity} rows. */
    public static Batch allocate(int capacity, int features, int outputs, boolean classification) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity must be positive, got " + capacity);
        }
        return new Batch(capacity, features, outputs, classification);
    }

    /** Copies rows [from, from + count) of the data set into this batch. */
    public void fillRange(Dataset d, int from, int count) {
        checkFits(d, count);
        System.arraycopy(d.x(), from * features, x, 0, count * features);
        if (labels != null) {
            System.arraycopy(d.labels(), from, labels, 0, count);
        } else {
            System.arraycopy(d.targets(), from * outputs, targets, 0, count * outputs);
        }
        size = count;
        inputZeroFraction = d.zeroFraction();
    }

    /**
     * Copies rows order[from], …, order[from + count − 1] of the data set into this batch. From a
     * set of 8-bit {@link Dataset#pixels} the rows are widened from the bytes by {@code kernel}
     * (the same floats as {@link Dataset#x}, a quarter of the memory traffic).
     */
    public void fillGather(Dataset d, int[] order, int from, int count, Kernel kernel) {
        checkFits(d, count);
        byte[] pixels = d.pixels();
        if (pixels != null) {
            touch(pixels, order, from, count);
        } else {
            touch(d.x(), order, from, count);
        }
        for (int r = 0; r < count; r++) {
            int src = order[from + r];
            if (pixels != null) {
                kernel.pixelsToFloats(features, pixels, src * features, x, r * features);
            } else {
                System.arraycopy(d.x(), src * features, x, r * features, features);
            }
            if (labels != null) {
                labels[r] = d.labels()[src];
            } else {
                System.arraycopy(d.targets(), src * outputs, targets, r * outputs, outputs);
            }
        }
        size = count;
        inputZeroFraction = d.zeroFraction();
    }

    /**
     * Reads one byte of every cache line of the rows about to be copied. Random rows miss the
     * caches, and these loads are independent, so the core overlaps their misses instead of
     * waiting for each row in turn while it converts.
     */
    private void touch(byte[] pixels, int[] order, int from, int count) {
        int sum = 0;
        for (int r = 0; r < count; r++) {
            int start = order[from + r] * features;
            for (int i = 0; i < features; i += CACHE_LINE) {
                sum += pixels[start + i];
            }
            sum += pixels[start + features - 1];
        }
        touched = sum;
    }

    private void touch(float[] values, int[] order, int from, int count) {
        float sum = 0;
        for (int r = 0; r < count; r++) {
            int start = order[from + r] * features;
            for (int i = 0; i < features; i += CACHE_LINE / Float.BYTES) {
                sum += values[start + i];
            }
            sum += values[start + features - 1];
        }
        touched = (int) sum;
    }

    private void checkFits(Dataset d, int count) {
        if (count > capacity || count <= 0) {
            throw new IllegalArgumentException("batch of " + count + " rows does not fit capacity " + capacity);
        }
        if (d.features() != features || d.outputs() != outputs || d.isClassification() != (labels != null)) {
            throw new IllegalArgumentException("data set " + d + " does not match this batch's shape");
        }
    }

    public int size() {
        return size;
    }

    /**
     * The fraction of exact zeros among the inputs of the data set the rows came from (MNIST: 0.81);
     * the model takes its sparse first layer when the kernel says this many zeros pay.
     */
    public double inputZeroFraction() {
        return inputZeroFraction;
    }

    public int capacity() {
        return capacity;
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

    /** Row-major inputs; only the first size × features entries are valid. */
    public float[] x() {
        return x;
    }

    /** Labels (classification) or null. */
    public int[] labels() {
        return labels;
    }

    /** Targets [size × outputs] (regression) or null. */
    public float[] targets() {
        return targets;
    }
}
