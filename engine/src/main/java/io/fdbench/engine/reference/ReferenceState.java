package io.fdbench.engine.reference;

import io.fdbench.engine.nn.Loss;
import org.ejml.data.DMatrixRMaj;

/**
 * What one double-precision forward pass of a {@link ReferenceMlp} computed, kept for reuse (the
 * backward pass, an incremental finite-difference evaluator).
 *
 * <p>Layers are numbered like the model's weight layers: layer l maps width {@code width(l)} to
 * {@code width(l + 1)}; {@code preActivation(l)} and {@code activation(l)} are row-major
 * [rows × width(l + 1)]. The last layer's activation is the output (the logits for softmax). The
 * arrays returned are the state's own (not copies): read them, or copy before changing them.
 */
public final class ReferenceState {

    private final ReferenceMlp reference;
    private final int rows;
    final DMatrixRMaj input;
    final DMatrixRMaj[] z;
    final DMatrixRMaj[] a;
    final double[] sampleLoss;
    final double[] lse;
    final int[] labels;
    final double[] targets;
    private final double meanLoss;

    ReferenceState(ReferenceMlp reference, int rows, DMatrixRMaj input, DMatrixRMaj[] z, DMatrixRMaj[] a,
                   double[] sampleLoss, double[] lse, int[] labels, double[] targets, double meanLoss) {
        this.reference = reference;
        this.rows = rows;
        this.input = input;
        this.z = z;
        this.a = a;
        this.sampleLoss = sampleLoss;
        this.lse = lse;
        this.labels = labels;
        this.targets = targets;
        this.meanLoss = meanLoss;
    }

    public ReferenceMlp reference() {
        return reference;
    }

    /** Rows in the batch this pass ran on. */
    public int rows() {
        return rows;
    }

    /** Number of weight layers. */
    public int layerCount() {
        return z.length;
    }

    /** Width of layer i, 0 = input, layerCount() = output (as {@code Mlp.size}). */
    public int width(int i) {
        return reference.width(i);
    }

    /** The batch inputs widened to double, row-major [rows × width(0)]. */
    public double[] input() {
        return input.data;
    }

    /** Layer l's pre-activation z = a(l−1)·W + b, row-major [rows × width(l + 1)]. */
    public double[] preActivation(int layer) {
        return z[layer].data;
    }

    /** Layer l's activation f(z), row-major [rows × width(l + 1)]; the last one is the output. */
    public double[] activation(int layer) {
        return a[layer].data;
    }

    /** The same pre-activation as an EJML matrix (shared). */
    public DMatrixRMaj preActivationMatrix(int layer) {
        return z[layer];
    }

    /** The same activation as an EJML matrix (shared). */
    public DMatrixRMaj activationMatrix(int layer) {
        return a[layer];
    }

    /** Per-sample losses: lse − logit[label] for softmax, ½·Σ(t − y)² otherwise. */
    public double[] sampleLoss() {
        return sampleLoss;
    }

    /** Per-sample log Σⱼ exp(logitⱼ), max-shifted. Only for the softmax loss. */
    public double[] logSumExp() {
        if (lse == null) {
            throw new IllegalStateException("log-sum-exp exists only for " + Loss.SOFTMAX_CROSS_ENTROPY.label()
                    + ", this network's loss is " + reference.structure().loss().label());
        }
        return lse;
    }

    /** Class labels of the batch (softmax loss), or null. */
    public int[] labels() {
        return labels;
    }

    /** Regression targets [rows × outputs] widened to double (squared-error losses), or null. */
    public double[] targets() {
        return targets;
    }

    /** The mean of {@link #sampleLoss()}. */
    public double meanLoss() {
        return meanLoss;
    }
}
