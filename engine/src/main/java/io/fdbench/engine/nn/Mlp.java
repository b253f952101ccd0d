package io.fdbench.engine.nn;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.tuning.Tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A multilayer perceptron's structure and its float forward pass.
 *
 * <p>The parameters live outside the model in one flat {@code float[] theta}: per layer the
 * weights row-major [in × out], then the bias [out]. So an estimator addresses parameter i by one
 * index and a gradient is a {@code float[]} of the same layout. The model itself is immutable and
 * may be shared by threads; all mutable buffers live in a {@link ForwardState}.
 */
public final class Mlp {

    private final int[] sizes;
    private final Activation hidden;
    private final Loss loss;
    private final Kernel kernel;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final List<ParameterBlock> blocks;

    public Mlp(int[] sizes, Activation hidden, Loss loss, Kernel kernel) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("layer sizes: need at least an input and an output layer, got "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer sizes: every size must be positive, got " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
        this.hidden = hidden;
        this.loss = loss;
        this.kernel = kernel;
        int layers = sizes.length - 1;
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        List<ParameterBlock> b = new ArrayList<>();
        long off = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = (int) off;
            b.add(new ParameterBlock("W" + (l + 1), l, false, (int) off, sizes[l], sizes[l + 1]));
            off += (long) sizes[l] * sizes[l + 1];
            biasOffset[l] = (int) off;
            b.add(new ParameterBlock("b" + (l + 1), l, true, (int) off, 1, sizes[l + 1]));
            off += sizes[l + 1];
            if (off > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("layer sizes: too many parameters for one float[]: " + off);
            }
        }
        parameterCount = (int) off;
        blocks = Collections.unmodifiableList(b);
    }

    /** A model from a spec such as "784-50-10" on the kernel this JVM selected. */
    public static Mlp of(String layerSizes, Activation hidden, Loss loss) {
        return new Mlp(parseSizes(layerSizes), hidden, loss, Kernels.best());
    }

    /** Parses "784-50-10" into {784, 50, 10}; errors name the spec. */
    public static int[] parseSizes(String spec) {
        String[] parts = spec.trim().split("[-x,]", -1); // -1: keep trailing empty parts, so "784-50-" is an error
        if (parts.length < 2) {
            throw new IllegalArgumentException("layer sizes '" + spec + "': expected at least two sizes like 784-50-10");
        }
        int[] s = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                s[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layer sizes '" + spec + "': '" + parts[i] + "' is not an integer");
            }
            if (s[i] <= 0) {
                throw new IllegalArgumentException("layer sizes '" + spec + "': size " + s[i] + " must be positive");
            }
        }
        return s;
    }

    /** The same network on another kernel. */
    public Mlp withKernel(Kernel k) {
        return new Mlp(sizes, hidden, loss, k);
    }

    /** Number of weight layers (sizes − 1). */
    public int layerCount() {
        return sizes.length - 1;
    }

    /** Width of layer i, 0 = input, layerCount() = output. */
    public int size(int i) {
        return sizes[i];
    }

    public int[] sizes() {
        return sizes.clone();
    }

    /** The widest layer, input and output included: the size of a per-row scratch buffer. */
    public int widestLayer() {
        int w = 0;
        for (int s : sizes) {
            w = Math.max(w, s);
        }
        return w;
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    public int parameterCount() {
        return parameterCount;
    }

    public int weightOffset(int layer) {
        return weightOffset[layer];
    }

    public int biasOffset(int layer) {
        return biasOffset[layer];
    }

    /** W1, b1, W2, b2, ... in layout order. */
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    /** The block that holds parameter {@code index}. */
    public ParameterBlock blockOf(int index) {
        if (index < 0 || index >= parameterCount) {
            throw new IndexOutOfBoundsException("parameter " + index + " outside [0, " + parameterCount + ")");
        }
        int lo = 0;
        int hi = blocks.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (blocks.get(mid).offset() <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return blocks.get(lo);
    }

    public ParameterBlock block(String name) {
        for (ParameterBlock b : blocks) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no parameter block named '" + name + "'");
    }

    /** The activation after layer l's affine map: the hidden one, or the loss's output activation. */
    public Activation activation(int layer) {
        return layer == layerCount() - 1 ? loss.outputActivation() : hidden;
    }

    public Activation hidden() {
        return hidden;
    }

    public Loss loss() {
        return loss;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** "784-50-10 sigmoid softmax-ce" */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return sb + " " + hidden.name().toLowerCase(java.util.Locale.ROOT) + " " + loss.label();
    }

    /** Fresh parameters: weights from {@code init} seeded by {@code seed}, biases zero. */
    public float[] initialise(Init init, long seed) {
        float[] theta = new float[parameterCount];
        Random rnd = new Random(seed);
        for (int l = 0; l < layerCount(); l++) {
            init.fill(theta, weightOffset[l], sizes[l], sizes[l + 1], rnd);
        }
        return theta;
    }

    /** Buffers for batches of up to {@code capacity} rows. */
    public ForwardState newState(int capacity) {
        return new ForwardState(this, capacity);
    }

    /**
     * The forward pass over a batch: fills the state's pre-activations, activations, per-sample
     * losses (and log-sum-exp terms for softmax) and returns the mean batch loss, in float.
     */
    public float forward(float[] theta, Batch batch, ForwardState s) {
        return forward(theta, batch, 0, batch.size(), s);
    }

    /**
     * The forward pass over rows [from, from + count) of a batch (a thread's share of it); the
     * state's row i is the batch's row from + i. Returns the mean loss over those rows.
     */
    public float forward(float[] theta, Batch batch, int from, int count, ForwardState s) {
        checkShapes(theta, batch, s);
        checkRows(batch, from, count, s);
        int n = count;
        float[] in = batch.x();
        int inOff = from * sizes[0];
        boolean sparse = sparseInput(batch);
        for (int l = 0; l < layerCount(); l++) {
            int fanIn = sizes[l];
            int fanOut = sizes[l + 1];
            float[] z = s.z[l];
            if (l == 0 && sparse) {
                kernel.compress(n, fanIn, in, inOff, s.sparseInput);
                kernel.spmm(fanOut, s.sparseInput, theta, weightOffset[l], z, 0, false);
            } else if (l == 0 && (long) n * fanIn <= Tuning.BLANK_SCAN_LIMIT) {
                kernel.columnAbsSums(n, fanIn, in, inOff, s.inputLive);
                kernel.gemmSkipZeroColumns(n, fanOut, fanIn, in, inOff, theta, weightOffset[l], z, 0, false,
                        s.inputLive);
            } else {
                if (l == 0) {
                    java.util.Arrays.fill(s.inputLive, 1f); // not scanned: every input counts as live
                }
                kernel.gemm(n, fanOut, fanIn, in, inOff, theta, weightOffset[l], z, 0, false);
            }
            kernel.addRowVector(n, fanOut, theta, biasOffset[l], z, 0);
            kernel.activate(activation(l), z, 0, s.a[l], 0, n * fanOut);
            in = s.a[l];
            inOff = 0;
        }
        return sampleLosses(batch, from, count, s);
    }

    /** Whether the first layer skips the batch's zero inputs: the kernel's call on the data's zero fraction. */
    public boolean sparseInput(Batch batch) {
        return batch.inputZeroFraction() > kernel.sparseInputThreshold();
    }

    void checkRows(Batch batch, int from, int count, ForwardState s) {
        if (from < 0 || count <= 0 || from + count > batch.size()) {
            throw new IllegalArgumentException("rows [" + from + ", " + (from + count) + ") outside the batch of "
                    + batch.size());
        }
        if (count > s.capacity()) {
            throw new IllegalArgumentException(count + " rows exceed the state's capacity " + s.capacity());
        }
    }

    /** Per-sample losses from the output layer; returns their mean (summed in double, rounded to float). */
    float sampleLosses(Batch batch, int from, int count, ForwardState s) {
        double sum = loss.sampleLosses(kernel, count, outputs(), s.a[layerCount() - 1], batch.labels(),
                batch.targets(), from, s.lse, s.sampleLoss);
        return (float) (sum / count);
    }

    void checkShapes(float[] theta, Batch batch, ForwardState s) {
        if (theta.length != parameterCount) {
            throw new IllegalArgumentException("theta has " + theta.length + " entries, the model " + describe()
                    + " has " + parameterCount + " parameters");
        }
        if (batch.features() != inputs() || batch.outputs() != outputs()) {
            throw new IllegalArgumentException("batch shape " + batch.features() + " → " + batch.outputs()
                    + " does not match the model " + describe());
        }
        if (batch.isClassification() != loss.needsLabels()) {
            throw new IllegalArgumentException("loss " + loss.label() + (loss.needsLabels()
                    ? " needs class labels, the batch has regression targets"
                    : " needs regression targets, the batch has class labels"));
        }
        if (s.model != this && !s.model.sameShape(this)) {
            throw new IllegalArgumentException("forward state was made for another model");
        }

    }

    boolean sameShape(Mlp o) {
        return Arrays.equals(sizes, o.sizes) && hidden == o.hidden && loss == o.loss;
    }

    /** Mean loss and accuracy over a whole data set, evaluated in chunks of the state's capacity. */
    public Score evaluate(float[] theta, Dataset data, ForwardState s, Batch scratch) {
        double lossSum = 0;
        long correct = 0;
        int out = outputs();
        for (int from = 0; from < data.rows(); from += s.capacity()) {
            int count = Math.min(s.capacity(), data.rows() - from);
            scratch.fillRange(data, from, count);
            lossSum += (double) forward(theta, scratch, s) * count;
            if (data.isClassification()) {
                float[] y = s.a[layerCount() - 1];
                for (int i = 0; i < count; i++) {
                    int best = 0;
                    for (int j = 1; j < out; j++) {
                        if (y[i * out + j] > y[i * out + best]) {
                            best = j;
                        }
                    }
                    if (best == scratch.labels()[i]) {
                        correct++;
                    }
                }
            }
        }
        double acc = data.isClassification() ? (double) correct / data.rows() : Double.NaN;
        return new Score(lossSum / data.rows(), acc);
    }

    /** Mean loss and classification accuracy (NaN for regression) over a data set. */
    public record Score(double loss, double accuracy) {
    }
}
