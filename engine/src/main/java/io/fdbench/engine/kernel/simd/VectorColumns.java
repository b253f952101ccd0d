package io.fdbench.engine.kernel.simd;

import io.fdbench.engine.kernel.ScalarColumns;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD column-wise kernels: the bias add, the bias gradient (column sums, one vector of
 * columns summed down the rows at a time) and the blank-column mask (column sums of |A|).
 */
final class VectorColumns {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;

    private VectorColumns() {
    }

    /** live[j] = Σᵢ |A[i, j]| over A [rows × cols]. */
    static void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live) {
        final int cv = cols - cols % L;
        for (int j = 0; j < cv; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0; i < rows; i++) {
                acc = acc.add(FloatVector.fromArray(S, a, aOff + i * cols + j).abs());
            }
            acc.intoArray(live, j);
        }
        ScalarColumns.columnAbsSums(cv, cols, rows, cols, a, aOff, live);
    }

    /** Adds the row vector v[n] to every row of C[m×n]. */
    static void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        final int nv = n - n % L;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int j = 0;
            for (; j < nv; j += L) {
                FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, v, vOff + j)).intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] += v[vOff + j];
            }
        }
    }

    /** out[j] (+)= Σᵢ A[i,j] over A[m×n]. */
    static void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        final int nv = n - n % L;
        int j = 0;
        for (; j < nv; j += L) {
            FloatVector s = accumulate ? FloatVector.fromArray(S, out, outOff + j) : FloatVector.zero(S);
            for (int i = 0, ai = aOff + j; i < m; i++, ai += n) {
                s = s.add(FloatVector.fromArray(S, a, ai));
            }
            s.intoArray(out, outOff + j);
        }
        for (; j < n; j++) {
            float s = accumulate ? out[outOff + j] : 0f;
            for (int i = 0, ai = aOff + j; i < m; i++, ai += n) {
                s += a[ai];
            }
            out[outOff + j] = s;
        }
    }
}
