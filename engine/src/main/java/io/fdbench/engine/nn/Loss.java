package io.fdbench.engine.nn;

import io.fdbench.engine.kernel.Activation;

/** The output layer and its loss, averaged over the batch. */
public enum Loss {
    /** Softmax of the logits with cross-entropy −log p[label]; needs class labels. */
    SOFTMAX_CROSS_ENTROPY("softmax-ce", Activation.IDENTITY),
    /** Sigmoid outputs with the squared error ½·Σ(t−y)² per sample; needs float targets. */
    SIGMOID_SQUARED_ERROR("sigmoid-mse", Activation.SIGMOID),
    /** Identity (linear) outputs with the squared error ½·Σ(t−y)² per sample. */
    IDENTITY_SQUARED_ERROR("identity-mse", Activation.IDENTITY);

    private final String label;
    private final Activation output;

    Loss(String label, Activation output) {
        this.label = label;
        this.output = output;
    }

    /** The activation applied to the last layer's pre-activation (identity for softmax: the logits). */
    public Activation outputActivation() {
        return output;
    }

    public boolean needsLabels() {
        return this == SOFTMAX_CROSS_ENTROPY;
    }

    public String label() {
        return label;
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
