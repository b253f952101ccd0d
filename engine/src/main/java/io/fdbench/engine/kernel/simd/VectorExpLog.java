package io.fdbench.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The polynomials behind every SIMD exponential and logarithm, as plain arithmetic. The exponential
 * behind sigmoid, tanh and softmax is a Cody–Waite reduction with a degree-6 polynomial (within
 * about 2 ulp of {@code Math.exp} on the clamped range [−87.3, 88.7]), so it runs at the same speed
 * on every JDK, whether or not the JDK intrinsifies the API's own {@code EXP}. The logarithm is
 * Cephes' logf polynomial; its evaluation is written out in
 * {@link VectorSoftmaxLossShift}, its only user, with the coefficients here.
 */
final class VectorExpLog {

    private static final VectorSpecies<Float> S = VectorWidth.S;

    private VectorExpLog() {
    }

    // exp(x): x = n·ln2 + r, |r| ≤ ln2/2; exp(r) by a polynomial; 2ⁿ built in the exponent bits.
    private static final float EXP_HI = 88.72283f;
    private static final float EXP_LO = -87.33654f;
    private static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds to the nearest integer, kept in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    // Cephes logf: log1p(x) ≈ x − x²/2 + x³·P(x) for x in [√½ − 1, √2 − 1); LN2_HI above is also
    // the high part of ln 2 in log = e·ln2 + log1p(m − 1).
    private static final float SQRT_HALF = 0.707106781186547524f;
    static final int SQRT_HALF_BITS = Float.floatToRawIntBits(SQRT_HALF);
    static final float LN2_LO_LOG = 2.12194440e-4f;
    static final float L8 = 7.0376836292e-2f;
    static final float L7 = -1.1514610310e-1f;
    static final float L6 = 1.1676998740e-1f;
    static final float L5 = -1.2420140846e-1f;
    static final float L4 = 1.4249322787e-1f;
    static final float L3 = -1.6668057665e-1f;
    static final float L2 = 2.0000714765e-1f;
    static final float L1 = -2.4999993993e-1f;
    static final float L0 = 3.3333331174e-1f;

    /**
     * exp(x) lane-wise: x = n·ln2 + r with |r| ≤ ln2/2, exp(r) by a degree-6 polynomial, 2ⁿ built in
     * the exponent bits. Plain arithmetic, so its bits never depend on JIT timing (unlike the
     * Vector API's EXP, an SVML call only once compiled); small enough for C2 to inline into
     * every loop that calls it.
     */
    static FloatVector expVec(FloatVector x) {
        x = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_MAGIC));
        FloatVector nf = t.sub(ROUND_MAGIC);
        FloatVector r = nf.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = nf.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector q = r.fma(P0, P1);
        q = q.fma(r, FloatVector.broadcast(S, P2));
        q = q.fma(r, FloatVector.broadcast(S, P3));
        q = q.fma(r, FloatVector.broadcast(S, P4));
        q = q.fma(r, FloatVector.broadcast(S, P5));
        FloatVector pow2 = ((IntVector) t.reinterpretAsInts()).sub(ROUND_MAGIC_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return q.fma(r.mul(r), r).add(1f).mul(pow2);
    }
}
