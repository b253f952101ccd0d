package io.fdbench.engine.kernel.simd;

import io.fdbench.engine.tuning.Tuning;

import io.fdbench.engine.tuning.Tuning;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD GEMMs C (+)= A·B and C (+)= Aᵀ·B, one register-blocked routine for both: a block of
 * 5 rows × {@link Tuning#gemmColumnVectors} column vectors of C (5 × 4 at 512 bits, 5 × 2 at 256)
 * stays in registers across a panel of {@link Tuning#GEMM_PANEL_STEPS} k steps, broadcasting A
 * entries and fusing with FMA. A(i, p) = a[aOff + i·aRs + p·aCs], so Aᵀ·B is the same routine with
 * the strides swapped. A partial last vector of columns overlaps its neighbour inside the same
 * block instead of using a mask (masked loads and stores box on JDK 17 and are slow without
 * AVX-512). Products narrower than one vector go to {@link VectorNarrowGemm}. The skip variants
 * leave out the inner steps (or rows of C) whose column of A is blank. Results match the scalar
 * kernel up to rounding order (FMA and reduction order change the last bits).
 */
final class VectorGemm {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;
    /** Column vectors per register block (see {@link Tuning#gemmColumnVectors}). */
    private static final int GEMM_GROUP = Tuning.gemmColumnVectors(L);
    /** Number of k steps kept in one panel (see {@link Tuning#GEMM_PANEL_STEPS}). */
    private static final int KC = Tuning.GEMM_PANEL_STEPS;
    /** Blank inner steps closer than this to the next live one are computed (see {@link Tuning#GEMM_SKIP_GAP}). */
    private static final int SKIP_GAP = Tuning.GEMM_SKIP_GAP;

    private VectorGemm() {
    }

    /** C[m×n] (+)= A[m×k] · B[k×n]. */
    static void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        blockedGemm(m, n, k, a, aOff, k, 1, b, bOff, c, cOff, accumulate, null, null);
    }

    /** C[m×n] (+)= Aᵀ · B, A stored as [k×m]. */
    static void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        blockedGemm(m, n, k, a, aOff, 1, m, b, bOff, c, cOff, accumulate, null, null);
    }

    /** {@link #gemm} without the inner steps p where live[p] == 0. */
    static void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                    float[] c, int cOff, boolean accumulate, float[] live) {
        blockedGemm(m, n, k, a, aOff, k, 1, b, bOff, c, cOff, accumulate, null, live);
    }

    /** {@link #gemmAtB} without the rows i of C where live[i] == 0. */
    static void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                       float[] c, int cOff, boolean accumulate, float[] live) {
        blockedGemm(m, n, k, a, aOff, 1, m, b, bOff, c, cOff, accumulate, live, null);
    }

    /** The first step from p on that is live (all steps are when live is null), or k. */
    private static int nextLive(float[] live, int p, int k) {
        if (live != null) {
            while (p < k && live[p] == 0f) {
                p++;
            }
        }
        return p;
    }

    /**
     * The end of the k panel starting at the live step p0: at most KC steps, ending before a run
     * of more than SKIP_GAP blank steps.
     */
    private static int panelEnd(float[] live, int p0, int k) {
        int limit = Math.min(k, p0 + KC);
        if (live == null) {
            return limit;
        }
        int end = p0 + 1;
        while (end < limit) {
            int next = nextLive(live, end, limit);
            if (next == limit || next - end > SKIP_GAP) {
                break;
            }
            end = next + 1;
        }
        return end;
    }

    /** Whether rows i..i+rows−1 of C may be non-zero: live is null, or one of its sums is not 0 (NaN is). */
    private static boolean live(float[] live, int i, int rows) {
        if (live == null) {
            return true;
        }
        for (int r = i; r < i + rows; r++) {
            if (live[r] != 0f) {
                return true;
            }
        }
        return false;
    }

    /**
     * C[m×n] (+)= A·B[k×n] with A(i, p) = a[aOff + i·aRs + p·aCs], leaving out the rows of C whose
     * liveRows entry is 0 and the inner steps whose liveSteps entry is 0 (either mask may be null).
     */
    static void blockedGemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                            float[] b, int bOff, float[] c, int cOff, boolean accumulate, float[] liveRows,
                            float[] liveSteps) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, cOff, cOff + m * n, 0f);
            }
            return;
        }
        if (n < L) {
            VectorNarrowGemm.narrowGemm(m, n, k, a, aOff, aRs, aCs, b, bOff, c, cOff, accumulate);
            return;
        }
        if (!accumulate) {
            // Blocks always add into C: a load per accumulator instead of a branch in each keeps
            // the block methods small enough for C2 to intrinsify every vector operation (with
            // the branch, a quarter of the JVMs measured ran boxed).
            Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
        for (int p0 = nextLive(liveSteps, 0, k), p1; p0 < k; p0 = nextLive(liveSteps, p1, k)) {
            p1 = panelEnd(liveSteps, p0, k);
            for (int j = 0, end; j < n; j = end) {
                end = VectorWidth.groupEnd(j, n, GEMM_GROUP);
                int count = (end - j + L - 1) / L;
                int last = end - L;
                if (count == 4) {
                    int o3 = Math.min(j + 3 * L, last);
                    int i = 0;
                    for (; i + 5 <= m; i += 5) {
                        if (live(liveRows, i, 5)) {
                            block5x4(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, j + L, j + 2 * L, o3,
                                    c, cOff + i * n);
                        }
                    }
                    for (; i < m; i++) {
                        if (live(liveRows, i, 1)) {
                            block1x4(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, j + L, j + 2 * L, o3,
                                    c, cOff + i * n);
                        }
                    }
                    continue;
                }
                // One to three vectors: a lone full vector when the count is odd, then a pair whose
                // second vector may overlap the first.
                int jp = j;
                if (count != 2) {
                    int i = 0;
                    for (; i + 5 <= m; i += 5) {
                        if (live(liveRows, i, 5)) {
                            block5x1(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, c, cOff + i * n);
                        }
                    }
                    for (; i < m; i++) {
                        if (live(liveRows, i, 1)) {
                            block1x1(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, c, cOff + i * n);
                        }
                    }
                    jp = j + L;
                }
                if (count > 1) {
                    int o1 = Math.min(jp + L, last);
                    int i = 0;
                    for (; i + 5 <= m; i += 5) {
                        if (live(liveRows, i, 5)) {
                            block5x2(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, jp, o1, c, cOff + i * n);
                        }
                    }
                    for (; i < m; i++) {
                        if (live(liveRows, i, 1)) {
                            block1x2(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, jp, o1, c, cOff + i * n);
                        }
                    }
                }
            }
        }
    }

    /** Rows i..i+4 (A row i starts at a0, C row i at c0) × four column vectors at o0..o3, added into C over k steps p0..p1. */
    private static void block5x4(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1, int o2, int o3,
                                 float[] c, int c0) {
        final int a1 = a0 + aRs;
        final int a2 = a1 + aRs;
        final int a3 = a2 + aRs;
        final int a4 = a3 + aRs;
        final int r0 = c0;
        final int r1 = c0 + 1 * n;
        final int r2 = c0 + 2 * n;
        final int r3 = c0 + 3 * n;
        final int r4 = c0 + 4 * n;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        FloatVector c02 = FloatVector.fromArray(S, c, r0 + o2);
        FloatVector c03 = FloatVector.fromArray(S, c, r0 + o3);
        FloatVector c10 = FloatVector.fromArray(S, c, r1 + o0);
        FloatVector c11 = FloatVector.fromArray(S, c, r1 + o1);
        FloatVector c12 = FloatVector.fromArray(S, c, r1 + o2);
        FloatVector c13 = FloatVector.fromArray(S, c, r1 + o3);
        FloatVector c20 = FloatVector.fromArray(S, c, r2 + o0);
        FloatVector c21 = FloatVector.fromArray(S, c, r2 + o1);
        FloatVector c22 = FloatVector.fromArray(S, c, r2 + o2);
        FloatVector c23 = FloatVector.fromArray(S, c, r2 + o3);
        FloatVector c30 = FloatVector.fromArray(S, c, r3 + o0);
        FloatVector c31 = FloatVector.fromArray(S, c, r3 + o1);
        FloatVector c32 = FloatVector.fromArray(S, c, r3 + o2);
        FloatVector c33 = FloatVector.fromArray(S, c, r3 + o3);
        FloatVector c40 = FloatVector.fromArray(S, c, r4 + o0);
        FloatVector c41 = FloatVector.fromArray(S, c, r4 + o1);
        FloatVector c42 = FloatVector.fromArray(S, c, r4 + o2);
        FloatVector c43 = FloatVector.fromArray(S, c, r4 + o3);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + o2);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + o3);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
        c02.intoArray(c, r0 + o2);
        c03.intoArray(c, r0 + o3);
        c10.intoArray(c, r1 + o0);
        c11.intoArray(c, r1 + o1);
        c12.intoArray(c, r1 + o2);
        c13.intoArray(c, r1 + o3);
        c20.intoArray(c, r2 + o0);
        c21.intoArray(c, r2 + o1);
        c22.intoArray(c, r2 + o2);
        c23.intoArray(c, r2 + o3);
        c30.intoArray(c, r3 + o0);
        c31.intoArray(c, r3 + o1);
        c32.intoArray(c, r3 + o2);
        c33.intoArray(c, r3 + o3);
        c40.intoArray(c, r4 + o0);
        c41.intoArray(c, r4 + o1);
        c42.intoArray(c, r4 + o2);
        c43.intoArray(c, r4 + o3);
    }

    /** Rows i..i+4 (A row i starts at a0, C row i at c0) × two column vectors at o0, o1 (o1 may overlap o0), added into C over k steps p0..p1. */
    private static void block5x2(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1,
                                 float[] c, int c0) {
        final int a1 = a0 + aRs;
        final int a2 = a1 + aRs;
        final int a3 = a2 + aRs;
        final int a4 = a3 + aRs;
        final int r0 = c0;
        final int r1 = c0 + 1 * n;
        final int r2 = c0 + 2 * n;
        final int r3 = c0 + 3 * n;
        final int r4 = c0 + 4 * n;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        FloatVector c10 = FloatVector.fromArray(S, c, r1 + o0);
        FloatVector c11 = FloatVector.fromArray(S, c, r1 + o1);
        FloatVector c20 = FloatVector.fromArray(S, c, r2 + o0);
        FloatVector c21 = FloatVector.fromArray(S, c, r2 + o1);
        FloatVector c30 = FloatVector.fromArray(S, c, r3 + o0);
        FloatVector c31 = FloatVector.fromArray(S, c, r3 + o1);
        FloatVector c40 = FloatVector.fromArray(S, c, r4 + o0);
        FloatVector c41 = FloatVector.fromArray(S, c, r4 + o1);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
        c10.intoArray(c, r1 + o0);
        c11.intoArray(c, r1 + o1);
        c20.intoArray(c, r2 + o0);
        c21.intoArray(c, r2 + o1);
        c30.intoArray(c, r3 + o0);
        c31.intoArray(c, r3 + o1);
        c40.intoArray(c, r4 + o0);
        c41.intoArray(c, r4 + o1);
    }

    /** Rows i..i+4 (A row i starts at a0, C row i at c0) × one column vector at o0, added into C over k steps p0..p1. */
    private static void block5x1(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0,
                                 float[] c, int c0) {
        final int a1 = a0 + aRs;
        final int a2 = a1 + aRs;
        final int a3 = a2 + aRs;
        final int a4 = a3 + aRs;
        final int r0 = c0;
        final int r1 = c0 + 1 * n;
        final int r2 = c0 + 2 * n;
        final int r3 = c0 + 3 * n;
        final int r4 = c0 + 4 * n;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c10 = FloatVector.fromArray(S, c, r1 + o0);
        FloatVector c20 = FloatVector.fromArray(S, c, r2 + o0);
        FloatVector c30 = FloatVector.fromArray(S, c, r3 + o0);
        FloatVector c40 = FloatVector.fromArray(S, c, r4 + o0);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40);
        }
        c00.intoArray(c, r0 + o0);
        c10.intoArray(c, r1 + o0);
        c20.intoArray(c, r2 + o0);
        c30.intoArray(c, r3 + o0);
        c40.intoArray(c, r4 + o0);
    }

    /** One row × four column vectors at o0..o3, added into C over k steps p0..p1. */
    private static void block1x4(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1, int o2, int o3,
                                 float[] c, int c0) {
        final int r0 = c0;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        FloatVector c02 = FloatVector.fromArray(S, c, r0 + o2);
        FloatVector c03 = FloatVector.fromArray(S, c, r0 + o3);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + o2);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + o3);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
        c02.intoArray(c, r0 + o2);
        c03.intoArray(c, r0 + o3);
    }

    /** One row × two column vectors at o0, o1 (o1 may overlap o0), added into C over k steps p0..p1. */
    private static void block1x2(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1,
                                 float[] c, int c0) {
        final int r0 = c0;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
    }

    /** One row × one column vector at o0, added into C over k steps p0..p1. */
    private static void block1x1(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0,
                                 float[] c, int c0) {
        final int r0 = c0;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
        }
        c00.intoArray(c, r0 + o0);
    }
}
