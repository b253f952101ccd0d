package io.fdbench.engine.kernel.simd;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrices narrower than one vector (the 10 logits of an MNIST net on 512-bit vectors): B's
 * rows are copied into a per-thread scratch with a stride of one vector, C is computed there
 * in full vectors (eight rows in registers at a time) and its first n columns copied back. No masks:
 * JDK 17 boxes them and takes a slow path near an array's end.
 */
final class VectorNarrowGemm {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;

    private VectorNarrowGemm() {
    }

    /** C[m×n] (+)= A·B[k×n] for n below one vector, A(i, p) = a[aOff + i·aRs + p·aCs]. */
    static void narrowGemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                           float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        Narrow scratch = NARROW.get();
        float[] pb = scratch.b(k * L);
        float[] pc = scratch.c(m * L);
        // Rows are moved a whole vector at a time where the array allows: the lanes past n carry
        // the next row's values, which only ever reach C's lanes past n, and each row stored back
        // is overwritten past n by the next (rows ascend). Copying 10 floats per row through
        // System.arraycopy cost as much as the products.
        for (int p = 0; p < k; p++) {
            if (bOff + p * n + L <= b.length) {
                FloatVector.fromArray(S, b, bOff + p * n).intoArray(pb, p * L);
            } else {
                System.arraycopy(b, bOff + p * n, pb, p * L, n);
            }
        }
        if (accumulate) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(c, cOff + i * n, pc, i * L, n);
            }
        } else {
            Arrays.fill(pc, 0, m * L, 0f);
        }
        // Eight rows at a time: eight independent FMA chains cover FMA latency × 2 ports, where
        // four left half the FMA throughput idle (k is only 50 here, so chains are short).
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            narrow8(k, a, aOff + i * aRs, aRs, aCs, pb, pc, i * L);
        }
        for (; i + 4 <= m; i += 4) {
            narrow4(k, a, aOff + i * aRs, aRs, aCs, pb, pc, i * L);
        }
        for (; i < m; i++) {
            final int a0 = aOff + i * aRs;
            FloatVector c0 = FloatVector.fromArray(S, pc, i * L);
            for (int p = 0; p < k; p++) {
                c0 = FloatVector.fromArray(S, pb, p * L).fma(FloatVector.broadcast(S, a[a0 + p * aCs]), c0);
            }
            c0.intoArray(pc, i * L);
        }
        for (i = 0; i < m; i++) {
            if (i * n + L <= m * n) {
                FloatVector.fromArray(S, pc, i * L).intoArray(c, cOff + i * n);
            } else {
                System.arraycopy(pc, i * L, c, cOff + i * n, n);
            }
        }
    }

    /** Eight rows of the narrow product, C rows at pc[r0 + r·L], adding into them. */
    private static void narrow8(int k, float[] a, int a0, int aRs, int aCs, float[] pb, float[] pc, int r0) {
        FloatVector c0 = FloatVector.fromArray(S, pc, r0);
        FloatVector c1 = FloatVector.fromArray(S, pc, r0 + L);
        FloatVector c2 = FloatVector.fromArray(S, pc, r0 + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, pc, r0 + 3 * L);
        FloatVector c4 = FloatVector.fromArray(S, pc, r0 + 4 * L);
        FloatVector c5 = FloatVector.fromArray(S, pc, r0 + 5 * L);
        FloatVector c6 = FloatVector.fromArray(S, pc, r0 + 6 * L);
        FloatVector c7 = FloatVector.fromArray(S, pc, r0 + 7 * L);
        for (int p = 0; p < k; p++) {
            FloatVector bp = FloatVector.fromArray(S, pb, p * L);
            int ap = a0 + p * aCs;
            c0 = bp.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = bp.fma(FloatVector.broadcast(S, a[ap + aRs]), c1);
            c2 = bp.fma(FloatVector.broadcast(S, a[ap + 2 * aRs]), c2);
            c3 = bp.fma(FloatVector.broadcast(S, a[ap + 3 * aRs]), c3);
            c4 = bp.fma(FloatVector.broadcast(S, a[ap + 4 * aRs]), c4);
            c5 = bp.fma(FloatVector.broadcast(S, a[ap + 5 * aRs]), c5);
            c6 = bp.fma(FloatVector.broadcast(S, a[ap + 6 * aRs]), c6);
            c7 = bp.fma(FloatVector.broadcast(S, a[ap + 7 * aRs]), c7);
        }
        c0.intoArray(pc, r0);
        c1.intoArray(pc, r0 + L);
        c2.intoArray(pc, r0 + 2 * L);
        c3.intoArray(pc, r0 + 3 * L);
        c4.intoArray(pc, r0 + 4 * L);
        c5.intoArray(pc, r0 + 5 * L);
        c6.intoArray(pc, r0 + 6 * L);
        c7.intoArray(pc, r0 + 7 * L);
    }

    /** Four rows of the narrow product, as {@link #narrow8}. */
    private static void narrow4(int k, float[] a, int a0, int aRs, int aCs, float[] pb, float[] pc, int r0) {
        FloatVector c0 = FloatVector.fromArray(S, pc, r0);
        FloatVector c1 = FloatVector.fromArray(S, pc, r0 + L);
        FloatVector c2 = FloatVector.fromArray(S, pc, r0 + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, pc, r0 + 3 * L);
        for (int p = 0; p < k; p++) {
            FloatVector bp = FloatVector.fromArray(S, pb, p * L);
            int ap = a0 + p * aCs;
            c0 = bp.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = bp.fma(FloatVector.broadcast(S, a[ap + aRs]), c1);
            c2 = bp.fma(FloatVector.broadcast(S, a[ap + 2 * aRs]), c2);
            c3 = bp.fma(FloatVector.broadcast(S, a[ap + 3 * aRs]), c3);
        }
        c0.intoArray(pc, r0);
        c1.intoArray(pc, r0 + L);
        c2.intoArray(pc, r0 + 2 * L);
        c3.intoArray(pc, r0 + 3 * L);
    }

    /** Scratch for {@link #narrowGemm}; grows only, so steady-state calls allocate nothing. */
    private static final class Narrow {
        private float[] b = new float[0];
        private float[] c = new float[0];

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }

        float[] c(int size) {
            if (c.length < size) {
                c = new float[size];
            }
            return c;
        }
    }

    private static final ThreadLocal<Narrow> NARROW = ThreadLocal.withInitial(Narrow::new);
}
