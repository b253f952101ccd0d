package io.fdbench.engine.kernel;

/** Element-wise activations, with the derivative written through the output y = f(z). */
public enum Activation {
    SIGMOID {
        @Override public float apply(float z) { return (float) (1.0 / (1.0 + Math.exp(-z))); }
        @Override public double apply(double z) { return 1.0 / (1.0 + Math.exp(-z)); }
        @Override public float derivativeFromOutput(float y) { return y * (1f - y); }
        @Override public double derivativeFromOutput(double y) { return y * (1.0 - y); }
    },
    TANH {
        @Override public float apply(float z) { return (float) Math.tanh(z); }
        @Override public double apply(double z) { return Math.tanh(z); }
        @Override public float derivativeFromOutput(float y) { return 1f - y * y; }
        @Override public double derivativeFromOutput(double y) { return 1.0 - y * y; }
    },
    RELU {
        @Override public float apply(float z) { return z > 0f ? z : 0f; }
        @Override public double apply(double z) { return z > 0.0 ? z : 0.0; }
        @Override public float derivativeFromOutput(float y) { return y > 0f ? 1f : 0f; }
        @Override public double derivativeFromOutput(double y) { return y > 0.0 ? 1.0 : 0.0; }
    },
    IDENTITY {
        @Override public float apply(float z) { return z; }
        @Override public double apply(double z) { return z; }
        @Override public float derivativeFromOutput(float y) { return 1f; }
        @Override public double derivativeFromOutput(double y) { return 1.0; }
    };

    public abstract float apply(float z);

    public abstract double apply(double z);

    /** f′(z) as a function of y = f(z); ReLU's derivative at 0 is taken as 0. */
    public abstract float derivativeFromOutput(float y);

    public abstract double derivativeFromOutput(double y);

    /** Parses "sigmoid", "tanh", "relu", "identity" (case-insensitive). */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (expected sigmoid, tanh, relu or identity)");
    }
}
