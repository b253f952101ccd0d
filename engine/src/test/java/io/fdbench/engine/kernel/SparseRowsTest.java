package io.fdbench.engine.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SparseRowsTest {

    private static float[] sparse(int m, int k, long seed) {
        Random r = new Random(seed);
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble() < 0.8 ? 0f : (float) r.nextDouble();
        }
        return a;
    }

    /** Expands S back to a dense row-major matrix through spmm with the identity. */
    private static float[] dense(Kernel k, SparseRows s) {
        float[] eye = new float[s.cols() * s.cols()];
        for (int i = 0; i < s.cols(); i++) {
            eye[i * s.cols() + i] = 1f;
        }
        float[] out = new float[s.rows() * s.cols()];
        k.spmm(s.cols(), s, eye, 0, out, 0, false);
        return out;
    }

    @Test
    void compressKeepsExactlyTheNonZerosAndTransposeSwapsRowsAndColumns() {
        for (Kernel k : new Kernel[] {Kernels.scalar(), Kernels.best()}) {
            int m = 37;
            int n = 53;
            float[] a = sparse(m, n, 1);
            SparseRows s = new SparseRows(m, 0);
            k.compress(m, n, a, 0, s);
            int nonZeros = 0;
            for (float v : a) {
                nonZeros += v != 0f ? 1 : 0;
            }
            assertEquals(nonZeros, s.nonZeros(), k.name());
            float[] back = dense(k, s);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], back[i], 0f, k.name() + " entry " + i);
            }
            SparseRows t = new SparseRows(n, 0);
            s.transposeInto(t);
            assertEquals(n, t.rows());
            assertEquals(m, t.cols());
            float[] tt = dense(k, t);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(a[i * n + j], tt[j * m + i], 0f, k.name() + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void tooManyRowsIsAnError() {
        SparseRows s = new SparseRows(2, 0);
        assertThrows(IllegalArgumentException.class, () -> Kernels.scalar().compress(3, 4, new float[12], 0, s));
    }
}
