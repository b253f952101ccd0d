package io.fdbench.engine.kernel;

/** The scalar activations and their backward step, through {@link Activation}'s own formulas. Arguments are checked by {@link Kernel}. */
public final class ScalarActivations {

    private ScalarActivations() {
    }

    /** y[i] = f(z[i]) for {@code len} entries; y may alias z. */
    public static void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = f.apply(z[zOff + i]);
        }
    }

    /** delta[i] *= f′ through the output y = f(z). */
    public static void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            delta[dOff + i] *= f.derivativeFromOutput(y[yOff + i]);
        }
    }
}
