package io.fdbench.engine.nn;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Kernel;

/**
 * Forward-mode (tangent) propagation through the float network: the exact directional derivative
 * vᵀ∇f of the mean batch loss along a parameter direction v, without a backward pass.
 *
 * <p>Per layer, on the model's kernel: ż = a·V_W + ȧ·W + v_b (ȧ of the input is zero, so the first
 * layer has no second product), then ȧ = σ′(z) ⊙ ż through the activation's output; at the output,
 * vᵀ∇f = Σ δ ⊙ ż with δ = ∂(mean loss)/∂z the loss's own output delta (softmax − one-hot, or
 * (y − t)·σ′, over n). The primal values come from a forward pass already run on the same θ and
 * batch ({@link #prepare}), so q directions cost one forward pass plus q tangent passes (each two
 * products per layer, the first layer's one).
 *
 * <p>Buffers are allocated once: the tangents [capacity × width] of every layer and the output
 * delta. Not thread-safe: one per thread.
 */
public final class ForwardTangent {

    private final Mlp model;
    private final float[][] tangent;
    private final float[] outputDelta;
    private final int capacity;

    public ForwardTangent(Mlp model, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("tangent capacity must be positive, got " + capacity);
        }
        this.model = model;
        this.capacity = capacity;
        int layers = model.layerCount();
        tangent = new float[layers][];
        for (int l = 0; l < layers; l++) {
            tangent[l] = new float[capacity * model.size(l + 1)];
        }
        outputDelta = new float[capacity * model.outputs()];
    }

    /**
     * Reads the output delta from the forward pass that {@code s} holds for {@code batch} (run with
     * {@link Mlp#forward(float[], Batch, ForwardState)} on the θ the directions will be taken at).
     */
    public void prepare(Batch batch, ForwardState s) {
        checkState(batch, s);
        int n = batch.size();
        model.loss().outputDelta(model.kernel(), n, model.outputs(), s.a[model.layerCount() - 1], s.lse,
                batch.labels(), batch.targets(), 0, outputDelta);
    }

    /**
     * vᵀ∇f at the θ and batch of the last {@link #prepare}: one tangent pass. {@code s} must still hold
     * that forward pass.
     */
    public double directionalDerivative(float[] theta, float[] v, Batch batch, ForwardState s) {
        checkState(batch, s);
        if (theta.length != model.parameterCount() || v.length != model.parameterCount()) {
            throw new IllegalArgumentException("theta and direction must have " + model.parameterCount()
                    + " entries, got " + theta.length + " and " + v.length);
        }
        Kernel k = model.kernel();
        int n = batch.size();
        int last = model.layerCount() - 1;
        for (int l = 0; l <= last; l++) {
            int fanIn = model.size(l);
            int fanOut = model.size(l + 1);
            float[] zDot = tangent[l];
            if (l == 0 && model.sparseInput(batch)) {
                // the forward pass left the batch in sparse form
                k.spmm(fanOut, s.sparseInput, v, model.weightOffset(0), zDot, 0, false);
            } else if (l == 0) {
                // inputLive is the forward pass's blank-column mask (all ones when it did not scan)
                k.gemmSkipZeroColumns(n, fanOut, fanIn, batch.x(), 0, v, model.weightOffset(0), zDot, 0, false,
                        s.inputLive);
            } else {
                k.gemm(n, fanOut, fanIn, s.a[l - 1], 0, v, model.weightOffset(l), zDot, 0, false);
                k.gemm(n, fanOut, fanIn, tangent[l - 1], 0, theta, model.weightOffset(l), zDot, 0, true);
            }
            k.addRowVector(n, fanOut, v, model.biasOffset(l), zDot, 0);
            if (l < last) {
                k.multiplyByDerivative(model.activation(l), s.a[l], 0, zDot, 0, n * fanOut);
            }
        }
        float[] zDot = tangent[last];
        double sum = 0;
        for (int i = 0; i < n * model.outputs(); i++) {
            sum += (double) outputDelta[i] * zDot[i];
        }
        return sum;
    }

    private void checkState(Batch batch, ForwardState s) {
        if (batch.size() > capacity) {
            throw new IllegalArgumentException(batch.size() + " rows exceed the tangent's capacity " + capacity);
        }
        model.checkRows(batch, 0, batch.size(), s);
    }
}
