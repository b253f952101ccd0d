package io.fdbench.engine.kernel.simd;

import io.fdbench.engine.kernel.ScalarSparse;
import io.fdbench.engine.kernel.SparseRows;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD sparse kernels on {@link SparseRows} (CSR). Compression skips whole zero vectors (MNIST's
 * borders) with one compare. In S·B, row i of C accumulates in registers over the non-zeros of row
 * i of S, so each non-zero costs one broadcast and a few FMAs, and C is stored once per row.
 */
final class VectorSparse {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;

    private VectorSparse() {
    }

    /** Sets s to the dense row-major A[m×k] at aOff without its zero entries. */
    static void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        final int kv = k - k % L;
        int nz = 0;
        for (int i = 0; i < m; i++) {
            s.startRow(i, nz, k);
            final int ai = aOff + i * k;
            for (int p = 0; p < kv; p += L) {
                // Whole zero vectors (MNIST's borders) are skipped with one compare.
                if (FloatVector.fromArray(S, a, ai + p).compare(VectorOperators.NE, 0f).anyTrue()) {
                    nz = s.appendNonZeros(a, ai, p, p + L, nz);
                }
            }
            nz = s.appendNonZeros(a, ai, kv, k, nz);
        }
        s.finish(m, k, nz);
    }

    /**
     * Columns go in groups of up to four vectors ({@link VectorWidth#groupEnd}) kept in registers over the
     * row's non-zeros; a partial last vector overlaps its neighbour inside the group.
     */
    static void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        final int m = s.rows();
        if (n < L) {
            ScalarSparse.spmmRows(0, m, n, s, b, bOff, c, cOff, accumulate);
            return;
        }
        final int[] rowStart = s.rowStarts();
        for (int j = 0, end; j < n; j = end) {
            end = VectorWidth.groupEnd(j, n, 4);
            final int count = (end - j + L - 1) / L;
            final int last = end - L;
            final int o1 = Math.min(j + L, last);
            final int o2 = Math.min(j + 2 * L, last);
            final int o3 = Math.min(j + 3 * L, last);
            for (int i = 0; i < m; i++) {
                spmmGroup(s, rowStart[i], rowStart[i + 1], b, bOff, n, c, cOff + i * n, accumulate,
                        j, o1, o2, o3, count);
            }
        }
    }

    /**
     * Up to four column vectors (offsets o0..o3, the first {@code count} used) of one row of C.
     * The row's non-zeros are split in two halves summed by two sets of accumulators: one chain
     * would wait out the FMA latency on every non-zero.
     */
    private static void spmmGroup(SparseRows s, int q0, int q1, float[] b, int bOff, int n, float[] c, int ci,
                                  boolean accumulate, int o0, int o1, int o2, int o3, int count) {
        FloatVector c0 = accumulate ? FloatVector.fromArray(S, c, ci + o0) : FloatVector.zero(S);
        FloatVector c1 = accumulate && count > 1 ? FloatVector.fromArray(S, c, ci + o1) : FloatVector.zero(S);
        FloatVector c2 = accumulate && count > 2 ? FloatVector.fromArray(S, c, ci + o2) : FloatVector.zero(S);
        FloatVector c3 = accumulate && count > 3 ? FloatVector.fromArray(S, c, ci + o3) : FloatVector.zero(S);
        FloatVector d0 = FloatVector.zero(S);
        FloatVector d1 = FloatVector.zero(S);
        FloatVector d2 = FloatVector.zero(S);
        FloatVector d3 = FloatVector.zero(S);
        final int[] col = s.entryColumns();
        final float[] val = s.entryValues();
        final int half = (q1 - q0) >>> 1;
        final int mid = q0 + half;
        if (count == 4) {
            for (int q = q0; q < mid; q++) {
                FloatVector x = FloatVector.broadcast(S, val[q]);
                FloatVector y = FloatVector.broadcast(S, val[q + half]);
                int bp = bOff + col[q] * n;
                int br = bOff + col[q + half] * n;
                c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
                c1 = x.fma(FloatVector.fromArray(S, b, bp + o1), c1);
                c2 = x.fma(FloatVector.fromArray(S, b, bp + o2), c2);
                c3 = x.fma(FloatVector.fromArray(S, b, bp + o3), c3);
                d0 = y.fma(FloatVector.fromArray(S, b, br + o0), d0);
                d1 = y.fma(FloatVector.fromArray(S, b, br + o1), d1);
                d2 = y.fma(FloatVector.fromArray(S, b, br + o2), d2);
                d3 = y.fma(FloatVector.fromArray(S, b, br + o3), d3);
            }
        } else if (count == 3) {
            for (int q = q0; q < mid; q++) {
                FloatVector x = FloatVector.broadcast(S, val[q]);
                FloatVector y = FloatVector.broadcast(S, val[q + half]);
                int bp = bOff + col[q] * n;
                int br = bOff + col[q + half] * n;
                c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
                c1 = x.fma(FloatVector.fromArray(S, b, bp + o1), c1);
                c2 = x.fma(FloatVector.fromArray(S, b, bp + o2), c2);
                d0 = y.fma(FloatVector.fromArray(S, b, br + o0), d0);
                d1 = y.fma(FloatVector.fromArray(S, b, br + o1), d1);
                d2 = y.fma(FloatVector.fromArray(S, b, br + o2), d2);
            }
        } else if (count == 2) {
            for (int q = q0; q < mid; q++) {
                FloatVector x = FloatVector.broadcast(S, val[q]);
                FloatVector y = FloatVector.broadcast(S, val[q + half]);
                int bp = bOff + col[q] * n;
                int br = bOff + col[q + half] * n;
                c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
                c1 = x.fma(FloatVector.fromArray(S, b, bp + o1), c1);
                d0 = y.fma(FloatVector.fromArray(S, b, br + o0), d0);
                d1 = y.fma(FloatVector.fromArray(S, b, br + o1), d1);
            }
        } else {
            for (int q = q0; q < mid; q++) {
                c0 = FloatVector.broadcast(S, val[q]).fma(FloatVector.fromArray(S, b, bOff + col[q] * n + o0), c0);
                d0 = FloatVector.broadcast(S, val[q + half])
                        .fma(FloatVector.fromArray(S, b, bOff + col[q + half] * n + o0), d0);
            }
        }
        if (q1 - q0 > 2 * half) {
            // The odd non-zero out.
            int q = q1 - 1;
            FloatVector x = FloatVector.broadcast(S, val[q]);
            int bp = bOff + col[q] * n;
            c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
            c1 = count > 1 ? x.fma(FloatVector.fromArray(S, b, bp + o1), c1) : c1;
            c2 = count > 2 ? x.fma(FloatVector.fromArray(S, b, bp + o2), c2) : c2;
            c3 = count > 3 ? x.fma(FloatVector.fromArray(S, b, bp + o3), c3) : c3;
        }
        // Overlapping lanes agree bit for bit, so the order of these stores does not matter.
        c0.add(d0).intoArray(c, ci + o0);
        if (count > 1) {
            c1.add(d1).intoArray(c, ci + o1);
        }
        if (count > 2) {
            c2.add(d2).intoArray(c, ci + o2);
        }
        if (count > 3) {
            c3.add(d3).intoArray(c, ci + o3);
        }
    }
}
