package io.fdbench.engine.kernel.simd;

/**
 * The SIMD C (+)= A·Bᵀ: B is transposed into a per-thread scratch panel (O(n·k) work, reused across
 * calls, so steady-state calls allocate nothing) and the blocked {@link VectorGemm} routine runs,
 * which is much faster than reduced dot products when k is small (the 10-wide output layer).
 * Products narrower than a vector, or with k = 0, take fused scalar dot products.
 */
final class VectorTranspose {

    private static final int L = VectorWidth.L;

    private VectorTranspose() {
    }

    /** Per-thread scratch for Bᵀ; grows to the largest k×n seen, so steady-state calls allocate nothing. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    /** C[m×n] (+)= A[m×k] · Bᵀ, B stored as [n×k]. */
    static void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (n < L || k == 0) {
            scalarABt(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        float[] bt = SCRATCH.get();
        if (bt.length < k * n) {
            bt = new float[k * n];
            SCRATCH.set(bt);
        }
        // bt[p, j] = b[j, p], in 4 × 4 tiles so both sides stay within a few cache lines.
        final int n4 = n & ~3;
        final int k4 = k & ~3;
        for (int j = 0; j < n4; j += 4) {
            int b0 = bOff + j * k;
            for (int p = 0; p < k4; p += 4) {
                for (int pp = p; pp < p + 4; pp++) {
                    int t = pp * n + j;
                    bt[t] = b[b0 + pp];
                    bt[t + 1] = b[b0 + k + pp];
                    bt[t + 2] = b[b0 + 2 * k + pp];
                    bt[t + 3] = b[b0 + 3 * k + pp];
                }
            }
            for (int p = k4; p < k; p++) {
                int t = p * n + j;
                bt[t] = b[b0 + p];
                bt[t + 1] = b[b0 + k + p];
                bt[t + 2] = b[b0 + 2 * k + p];
                bt[t + 3] = b[b0 + 3 * k + p];
            }
        }
        for (int j = n4; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[bOff + j * k + p];
            }
        }
        VectorGemm.blockedGemm(m, n, k, a, aOff, k, 1, bt, 0, c, cOff, accumulate, null, null);
    }

    /** One fused dot product per entry of C. */
    private static void scalarABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                  float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p], b[bj + p], s);
                }
                int idx = cOff + i * n + j;
                c[idx] = accumulate ? c[idx] + s : s;
            }
        }
    }
}
