package io.fdbench.engine.nn;

/**
 * Preallocated buffers of one forward and backward pass for batches up to a capacity.
 *
 * <p>Keeps what the estimators need after a forward pass: each layer's pre-activation z and
 * activation a [rows × width], per-sample losses and, for softmax, the per-sample log-sum-exp of
 * the logits. Not thread-safe: one state per thread.
 */
public final class ForwardState {

    final Mlp model;
    final float[][] z;
    final float[][] a;
    final float[][] delta;
    final float[] sampleLoss;
    final float[] lse;
    /** The batch input without its zeros, and its transpose, when the input is mostly zero (MNIST). */
    final io.fdbench.engine.kernel.SparseRows sparseInput;
    final io.fdbench.engine.kernel.SparseRows sparseInputT;
    /**
     * Σ|x| over the batch for each input of a dense first layer: zero for a blank input (a border
     * pixel), whose steps the forward GEMM and whose weight-gradient rows the backward one skip.
     */
    final float[] inputLive;
    private final int capacity;

    ForwardState(Mlp model, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("state capacity must be positive, got " + capacity);
        }
        this.model = model;
        this.capacity = capacity;
        int layers = model.layerCount();
        z = new float[layers][];
        a = new float[layers][];
        delta = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int w = model.size(l + 1);
            z[l] = new float[capacity * w];
            a[l] = new float[capacity * w];
            delta[l] = new float[capacity * w];
        }
        sampleLoss = new float[capacity];
        lse = new float[capacity];
        sparseInput = new io.fdbench.engine.kernel.SparseRows(capacity, 0);
        sparseInputT = new io.fdbench.engine.kernel.SparseRows(model.inputs(), 0);
        inputLive = new float[model.inputs()];
    }

    public int capacity() {
        return capacity;
    }

    public Mlp model() {
        return model;
    }

    /** Layer l's pre-activation [rows × size(l+1)] from the last forward pass (shared, not copied). */
    public float[] preActivation(int layer) {
        return z[layer];
    }

    /** Layer l's activation [rows × size(l+1)]; the last layer's is the output (logits for softmax). */
    public float[] activation(int layer) {
        return a[layer];
    }

    /** Per-sample losses of the last forward pass. */
    public float[] sampleLoss() {
        return sampleLoss;
    }

    /** Per-sample log Σ exp(logits) of the last forward pass (softmax loss only). */
    public float[] logSumExp() {
        return lse;
    }

    /** Scratch for backprop's deltas, one buffer per layer. */
    float[] delta(int layer) {
        return delta[layer];
    }
}
