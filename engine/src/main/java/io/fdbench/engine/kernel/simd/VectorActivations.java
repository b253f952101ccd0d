package io.fdbench.engine.kernel.simd;

import static io.fdbench.engine.kernel.simd.VectorExpLog.expVec;

import io.fdbench.engine.kernel.Activation;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD activations and their backward step: sigmoid and tanh through {@link VectorExpLog#expVec},
 * ReLU by a blend; the tail past the last whole vector through {@link Activation}'s own formulas.
 * Each loop computes its exponentials itself (through the small, inlined {@code expVec}): no vector
 * is passed from one loop method to another, so C2 keeps every vector in registers whatever it
 * inlines.
 */
final class VectorActivations {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;

    // tanh(x) for |x| < 0.625: x + x³·Q(x²).
    private static final float T0 = -5.70498872745e-3f;
    private static final float T1 = 2.06390887954e-2f;
    private static final float T2 = -5.37397155531e-2f;
    private static final float T3 = 1.33314422036e-1f;
    private static final float T4 = -3.33332819422e-1f;

    private VectorActivations() {
    }

    /** y[i] = f(z[i]) for {@code len} entries; y may alias z. */
    static void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        final int nv = len - len % L;
        switch (f) {
            case SIGMOID:
                sigmoidLoop(z, zOff, y, yOff, nv);
                break;
            case TANH:
                tanhLoop(z, zOff, y, yOff, nv);
                break;
            case RELU:
                for (int i = 0; i < nv; i += L) {
                    FloatVector x = FloatVector.fromArray(S, z, zOff + i);
                    FloatVector.zero(S).blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
                }
                break;
            case IDENTITY:
                if (z != y || zOff != yOff) {
                    System.arraycopy(z, zOff, y, yOff, len);
                }
                return;
            default:
                throw new IllegalArgumentException("unsupported activation " + f);
        }
        for (int i = nv; i < len; i++) {
            y[yOff + i] = f.apply(z[zOff + i]);
        }
    }

    /** y = 1 / (1 + exp(−z)) over the first nv (a multiple of L) entries. */
    private static void sigmoidLoop(float[] z, int zOff, float[] y, int yOff, int nv) {
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < nv; i += L) {
            FloatVector x = FloatVector.fromArray(S, z, zOff + i).neg();
            FloatVector e = expVec(x);
            one.div(one.add(e)).intoArray(y, yOff + i);
        }
    }

    /**
     * y = tanh(z) over the first nv entries: x + x³·Q(x²) for |x| < 0.625, otherwise
     * 1 − 2/(exp(2|x|) + 1) with the sign of x.
     */
    private static void tanhLoop(float[] z, int zOff, float[] y, int yOff, int nv) {
        final FloatVector one = FloatVector.broadcast(S, 1f);
        final FloatVector two = FloatVector.broadcast(S, 2f);
        final FloatVector t0 = FloatVector.broadcast(S, T0);
        final FloatVector t1 = FloatVector.broadcast(S, T1);
        final FloatVector t2 = FloatVector.broadcast(S, T2);
        final FloatVector t3 = FloatVector.broadcast(S, T3);
        final FloatVector t4 = FloatVector.broadcast(S, T4);
        for (int i = 0; i < nv; i += L) {
            FloatVector v = FloatVector.fromArray(S, z, zOff + i);
            FloatVector av = v.abs();
            FloatVector x = av.add(av);
            FloatVector e = expVec(x);
            FloatVector big = one.sub(two.div(e.add(one)));
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            FloatVector v2 = v.mul(v);
            FloatVector u = v2.fma(t0, t1);
            u = u.fma(v2, t2);
            u = u.fma(v2, t3);
            u = u.fma(v2, t4);
            FloatVector small = u.mul(v2).fma(v, v);
            big.blend(small, av.compare(VectorOperators.LT, 0.625f)).intoArray(y, yOff + i);
        }
    }

    /** delta[i] *= f′ through the output y = f(z). */
    static void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        final int nv = len - len % L;
        final FloatVector one = FloatVector.broadcast(S, 1f);
        switch (f) {
            case SIGMOID:
                for (int i = 0; i < nv; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
                    FloatVector d = FloatVector.fromArray(S, delta, dOff + i);
                    d.mul(yv.mul(one.sub(yv))).intoArray(delta, dOff + i);
                }
                break;
            case TANH:
                for (int i = 0; i < nv; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
                    FloatVector d = FloatVector.fromArray(S, delta, dOff + i);
                    d.mul(one.sub(yv.mul(yv))).intoArray(delta, dOff + i);
                }
                break;
            case RELU:
                for (int i = 0; i < nv; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
                    FloatVector d = FloatVector.fromArray(S, delta, dOff + i);
                    d.mul(FloatVector.zero(S).blend(one, yv.compare(VectorOperators.GT, 0f))).intoArray(delta, dOff + i);
                }
                break;
            case IDENTITY:
                return;
            default:
                throw new IllegalArgumentException("unsupported activation " + f);
        }
        for (int i = nv; i < len; i++) {
            delta[dOff + i] *= f.derivativeFromOutput(y[yOff + i]);
        }
    }
}
