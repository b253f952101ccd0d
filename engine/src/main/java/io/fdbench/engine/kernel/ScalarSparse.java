package io.fdbench.engine.kernel;

/**
 * The scalar sparse kernels: compression to {@link SparseRows} (CSR) and S·B one row of C at a
 * time; also the SIMD kernel's path for products narrower than a vector. Arguments are checked
 * by {@link Kernel}, not here.
 */
public final class ScalarSparse {

    private ScalarSparse() {
    }

    /** Sets s to the dense row-major A[m×k] at aOff, dropping exact zeros. */
    public static void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        int nz = 0;
        for (int i = 0; i < m; i++) {
            s.startRow(i, nz, k);
            nz = s.appendNonZeros(a, aOff + i * k, 0, k, nz);
        }
        s.finish(m, k, nz);
    }

    /** Rows [from, to) of C (+)= S·B, one row of C at a time. */
    public static void spmmRows(int from, int to, int n, SparseRows s, float[] b, int bOff, float[] c, int cOff,
                                boolean accumulate) {
        final int[] rowStart = s.rowStarts();
        final int[] col = s.entryColumns();
        final float[] val = s.entryValues();
        for (int i = from; i < to; i++) {
            int ci = cOff + i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                float x = val[q];
                int bp = bOff + col[q] * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }
}
