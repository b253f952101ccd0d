package io.fdbench.engine.kernel.simd;

import static io.fdbench.engine.kernel.simd.VectorExpLog.expVec;

import io.fdbench.engine.kernel.ScalarSoftmax;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD row softmax: log-sum-exp per row (max, then a sum of {@link VectorExpLog#expVec} in a
 * fixed lane order) and the probabilities from it. Rows narrower than a vector take the scalar path.
 */
final class VectorSoftmax {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;

    /**
     * Row r (r = 1..L−1) holds L−r zeros then r ones: multiplying the overlapping last vector of a
     * row by it keeps only the r lanes not yet counted.
     */
    private static final float[] TAIL_KEEP = new float[L * L];

    static {
        for (int r = 0; r < L; r++) {
            for (int l = L - r; l < L; l++) {
                TAIL_KEEP[r * L + l] = 1f;
            }
        }
    }

    private VectorSoftmax() {
    }

    /** lse[i] = log Σⱼ exp(z[i,j]) for each row of Z[m×n], shifted by the row maximum. */
    static void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        if (n < L) {
            ScalarSoftmax.logSumExpRows(m, n, z, zOff, lse, lseOff);
            return;
        }
        for (int i = 0; i < m; i++) {
            int zi = zOff + i * n;
            float max = rowMax(z, zi, n);
            lse[lseOff + i] = max + (float) Math.log(expSum(z, zi, n, max));
        }
    }

    /** max of z[zi..zi+n), n ≥ L; the last vector overlaps the previous ones (max is idempotent). */
    private static float rowMax(float[] z, int zi, int n) {
        FloatVector mv = FloatVector.fromArray(S, z, zi + n - L);
        for (int j = 0; j + L <= n; j += L) {
            mv = mv.max(FloatVector.fromArray(S, z, zi + j));
        }
        return mv.reduceLanes(VectorOperators.MAX);
    }

    /** Σ exp(z[zi+j] − shift) for j < n, n ≥ L; the overlapping last vector keeps only its new lanes. */
    private static float expSum(float[] z, int zi, int n, float shift) {
        final FloatVector sh = FloatVector.broadcast(S, shift);
        final int tail = n % L;
        final int nv = n - tail;
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < nv; j += L) {
            FloatVector x = FloatVector.fromArray(S, z, zi + j).sub(sh);
            FloatVector e = expVec(x);
            sum = sum.add(e);
        }
        if (tail != 0) {
            FloatVector x = FloatVector.fromArray(S, z, zi + n - L).sub(sh);
            FloatVector e = expVec(x);
            sum = e.fma(FloatVector.fromArray(S, TAIL_KEEP, tail * L), sum);
        }
        // Lanes summed in a fixed order: reduceLanes(ADD) adds in one order when C2 has compiled
        // it and another before, so results changed with JIT timing and thus with thread counts.
        float[] lanes = LANES.get();
        sum.intoArray(lanes, 0);
        float total = 0f;
        for (int l = 0; l < L; l++) {
            total += lanes[l];
        }
        return total;
    }

    /** Per-thread room for one vector's lanes. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[L]);

    /** P[i,j] = exp(z[i,j] − lse[i]); P may alias Z. */
    static void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        if (n < L) {
            ScalarSoftmax.softmaxRows(m, n, z, zOff, lse, lseOff, p, pOff);
            return;
        }
        for (int i = 0; i < m; i++) {
            softmaxRow(z, zOff + i * n, p, pOff + i * n, n, lse[lseOff + i]);
        }
    }

    /**
     * p[pi+j] = exp(z[zi+j] − l) for j < n, n ≥ L. The last, overlapping vector is computed last
     * from the original z values and rewrites identical values into the overlap, so P may alias Z:
     * its input is loaded before the main loop overwrites anything.
     */
    private static void softmaxRow(float[] z, int zi, float[] p, int pi, int n, float l) {
        final FloatVector sh = FloatVector.broadcast(S, l);
        final int tail = n % L;
        final int nv = n - tail;
        // The overlapping vector is read first (before any store can alias it), written last.
        final FloatVector lastIn = FloatVector.fromArray(S, z, zi + n - L);
        for (int j = 0; j < nv; j += L) {
            FloatVector x = FloatVector.fromArray(S, z, zi + j).sub(sh);
            FloatVector e = expVec(x);
            e.intoArray(p, pi + j);
        }
        if (tail != 0) {
            FloatVector x = lastIn.sub(sh);
            FloatVector e = expVec(x);
            e.intoArray(p, pi + n - L);
        }
    }
}
