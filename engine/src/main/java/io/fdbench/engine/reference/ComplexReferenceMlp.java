package io.fdbench.engine.reference;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;

/**
 * The reference network's forward pass in complex double arithmetic, for the complex-step
 * derivative Im f(θ + i·h·eᵢ) / h: the same network and mean batch loss as {@link ReferenceMlp},
 * continued analytically to complex parameters.
 *
 * <p>Every complex array is a pair of flat row-major {@code double[]} (real part, imaginary part),
 * allocated once for batches of up to {@code capacity} rows; no complex-number objects, no
 * allocation per element. The continuations (each exact for complex z = x + iy, and written so
 * that no large |x| overflows):
 * <ul>
 *   <li>sigmoid 1/(1 + e^−z), with e = e^−|x|: (1 + e·cos y + i·e·sin y)/(1 + 2e·cos y + e²) for
 *       x ≥ 0 and e·((cos y + e) + i·sin y)/(1 + 2e·cos y + e²) for x &lt; 0;</li>
 *   <li>tanh by the addition formula with t = tanh x, τ = tan y:
 *       (t·(1 + τ²) + i·τ·(1 − t²))/(1 + t²τ²);</li>
 *   <li>identity; softmax cross-entropy through log Σ exp(zₖ − m) shifted by m, the largest
 *       <em>real</em> part, with the complex logarithm (log |S|, arg S); the squared error
 *       ½·Σ(t − y)² with the complex square (t − y)², never |t − y|².</li>
 * </ul>
 * ReLU is not analytic at 0 (and its continuation would be a choice, not a derivative), so a
 * network with ReLU hidden units is refused at construction with an {@link IllegalArgumentException}
 * naming the activation.
 *
 * <p>Two ways to evaluate: {@link #forward} runs the whole complex pass for any complex θ (the FULL
 * evaluation); after a real baseline ({@link #forward} with no imaginary part),
 * {@link #imaginaryLoss(int, double)} gives Im f(θ + i·h·eᵢ) by carrying the one changed unit
 * forward (the INCREMENTAL evaluation). For a step small enough that the real parts do not move
 * (h·|∂z| far below an ulp of z: every h ≤ 1e-8 on a typical network) the two are bit-identical.
 * One instance is used by one thread at a time.
 */
public final class ComplexReferenceMlp {

    /**
     * Below this |y| (2^-27) the correctly rounded cos y is 1 and sin y, tan y are y (the next
     * terms, y²/2 and y³/6, y³/3, are below half an ulp), so the element functions skip the
     * trigonometric calls: every imaginary part of a small-step pass is below it.
     */
    private static final double TINY = 0x1p-27;

    private final Mlp structure;
    private final int[] sizes;
    private final int layers;
    private final Loss loss;
    private final int capacity;
    private final double[] input;
    private final double[] inputIm;
    private final double[][] zRe;
    private final double[][] zIm;
    private final double[][] aRe;
    private final double[][] aIm;
    /** Per-sample losses of the last pass: real and imaginary parts. */
    private final double[] sampleRe;
    private final double[] sampleIm;
    /**
     * The baseline's softmax terms exp(yₖ − m) [rows × outputs] and shifts m [rows], reused by
     * {@link #imaginaryLoss} for every row whose outputs' real parts did not move.
     */
    private final double[] expBase;
    private final double[] maxBase;
    /** The incremental pass's rows: a layer's pre-activation and activation. */
    private final double[] rowZRe;
    private final double[] rowZIm;
    private final double[] rowARe;
    private final double[] rowAIm;
    /** Scratch of the element functions: their real and imaginary results. */
    private double outRe;
    private double outIm;
    private Batch batch;
    private double[] theta;
    private int rows;
    private double meanRe;
    private double meanIm;
    /** Whether the state is a real baseline that {@link #imaginaryLoss} may update. */
    private boolean baseline;

