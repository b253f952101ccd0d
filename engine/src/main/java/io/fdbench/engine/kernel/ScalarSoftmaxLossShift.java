package io.fdbench.engine.kernel;

/**
 * The scalar {@link Kernel#softmaxLossShift}: one sum of p·exp(d·w) over the classes per point,
 * with {@code Math.exp} and {@code Math.log}; also the SIMD kernel's reference. Arguments are
 * checked by {@link Kernel}, not here.
 */
public final class ScalarSoftmaxLossShift {

    private ScalarSoftmaxLossShift() {
    }

    /** out[t] = log Σₖ p[k]·exp(d[t]·w[k]) − d[t]·w[label] for points t in [from, to). */
    public static void softmaxLossShift(int from, int to, float[] d, int dOff, float[] p, int pOff, float[] w,
                                        int wOff, int classes, int label, float[] out, int outOff) {
        for (int t = from; t < to; t++) {
            float dt = d[dOff + t];
            float sum = 0f;
            for (int k = 0; k < classes; k++) {
                sum += p[pOff + k] * (float) Math.exp(dt * w[wOff + k]);
            }
            out[outOff + t] = (float) Math.log(sum) - dt * w[wOff + label];
        }
    }
}
