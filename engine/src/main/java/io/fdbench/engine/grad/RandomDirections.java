package io.fdbench.engine.grad;

/**
 * Seeded random directions over the parameters, regenerated on demand instead of stored: component
 * i of direction k of gradient call c is a pure function of (seed, c, k, i), the output of
 * SplitMix64 (Steele, Lea and Flood 2014) at position i of a stream whose state is derived from
 * (seed, c, k). So an estimator can rebuild a direction as many times as it needs it, in any order
 * and on any thread, and the same seed always gives the same bits.
 *
 * <p>Rademacher components are ±1 from the sign bit; Gaussian components are N(0, 1) by Box–Muller
 * on the two 32-bit halves (|v| &lt; 6.7), computed in double with {@link Math#log} and
 * {@link Math#cos} and rounded to float: bit-for-bit repeatable on one JVM (its intrinsics are the
 * same in every run), not across JVM vendors.
 */
public final class RandomDirections {

    /** The distribution of each component. */
    public enum Distribution {
        /** ±1 with probability ½ each (SPSA). */
        RADEMACHER,
        /** Standard normal (Gaussian two-point / MeZO, forward gradient). */
        GAUSSIAN
    }

    private static final long GAMMA = 0x9e3779b97f4a7c15L;
    private static final double TWO_PI = 2 * Math.PI;
    private static final double TWO_POW_MINUS_32 = 0x1p-32;

    private RandomDirections() {
    }

    /** The stream of direction k of gradient call {@code call} under {@code seed}. */
    public static long stream(long seed, long call, int k) {
        long s = mix(seed + GAMMA);
        s = mix(s ^ (call * GAMMA + 0x632be59bd9b4e019L));
        return mix(s ^ ((long) k * 0xd1b54a32d192ed03L + 1));
    }

    /** Component i of the direction whose stream is {@code stream}. */
    public static float component(Distribution d, long stream, int i) {
        long bits = mix(stream + (i + 1L) * GAMMA);
        if (d == Distribution.RADEMACHER) {
            return bits < 0 ? -1f : 1f;
        }
        double u1 = ((bits >>> 32) + 1) * TWO_POW_MINUS_32; // (0, 1]: the log is finite
        double u2 = (bits & 0xffffffffL) * TWO_POW_MINUS_32;
        return (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2));
    }

    /** v[off + i] = component i for i &lt; len. */
    public static void fill(Distribution d, long stream, float[] v, int off, int len) {
        for (int i = 0; i < len; i++) {
            v[off + i] = component(d, stream, i);
        }
    }

    /** SplitMix64's output function (the variant of Stafford's Mix13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
