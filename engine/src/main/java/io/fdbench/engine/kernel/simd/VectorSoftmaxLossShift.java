package io.fdbench.engine.kernel.simd;

import static io.fdbench.engine.kernel.simd.VectorExpLog.L0;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L1;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L2;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L3;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L4;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L5;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L6;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L7;
import static io.fdbench.engine.kernel.simd.VectorExpLog.L8;
import static io.fdbench.engine.kernel.simd.VectorExpLog.LN2_HI;
import static io.fdbench.engine.kernel.simd.VectorExpLog.LN2_LO_LOG;
import static io.fdbench.engine.kernel.simd.VectorExpLog.SQRT_HALF_BITS;
import static io.fdbench.engine.kernel.simd.VectorExpLog.expVec;

import java.util.Arrays;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@code softmaxLossShift}, the incremental finite differences below a softmax output:
 * the loss change for many steps of one unit at once, with exp by a short Taylor polynomial for
 * small arguments or {@link VectorExpLog#expVec}, and log by Cephes' polynomial written out.
 */
final class VectorSoftmaxLossShift {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;

    private VectorSoftmaxLossShift() {
    }

    /**
     * Lanes run over the evaluation points t, so each class costs one vector exp for L points and
     * the sum stays in registers; see {@link #shiftLogs} for why exp and log are our own.
     */
    static void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff,
                                 int classes, int label, float[] out, int outOff) {
        if (count <= 0) {
            return;
        }
        final float wl = w[wOff + label];
        float wMax = 0f;
        for (int k = 0; k < classes; k++) {
            wMax = Math.max(wMax, Math.abs(w[wOff + k]));
        }
        // Every argument d·w below 1/8 (finite-difference steps land here): a degree-5 Taylor
        // polynomial of exp is within x⁶/720 < 5e-9 relative, a tenth of a float ulp, and needs
        // no range reduction. Decided once per call, by plain scalars: vector values merging
        // from two branches cost C2 its intrinsics in some compilations (boxing every vector).
        // The Taylor pass finds max |d| as it goes, and the range-reduced pass redoes the sums if
        // that was too large (out never overlaps d): max |d| by a pass of its own was a tenth of
        // an incremental central gradient of 784-50-10 (JFR).
        final float dLimit = SMALL_EXP_ARG / wMax;
        float[] dd = d;
        int ddOff = dOff;
        float[] o = out;
        int oOff = outOff;
        int n = count;
        if (count < L) {
            // Fewer points than lanes (a bias: one up and one down point per sample): one padded
            // vector through a per-thread scratch costs less than count × classes scalar exps.
            float[] pad = SHIFT_PAD.get();
            Arrays.fill(pad, 0f);
            System.arraycopy(d, dOff, pad, 0, count);
            dd = pad;
            ddOff = 0;
            o = pad;
            oOff = L;
            n = L;
        }
        // Whole vectors, then one overlapping the previous at n − L: out[t] depends on d[t]
        // alone, so the shared lanes get the same values again. No mask needed. A few calls of
        // whole loops, not one per vector, so how C2 inlines them cannot change the vector code.
        final int vectors = (n + L - 1) / L;
        if (!(shiftSumsTaylor(vectors, n, dd, ddOff, p, pOff, w, wOff, classes, o, oOff) < dLimit)) {
            shiftSumsExp(vectors, n, dd, ddOff, p, pOff, w, wOff, classes, o, oOff);
        }
        final int full = n - n % L;
        if (full == n) {
            shiftLogs(full, dd, ddOff, wl, o, oOff, o, oOff);
        } else {
            // The overlapping vector's lanes below full are logged by the first pass, so its
            // sums are set aside first.
            float[] tail = SHIFT_PAD.get();
            System.arraycopy(o, oOff + n - L, tail, 0, L);
            shiftLogs(full, dd, ddOff, wl, o, oOff, o, oOff);
            shiftLogs(L, dd, ddOff + n - L, wl, tail, 0, o, oOff + n - L);
        }
        if (count < L) {
            System.arraycopy(o, L, out, outOff, count);
        }
    }

    /**
     * Σₖ pₖ·exp(d·wₖ) into out with exp as its degree-5 Taylor polynomial (every |d·wₖ| &lt; 1/8),
     * summed over the classes first: Σₖ pₖ·T₅(d·wₖ) = Σₘ dᵐ/m!·Mₘ with the moments Mₘ = Σₖ pₖ·wₖᵐ,
     * the same polynomial as one per class, so a point costs five FMAs instead of six per class.
     * The per-class polynomials were a fifth of an incremental central gradient of 784-50-10 (JFR).
     * Returns max |d| over the points (NaN if any is NaN), which decides whether the sums stand.
     */
    private static float shiftSumsTaylor(int vectors, int n, float[] d, int dOff, float[] p, int pOff, float[] w,
                                        int wOff, int classes, float[] out, int outOff) {
        double m0 = 0;
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        double m5 = 0;
        for (int k = 0; k < classes; k++) {
            double pk = p[pOff + k];
            double wk = w[wOff + k];
            m0 += pk;
            pk *= wk;
            m1 += pk;
            pk *= wk;
            m2 += pk;
            pk *= wk;
            m3 += pk;
            pk *= wk;
            m4 += pk;
            m5 += pk * wk;
        }
        final FloatVector c0 = FloatVector.broadcast(S, (float) m0);
        final FloatVector c1 = FloatVector.broadcast(S, (float) m1);
        final FloatVector c2 = FloatVector.broadcast(S, (float) (m2 / 2));
        final FloatVector c3 = FloatVector.broadcast(S, (float) (m3 / 6));
        final FloatVector c4 = FloatVector.broadcast(S, (float) (m4 / 24));
        final FloatVector c5 = FloatVector.broadcast(S, (float) (m5 / 120));
        FloatVector dMax = FloatVector.zero(S);
        for (int v = 0; v < vectors; v++) {
            final int t = Math.min(v * L, n - L);
            final FloatVector dv = FloatVector.fromArray(S, d, dOff + t);
            dMax = dMax.max(dv.abs());
            FloatVector e = dv.fma(c5, c4);
            e = e.fma(dv, c3);
            e = e.fma(dv, c2);
            e = e.fma(dv, c1);
            e.fma(dv, c0).intoArray(out, outOff + t);
        }
        return dMax.reduceLanes(VectorOperators.MAX);
    }

    /** Σₖ pₖ·exp(d·wₖ) into out with the range-reduced {@link VectorExpLog#expVec}. */
    private static void shiftSumsExp(int vectors, int n, float[] d, int dOff, float[] p, int pOff, float[] w,
                                     int wOff, int classes, float[] out, int outOff) {
        for (int v = 0; v < vectors; v++) {
            final int t = Math.min(v * L, n - L);
            final FloatVector dv = FloatVector.fromArray(S, d, dOff + t);
            FloatVector acc = FloatVector.zero(S);
            for (int k = 0; k < classes; k++) {
                acc = expVec(dv.mul(w[wOff + k])).fma(FloatVector.broadcast(S, p[pOff + k]), acc);
            }
            acc.intoArray(out, outOff + t);
        }
    }

    /**
     * out[t] = log(sums[t]) − d[t]·w_label for t &lt; n, a multiple of L; out may alias sums. exp and log are written out as plain arithmetic
     * (the exp polynomial of the activations; Cephes' logf polynomial): the Vector API's own EXP
     * and LOG are SVML calls once C2 compiles them but per-lane Math calls before, so their last
     * bits would depend on JIT timing and thread counts would change results.
     */
    private static void shiftLogs(int n, float[] d, int dOff, float wl, float[] sums, int sumsOff, float[] out,
                                  int outOff) {
        for (int t = 0; t < n; t += L) {
            final FloatVector dv = FloatVector.fromArray(S, d, dOff + t);
            final FloatVector acc = FloatVector.fromArray(S, sums, sumsOff + t);
            // acc = m·2^e with m in [√½, √2) found by integer arithmetic alone (as ARM's optimized
            // logf does): masks, compares and blends on JDK 17 are where C2 most often gives up
            // intrinsifying and boxes. log = e·ln2 + log1p(m − 1).
            IntVector bits = (IntVector) acc.reinterpretAsInts();
            IntVector shifted = bits.sub(SQRT_HALF_BITS);
            IntVector exponent = shifted.lanewise(VectorOperators.ASHR, 23);
            FloatVector m = bits.sub(shifted.lanewise(VectorOperators.AND, 0xFF800000)).reinterpretAsFloats();
            FloatVector ef = ((IntVector) exponent).convert(VectorOperators.I2F, 0).reinterpretAsFloats();
            FloatVector xm = m.sub(1f);
            FloatVector z = xm.mul(xm);
            FloatVector y = xm.fma(FloatVector.broadcast(S, L8), FloatVector.broadcast(S, L7));
            y = y.fma(xm, FloatVector.broadcast(S, L6));
            y = y.fma(xm, FloatVector.broadcast(S, L5));
            y = y.fma(xm, FloatVector.broadcast(S, L4));
            y = y.fma(xm, FloatVector.broadcast(S, L3));
            y = y.fma(xm, FloatVector.broadcast(S, L2));
            y = y.fma(xm, FloatVector.broadcast(S, L1));
            y = y.fma(xm, FloatVector.broadcast(S, L0));
            y = y.mul(xm).mul(z);
            y = ef.fma(FloatVector.broadcast(S, -LN2_LO_LOG), y);
            y = z.fma(FloatVector.broadcast(S, -0.5f), y);
            FloatVector log = xm.add(y);
            log = ef.fma(FloatVector.broadcast(S, LN2_HI), log);
            log.sub(dv.mul(wl)).intoArray(out, outOff + t);
        }
    }

    /** Per-thread room for one padded vector of steps and its results, for shifts of fewer than L points. */
    private static final ThreadLocal<float[]> SHIFT_PAD = ThreadLocal.withInitial(() -> new float[2 * L]);

    /** Below this |argument| the softmax shift's exponentials use a short Taylor polynomial. */
    private static final float SMALL_EXP_ARG = 0.125f;
}
