package io.fdbench.engine.nn;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Kernel;

/** Exact gradient of the mean batch loss by backpropagation, on the model's float kernel. */
public final class Backprop {

    private Backprop() {
    }

    /**
     * Runs the forward pass, then writes ∂(mean loss)/∂θ into {@code grad} (same layout as theta).
     *
     * @return the mean batch loss at theta
     */
    public static float gradient(Mlp m, float[] theta, Batch batch, ForwardState s, float[] grad) {
        return gradient(m, theta, batch, 0, batch.size(), s, grad);
    }

    /** The gradient of the mean loss over rows [from, from + count) of the batch. */
    public static float gradient(Mlp m, float[] theta, Batch batch, int from, int count, ForwardState s,
                                 float[] grad) {
        float loss = m.forward(theta, batch, from, count, s);
        backward(m, theta, batch, from, count, s, grad);
        return loss;
    }

    /** The backward pass over the state of a forward pass just run on the same theta and batch. */
    public static void backward(Mlp m, float[] theta, Batch batch, ForwardState s, float[] grad) {
        backward(m, theta, batch, 0, batch.size(), s, grad);
    }

    /** The backward pass over the state of a forward pass just run on the same rows. */
    public static void backward(Mlp m, float[] theta, Batch batch, int from, int count, ForwardState s,
                                float[] grad) {
        if (grad.length != m.parameterCount()) {
            throw new IllegalArgumentException("gradient has " + grad.length + " entries, expected " + m.parameterCount());
        }
        m.checkRows(batch, from, count, s);
        Kernel k = m.kernel();
        int n = count;
        int last = m.layerCount() - 1;
        outputDelta(m, batch, from, count, s, s.delta(last));
        for (int l = last; l >= 0; l--) {
            int fanIn = m.size(l);
            int fanOut = m.size(l + 1);
            float[] d = s.delta(l);
            float[] input = l == 0 ? batch.x() : s.a[l - 1];
            int inOff = l == 0 ? from * fanIn : 0;
            if (l == 0 && m.sparseInput(batch)) {
                // The forward pass left the batch in sparse form: Xᵀ·δ costs its non-zeros only.
                s.sparseInput.transposeInto(s.sparseInputT);
                k.spmm(fanOut, s.sparseInputT, d, 0, grad, m.weightOffset(l), false);
            } else if (l == 0) {
                // Blank pixels (zero in every row of the batch, found by the forward pass) have
                // zero weight-gradient rows.
                k.gemmAtBSkipZeroColumns(fanIn, fanOut, n, input, inOff, d, 0, grad, m.weightOffset(l), false,
                        s.inputLive);
            } else {
                k.gemmAtB(fanIn, fanOut, n, input, inOff, d, 0, grad, m.weightOffset(l), false);
            }
            k.columnSums(n, fanOut, d, 0, grad, m.biasOffset(l), false);
            if (l > 0) {
                float[] below = s.delta(l - 1);
                k.gemmABt(n, fanIn, fanOut, d, 0, theta, m.weightOffset(l), below, 0, false);
                k.multiplyByDerivative(m.activation(l - 1), s.a[l - 1], 0, below, 0, n * fanIn);
            }
        }
    }

    /** δ of the output pre-activation for the mean loss: the loss's formula. */
    private static void outputDelta(Mlp m, Batch batch, int from, int count, ForwardState s, float[] d) {
        m.loss().outputDelta(m.kernel(), count, m.outputs(), s.a[m.layerCount() - 1], s.lse, batch.labels(),
                batch.targets(), from, d);
    }
}
