package io.fdbench.engine.kernel;

/**
 * The scalar row softmax: max-shifted log-sum-exp per row and the probabilities from it, with
 * {@code Math.exp} and {@code Math.log}; also the SIMD kernel's path for rows narrower than a
 * vector. Arguments are checked by {@link Kernel}, not here.
 */
public final class ScalarSoftmax {

    private ScalarSoftmax() {
    }

    /** lse[i] = max + log Σⱼ exp(z[i,j] − max) for each row of Z[m×n]. */
    public static void logSumExpRows(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        for (int i = 0; i < m; i++) {
            lse[lseOff + i] = logSumExp(z, zOff + i * n, n);
        }
    }

    /** P[i,j] = exp(z[i,j] − lse[i]); P may alias Z. */
    public static void softmaxRows(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        for (int i = 0; i < m; i++) {
            int zi = zOff + i * n;
            int pi = pOff + i * n;
            float l = lse[lseOff + i];
            for (int j = 0; j < n; j++) {
                p[pi + j] = (float) Math.exp(z[zi + j] - l);
            }
        }
    }

    /** max + log Σⱼ exp(z[off + j] − max) over one row of {@code n} values, in float. */
    public static float logSumExp(float[] z, int off, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, z[off + j]);
        }
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            sum += (float) Math.exp(z[off + j] - max);
        }
        return max + (float) Math.log(sum);
    }
}
