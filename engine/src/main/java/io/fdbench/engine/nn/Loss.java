package io.fdbench.engine.nn;

import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.ScalarSoftmax;

/**
 * The output layer and its loss, averaged over the batch: the one place that knows each loss's
 * formulas (per-sample loss, output delta, output activation) and which loss a network of a given
 * output width gets by default.
 *
 * <p>The float formulas are the model's ({@link Mlp#forward}, {@link Backprop}) and the
 * finite-difference evaluators'; the double-precision reference ({@code ReferenceMlp}) keeps its
 * own independent code, as ground truth must. Each method is chosen once per call (per batch or
 * per sample), never per element, and its loops are the ones the model ran before they moved here.
 */
public enum Loss {
    /** Softmax of the logits with cross-entropy −log p[label]; needs class labels. */
    SOFTMAX_CROSS_ENTROPY("softmax-ce", Activation.IDENTITY, 2) {
        @Override
        public double sampleLosses(Kernel kernel, int n, int out, float[] y, int[] labels, float[] targets, int from,
                                   float[] lse, float[] per) {
            kernel.rowLogSumExp(n, out, y, 0, lse, 0);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                per[i] = lse[i] - y[i * out + labels[from + i]];
                sum += per[i];
            }
            return sum;
        }

        @Override
        public void outputDelta(Kernel kernel, int n, int out, float[] y, float[] lse, int[] labels, float[] targets,
                                int from, float[] delta) {
            float inv = 1f / n;
            kernel.rowSoftmax(n, out, y, 0, lse, 0, delta, 0);
            for (int i = 0; i < n; i++) {
                delta[i * out + labels[from + i]] -= 1f;
            }
            for (int i = 0; i < n * out; i++) {
                delta[i] *= inv;
            }
        }

        @Override
        public float sampleLoss(float[] z, int zOff, int out, int[] labels, float[] targets, int row) {
            return ScalarSoftmax.logSumExp(z, zOff, out) - z[zOff + labels[row]];
        }

        @Override
        public double sampleLoss(double[] z, int zOff, int out, int[] labels, double[] targets, int row) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < out; k++) {
                max = Math.max(max, z[zOff + k]);
            }
            double sum = 0;
            for (int k = 0; k < out; k++) {
                sum += Math.exp(z[zOff + k] - max);
            }
            return max + Math.log(sum) - z[zOff + labels[row]];
        }

        @Override
        public boolean hasLogitShift() {
            return true;
        }

        @Override
        public double logitShift(float p, double delta, boolean isLabel) {
            double change = Math.log1p(p * Math.expm1(delta));
            return isLabel ? change - delta : change;
        }
    },
    /** Sigmoid outputs with the squared error ½·Σ(t−y)² per sample; needs float targets. */
    SIGMOID_SQUARED_ERROR("sigmoid-mse", Activation.SIGMOID, 1),
    /** Identity (linear) outputs with the squared error ½·Σ(t−y)² per sample. */
    IDENTITY_SQUARED_ERROR("identity-mse", Activation.IDENTITY, 1);

    private final String label;
    private final Activation output;
    private final int minOutputs;

    Loss(String label, Activation output, int minOutputs) {
        this.label = label;
        this.output = output;
        this.minOutputs = minOutputs;
    }

    /**
     * The loss a network with this many outputs gets unless told otherwise: sigmoid squared error
     * for a single output (a probability or a target in [0, 1]), softmax cross-entropy for two or
     * more (classes).
     */
    public static Loss forOutputs(int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be at least 1, got " + outputs);
        }
        return outputs == 1 ? SIGMOID_SQUARED_ERROR : SOFTMAX_CROSS_ENTROPY;
    }

    /** The activation applied to the last layer's pre-activation (identity for softmax: the logits). */
    public Activation outputActivation() {
        return output;
    }

    /** The fewest outputs the loss means something for (softmax over one class is always 0). */
    public int minOutputs() {
        return minOutputs;
    }

    public boolean needsLabels() {
        return this == SOFTMAX_CROSS_ENTROPY;
    }

    public String label() {
        return label;
    }

    /**
     * Per-sample losses of n rows in float: per[i] from output row i of y [n × out] (after the
     * output activation) against the labels or targets of data row from + i; for softmax, lse[i]
     * receives the row's log Σ exp (scratch otherwise). Returns Σ per[i], summed in double.
     */
    public double sampleLosses(Kernel kernel, int n, int out, float[] y, int[] labels, float[] targets, int from,
                               float[] lse, float[] per) {
        int tOff = from * out;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = 0f;
            for (int j = 0; j < out; j++) {
                float d = targets[tOff + i * out + j] - y[i * out + j];
                e += d * d;
            }
            per[i] = 0.5f * e;
            sum += per[i];
        }
        return sum;
    }

    /**
     * δ = ∂(mean loss)/∂z of the output pre-activation [n × out] in float: (softmax − onehot)/n,
     * or (y − t)·f′/n; y and lse as {@link #sampleLosses} left them.
     */
    public void outputDelta(Kernel kernel, int n, int out, float[] y, float[] lse, int[] labels, float[] targets,
                            int from, float[] delta) {
        float inv = 1f / n;
        int tOff = from * out;
        for (int i = 0; i < n * out; i++) {
            delta[i] = (y[i] - targets[tOff + i]) * inv;
        }
        kernel.multiplyByDerivative(output, y, 0, delta, 0, n * out);
    }

    /**
     * One sample's loss in float from its output pre-activation z[zOff, zOff + out) against data
     * row {@code row}, with scalar arithmetic (the incremental evaluator's per-sample path).
     */
    public float sampleLoss(float[] z, int zOff, int out, int[] labels, float[] targets, int row) {
        float e = 0f;
        for (int k = 0; k < out; k++) {
            float d = targets[row * out + k] - output.apply(z[zOff + k]);
            e += d * d;
        }
        return 0.5f * e;
    }

    /** As {@link #sampleLoss(float[], int, int, int[], float[], int)} in double. */
    public double sampleLoss(double[] z, int zOff, int out, int[] labels, double[] targets, int row) {
        double e = 0;
        for (int k = 0; k < out; k++) {
            double d = targets[row * out + k] - output.apply(z[zOff + k]);
            e += d * d;
        }
        return 0.5 * e;
    }

    /**
     * Whether a change Δ of one logit moves a sample's loss by the closed form {@link #logitShift}
     * of the sample's softmax row: true for softmax cross-entropy, whose incremental evaluation
     * (and {@code Kernel.softmaxLossShift}) relies on it.
     */
    public boolean hasLogitShift() {
        return false;
    }

    /**
     * The change of a sample's loss when one logit with softmax probability p moves by Δ:
     * log(1 + p·(e^Δ − 1)) − [the logit is the label's]·Δ. Only for {@link #hasLogitShift} losses.
     */
    public double logitShift(float p, double delta, boolean isLabel) {
        throw new UnsupportedOperationException(label + " has no closed-form logit shift");
    }

    /** Parses "softmax-ce", "sigmoid-mse", "identity-mse" (also "mse" for identity-mse). */
    public static Loss parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        for (Loss l : values()) {
            if (l.label.equals(t) || l.name().equalsIgnoreCase(t)) {
                return l;
            }
        }
        if (t.equals("mse")) {
            return IDENTITY_SQUARED_ERROR;
        }
        throw new IllegalArgumentException("unknown loss '" + s + "' (expected softmax-ce, sigmoid-mse or identity-mse)");
    }
}
