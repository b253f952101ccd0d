package io.fdbench.engine.kernel;

/**
 * The scalar GEMMs, in plain loops that state what every kernel's products compute. Loops run
 * i-k-j (or k-i-j for Aᵀ·B) so the inner loop streams contiguous rows, which the JIT
 * auto-vectorises in part. Arguments are checked by {@link Kernel}, not here.
 */
public final class ScalarGemm {

    private ScalarGemm() {
    }

    /** C[m×n] (+)= A[m×k] · B[k×n]. */
    public static void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                            float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                float aip = a[ai + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    /** C[m×n] (+)= A[m×k] · Bᵀ, B stored as [n×k]: one dot product per entry. */
    public static void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                               float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                int idx = cOff + i * n + j;
                c[idx] = accumulate ? c[idx] + s : s;
            }
        }
    }

    /** C[m×n] (+)= Aᵀ · B, A stored as [k×m] and B as [k×n]. */
    public static void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                               float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * m;
            int bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                float api = a[ap + i];
                int ci = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }
}
