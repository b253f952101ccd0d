package io.fdbench.engine.kernel;

/** The scalar {@link Kernel#pixelsToFloats}, also the SIMD kernel's tail. Arguments are checked by {@link Kernel}. */
public final class ScalarPixels {

    private ScalarPixels() {
    }

    /** dst[i] = (src[i] &amp; 0xFF) / 255f for entries i in [from, to). */
    public static void pixelsToFloats(int from, int to, byte[] src, int srcOff, float[] dst, int dstOff) {
        for (int i = from; i < to; i++) {
            dst[dstOff + i] = (src[srcOff + i] & 0xFF) / 255f;
        }
    }
}
