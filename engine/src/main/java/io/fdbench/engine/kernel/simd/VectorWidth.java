package io.fdbench.engine.kernel.simd;

import io.fdbench.engine.kernel.Kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one float species every SIMD class uses: the platform's preferred species (256 bits on
 * AVX2, 512 on AVX-512) or the narrower width that {@link Kernels#WIDTH_PROPERTY} asks for; and
 * the column grouping that the GEMM and the sparse product share.
 *
 * <p>Keep to one species throughout: mixing in a second shape (say, half-width vectors for column
 * tails) makes the type profiles inside {@code FloatVector}'s shared code bimorphic, and C2 then
 * often fails to intrinsify the loops and boxes every vector (10× slower, megabytes allocated per
 * call, depending on compilation order).
 */
final class VectorWidth {

    /** The float species; a width the CPU lacks fails here, when the SIMD kernel loads. */
    static final VectorSpecies<Float> S = species(Kernels.requestedVectorBits());
    /** Floats per vector. */
    static final int L = S.length();

    private VectorWidth() {
    }

    /** The preferred species, or a narrower one the CPU supports when a width is asked for. */
    private static VectorSpecies<Float> species(int bits) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (bits == 0 || bits == preferred.vectorBitSize()) {
            return preferred;
        }
        if (bits > preferred.vectorBitSize()) {
            throw new IllegalStateException("-D" + Kernels.WIDTH_PROPERTY + "=" + bits + ": this CPU's widest float vectors have "
                    + preferred.vectorBitSize() + " bits");
        }
        return FloatVector.SPECIES_128.vectorBitSize() == bits ? FloatVector.SPECIES_128 : FloatVector.SPECIES_256;
    }

    /**
     * The end of the column group that starts at j: {@code vectors} vectors wide, but the last
     * group keeps a full vector besides the one that overlaps it at n − L. All of a group's loads
     * precede its stores and overlapping lanes get bit-identical sums, so a partial last vector
     * needs no mask; a later group overlapping a finished one would add twice.
     */
    static int groupEnd(int j, int n, int vectors) {
        int end = Math.min(n, j + vectors * L);
        if (n - end > 0 && n - end < L) {
            end = j + (vectors - 1) * L;
        }
        return end;
    }
}
