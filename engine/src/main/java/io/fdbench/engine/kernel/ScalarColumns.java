package io.fdbench.engine.kernel;

/**
 * The scalar column-wise kernels: the bias add (a row vector added to every row), the bias
 * gradient (column sums) and the blank-column mask (column sums of |A|); the last is also the
 * SIMD kernel's tail. Arguments are checked by {@link Kernel}, not here.
 */
public final class ScalarColumns {

    private ScalarColumns() {
    }

    /** Adds the row vector v[n] to every row of C[m×n]. */
    public static void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += v[vOff + j];
            }
        }
    }

    /** out[j] (+)= Σᵢ A[i,j] over A[m×n]. */
    public static void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, outOff, outOff + n, 0f);
        }
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            for (int j = 0; j < n; j++) {
                out[outOff + j] += a[ai + j];
            }
        }
    }

    /** live[j] = Σᵢ |A[i, j]| over A [rows × cols] for columns [from, to). */
    public static void columnAbsSums(int from, int to, int rows, int cols, float[] a, int aOff, float[] live) {
        for (int j = from; j < to; j++) {
            float sum = 0f;
            for (int i = 0; i < rows; i++) {
                sum += Math.abs(a[aOff + i * cols + j]);
            }
            live[j] = sum;
        }
    }
}