    /**
     * The complex forward pass of {@code structure}'s network for batches of up to
     * {@code capacity} rows; allocates all its buffers.
     *
     * @throws IllegalArgumentException when the hidden activation is not analytic (ReLU)
     */
    public ComplexReferenceMlp(Mlp structure, int capacity) {
        requireAnalytic(structure.hidden());
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.structure = structure;
        this.sizes = structure.sizes();
        this.layers = sizes.length - 1;
        this.loss = structure.loss();
        this.capacity = capacity;
        this.input = new double[capacity * sizes[0]];
        this.inputIm = new double[capacity * sizes[0]];
        this.zRe = new double[layers][];
        this.zIm = new double[layers][];
        this.aRe = new double[layers][];
        this.aIm = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int n = capacity * sizes[l + 1];
            zRe[l] = new double[n];
            zIm[l] = new double[n];
            aRe[l] = new double[n];
            aIm[l] = new double[n];
        }
        this.sampleRe = new double[capacity];
        this.sampleIm = new double[capacity];
        boolean softmax = loss == Loss.SOFTMAX_CROSS_ENTROPY;
        this.expBase = softmax ? new double[capacity * sizes[layers]] : null;
        this.maxBase = softmax ? new double[capacity] : null;
        int widest = structure.widestLayer();
        this.rowZRe = new double[widest];
        this.rowZIm = new double[widest];
        this.rowARe = new double[widest];
        this.rowAIm = new double[widest];
    }

    /**
     * Refuses an activation that has no analytic continuation the complex step could use: ReLU
     * (not differentiable at 0 in the complex sense). Sigmoid, tanh and identity are analytic.
     */
    public static void requireAnalytic(Activation f) {
        if (f == Activation.RELU) {
            throw new IllegalArgumentException("activation relu is not analytic (it has a kink at 0), so the"
                    + " complex step cannot continue it; sigmoid and tanh can");
        }
    }

    public Mlp structure() {
        return structure;
    }

    /** The rows this instance was built for. */
    public int capacity() {
        return capacity;
    }

    /**
     * The whole complex forward pass at θ = {@code re} + i·{@code im} ({@code im} null: a real θ,
     * which also makes this the baseline of {@link #imaginaryLoss}). Returns Re of the mean batch
     * loss; {@link #meanLossImaginary()} gives its imaginary part.
     */
    public double forward(double[] re, double[] im, Batch batch) {
        checkShapes(re, im, batch);
        int n = batch.size();
        this.batch = batch;
        this.theta = re;
        this.rows = n;
        float[] x = batch.x();
        int in0 = sizes[0];
        for (int i = 0; i < n * in0; i++) {
            input[i] = x[i];
        }
        double[] inRe = input;
        double[] inIm = inputIm; // all zeros: the inputs are real
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int wOff = structure.weightOffset(l);
            int bOff = structure.biasOffset(l);
            Activation f = structure.activation(l);
            for (int s = 0; s < n; s++) {
                rowProduct(inRe, inIm, s * in, in, re, im, wOff, bOff, out, zRe[l], zIm[l], s * out);
                activate(f, zRe[l], zIm[l], aRe[l], aIm[l], s * out, out);
            }
            inRe = aRe[l];
            inIm = aIm[l];
        }
        double sumRe = 0;
        double sumIm = 0;
        int out = sizes[layers];
        baseline = im == null;
        for (int s = 0; s < n; s++) {
            sampleLoss(aRe[layers - 1], aIm[layers - 1], s * out, out, s, baseline ? Terms.STORE : Terms.COMPUTE,
                    true);
            sampleRe[s] = outRe;
            sampleIm[s] = outIm;
            sumRe += outRe;
            sumIm += outIm;
        }
        meanRe = sumRe / n;
        meanIm = sumIm / n;
        return meanRe;
    }

    /** Im of the mean batch loss of the last {@link #forward}. */
    public double meanLossImaginary() {
        return meanIm;
    }

    /**
     * Im f(θ + i·h·e_index) for the θ and batch of the last real {@link #forward} (the baseline),
     * by updating it: a first-layer weight Wᵢⱼ or bias bⱼ moves only hidden unit j's
     * pre-activation, by i·h·xᵢ (i·h), so only the rows with xᵢ ≠ 0 change, and in each only unit
     * j and the layers after it are recomputed (the first of them as a rank-one update); a
     * parameter of the output layer changes one logit per row. For a small step only imaginary
     * parts move (a forward-mode derivative carried from that unit): a row whose outputs keep
     * their real parts reuses the baseline's softmax terms exp(yₖ − m), and the real part of the
     * loss is not computed. The baseline is left as it was.
     */
    public double imaginaryLoss(int index, double h) {
        if (!baseline) {
            throw new IllegalStateException("no real baseline: call forward(theta, null, batch) first");
        }
        if (index < 0 || index >= theta.length) {
            throw new IllegalArgumentException("parameter index " + index + " outside [0, " + theta.length + ")");
        }
        ParameterBlock block = structure.blockOf(index);
        int l = block.layer();
        int width = sizes[l + 1];
        int local = index - block.offset();
        int j = block.bias() ? local : local % width;
        int i = block.bias() ? -1 : local / width;
        int in = sizes[l];
        double[] x = l == 0 ? input : aRe[l - 1];
        double[] z = zRe[l];
        int out = sizes[layers];
        double sumIm = 0;
        for (int s = 0; s < rows; s++) {
            double xi = i < 0 ? 1.0 : x[s * in + i];
            if (xi == 0.0) {
                continue; // the row does not see the parameter: its imaginary part stays 0
            }
            double yj = h * xi;
            int m;
            if (l == layers - 1) {
                System.arraycopy(z, s * width, rowZRe, 0, width);
                java.util.Arrays.fill(rowZIm, 0, width, 0.0);
                rowZIm[j] = yj;
                m = l;
            } else {
                // Unit j of layer l is now complex; the next layer's pre-activation moves by
                // (a′ⱼ − aⱼ)·W(l+1)[j, ·] in its real part (0 for small steps) and a′ⱼ's imaginary
                // part times the same row in its imaginary part.
                apply(structure.activation(l), z[s * width + j], yj);
                double dRe = outRe - aRe[l][s * width + j];
                double ajIm = outIm;
                int next = sizes[l + 2];
                int wOff = structure.weightOffset(l + 1) + j * next;
                double[] zNext = zRe[l + 1];
                for (int k = 0; k < next; k++) {
                    double w = theta[wOff + k];
                    rowZRe[k] = zNext[s * next + k] + dRe * w;
                    rowZIm[k] = ajIm * w;
                }
                m = l + 1;
            }
            activate(structure.activation(m), rowZRe, rowZIm, rowARe, rowAIm, 0, sizes[m + 1]);
            while (m < layers - 1) {
                m++;
                rowProduct(rowARe, rowAIm, 0, sizes[m], theta, null, structure.weightOffset(m),
                        structure.biasOffset(m), sizes[m + 1], rowZRe, rowZIm, 0);
                activate(structure.activation(m), rowZRe, rowZIm, rowARe, rowAIm, 0, sizes[m + 1]);
            }
            sampleLoss(rowARe, rowAIm, 0, out, s, realPartsKept(s, out) ? Terms.REUSE : Terms.COMPUTE, false);
            sumIm += outIm;
        }
        return sumIm / rows;
    }

    /** Whether the incremental output row's real parts are the baseline's, bit for bit. */
    private boolean realPartsKept(int row, int out) {
        if (expBase == null) {
            return false;
        }
        double[] y = aRe[layers - 1];
        for (int k = 0; k < out; k++) {
            if (rowARe[k] != y[row * out + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * One row of z = a·W + b in complex arithmetic: z[zOff, zOff + out) from a[aOff, aOff + in),
     * W = re + i·im at wOff ([in × out] row-major) and b at bOff (im null: W and b real). Rows of a
     * that are exactly 0 are skipped; a real entry of a costs two multiply-adds per output, a
     * complex one four. The FULL and INCREMENTAL passes share it so that they round alike.
     */
    private static void rowProduct(double[] aRe, double[] aIm, int aOff, int in, double[] re, double[] im,
                                   int wOff, int bOff, int out, double[] zr, double[] zi, int zOff) {
        for (int j = 0; j < out; j++) {
            zr[zOff + j] = re[bOff + j];
            zi[zOff + j] = im == null ? 0.0 : im[bOff + j];
        }
        for (int k = 0; k < in; k++) {
            double ar = aRe[aOff + k];
            double ai = aIm[aOff + k];
            int w = wOff + k * out;
            if (ai == 0.0) {
                if (ar == 0.0) {
                    continue;
                }
                for (int j = 0; j < out; j++) {
                    zr[zOff + j] += ar * re[w + j];
                }
                if (im != null) {
                    for (int j = 0; j < out; j++) {
                        zi[zOff + j] += ar * im[w + j];
                    }
                }
            } else if (im == null) {
                for (int j = 0; j < out; j++) {
                    zr[zOff + j] += ar * re[w + j];
                    zi[zOff + j] += ai * re[w + j];
                }
            } else {
                for (int j = 0; j < out; j++) {
                    double wr = re[w + j];
                    double wi = im[w + j];
                    zr[zOff + j] += ar * wr - ai * wi;
                    zi[zOff + j] += ar * wi + ai * wr;
                }
            }
        }
    }

    /** a = f(z) element-wise over [off, off + count), in complex arithmetic. */
    private void activate(Activation f, double[] zr, double[] zi, double[] ar, double[] ai, int off, int count) {
        if (f == Activation.IDENTITY) {
            System.arraycopy(zr, off, ar, off, count);
            System.arraycopy(zi, off, ai, off, count);
            return;
        }
        for (int k = off; k < off + count; k++) {
            apply(f, zr[k], zi[k]);
            ar[k] = outRe;
            ai[k] = outIm;
        }
    }

    /** f(x + iy) into (outRe, outIm). */
    private void apply(Activation f, double x, double y) {
        switch (f) {
            case SIGMOID -> {
                double e = Math.exp(-Math.abs(x));
                double c = cos(y);
                double sn = sin(y);
                double d = 1.0 + 2.0 * e * c + e * e;
                if (x >= 0) {
                    outRe = (1.0 + e * c) / d;
                    outIm = e * sn / d;
                } else {
                    outRe = e * (c + e) / d;
                    outIm = e * sn / d;
                }
            }
            case TANH -> {
                double t = Math.tanh(x);
                double tau = tan(y);
                double d = 1.0 + t * t * tau * tau;
                outRe = t * (1.0 + tau * tau) / d;
                outIm = tau * (1.0 - t * t) / d;
            }
            case IDENTITY -> {
                outRe = x;
                outIm = y;
            }
            default -> throw new IllegalArgumentException("activation " + f.name().toLowerCase(java.util.Locale.ROOT)
                    + " has no analytic continuation here");
        }
    }

    /** What the softmax loss does with the baseline's terms exp(yₖ − m). */
    private enum Terms {
        /** Computes them. */
        COMPUTE,
        /** Computes them and keeps them (the real baseline). */
        STORE,
        /** Reads the kept ones: the row's real parts are the baseline's. */
        REUSE
    }

    /**
     * Data row {@code row}'s loss from its output y[off, off + out) (after the output activation)
     * into (outRe, outIm): log Σ exp − y[label] with the max-real-part shift, or ½·Σ(t − y)². The
     * real part only when {@code real} (the incremental pass needs the imaginary part alone).
     */
    private void sampleLoss(double[] yRe, double[] yIm, int off, int out, int row, Terms terms, boolean real) {
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            double max;
            if (terms == Terms.REUSE) {
                max = maxBase[row];
            } else {
                max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < out; k++) {
                    max = Math.max(max, yRe[off + k]);
                }
                if (terms == Terms.STORE) {
                    maxBase[row] = max;
                }
            }
            double sRe = 0;
            double sIm = 0;
            int base = row * out;
            for (int k = 0; k < out; k++) {
                double e;
                if (terms == Terms.REUSE) {
                    e = expBase[base + k];
                } else {
                    e = Math.exp(yRe[off + k] - max);
                    if (terms == Terms.STORE) {
                        expBase[base + k] = e;
                    }
                }
                double y = yIm[off + k];
                if (Math.abs(y) < TINY) {
                    sRe += e;
                    sIm += e * y;
                } else {
                    sRe += e * Math.cos(y);
                    sIm += e * Math.sin(y);
                }
            }
            // log S = log |S| + i·arg S. Sr ≥ the largest term's cos y ≈ 1, so for small steps
            // q = Si/Sr is tiny: arg S = atan q = q to the last bit, and log1p keeps
            // log |S| = log Sr when q² vanishes.
            double q = sIm / sRe;
            int label = batch.labels()[row];
            if (real) {
                outRe = max + Math.log(sRe) + 0.5 * Math.log1p(q * q) - yRe[off + label];
            }
            outIm = (sRe > 0 && Math.abs(q) < TINY ? q : Math.atan2(sIm, sRe)) - yIm[off + label];
        } else {
            float[] t = batch.targets();
            double eRe = 0;
            double eIm = 0;
            for (int k = 0; k < out; k++) {
                double dr = t[row * out + k] - yRe[off + k];
                double di = -yIm[off + k];
                eRe += dr * dr - di * di; // the complex square, not |d|²
                eIm += 2.0 * dr * di;
            }
            outRe = 0.5 * eRe;
            outIm = 0.5 * eIm;
        }
    }

    private static double cos(double y) {
        return Math.abs(y) < TINY ? 1.0 : Math.cos(y);
    }

    private static double sin(double y) {
        return Math.abs(y) < TINY ? y : Math.sin(y);
    }

    private static double tan(double y) {
        return Math.abs(y) < TINY ? y : Math.tan(y);
    }

    private void checkShapes(double[] re, double[] im, Batch batch) {
        int p = structure.parameterCount();
        if (re.length != p || (im != null && im.length != p)) {
            throw new IllegalArgumentException("theta has " + re.length + (im == null ? "" : " + " + im.length)
                    + " entries, the model " + structure.describe() + " has " + p + " parameters");
        }
        if (batch.features() != sizes[0] || batch.outputs() != sizes[layers]) {
            throw new IllegalArgumentException("batch shape " + batch.features() + " → " + batch.outputs()
                    + " does not match the model " + structure.describe());
        }
        if (batch.isClassification() != loss.needsLabels()) {
            throw new IllegalArgumentException("loss " + loss.label() + (loss.needsLabels()
                    ? " needs class labels, the batch has regression targets"
                    : " needs regression targets, the batch has class labels"));
        }
        if (batch.size() <= 0 || batch.size() > capacity) {
            throw new IllegalArgumentException("batch has " + batch.size() + " rows, expected 1 to " + capacity);
        }
    }
}
