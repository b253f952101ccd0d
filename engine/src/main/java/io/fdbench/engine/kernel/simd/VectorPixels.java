package io.fdbench.engine.kernel.simd;

import io.fdbench.engine.kernel.ScalarPixels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/** The SIMD widening of 8-bit pixels to floats in [0, 1], bit for bit the scalar division. */
final class VectorPixels {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;
    /**
     * Bytes with one float vector's lane count, for {@link #pixelsToFloats}; null below 8 lanes
     * (there is no 32-bit vector shape), where the scalar loop runs.
     */
    private static final VectorSpecies<Byte> PIXELS = L >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L)) : null;

    private VectorPixels() {
    }

    /** dst[i] = (src[i] &amp; 0xFF) / 255f for i &lt; n. */
    static void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff) {
        int i = 0;
        if (PIXELS != null) {
            for (; i <= n - L; i += L) {
                // B2F converts signed bytes: flipping the top bit gives v − 128, and adding 128 back
                // is exact, so the division sees the same v as the scalar loop.
                FloatVector v = (FloatVector) ByteVector.fromArray(PIXELS, src, srcOff + i)
                        .lanewise(VectorOperators.XOR, (byte) 0x80)
                        .convertShape(VectorOperators.B2F, S, 0);
                v.add(128f).div(255f).intoArray(dst, dstOff + i);
            }
        }
        ScalarPixels.pixelsToFloats(i, n, src, srcOff, dst, dstOff);
    }
}
