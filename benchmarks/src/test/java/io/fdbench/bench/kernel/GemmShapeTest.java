package io.fdbench.bench.kernel;

import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmShapeTest {

    @Test
    void shapesAreThoseOfA784x50x10PassAtBatch100() {
        assertEquals(2L * 100 * 50 * 784, GemmShape.fwd1.flops());
        assertEquals(2L * 100 * 10 * 50, GemmShape.fwd2.flops());
        assertEquals(100 * 50, GemmShape.dW2.aRows() * GemmShape.dW2.aCols()); // A1 stored 100×50
        assertEquals(50, GemmShape.dA1.bRows()); // W2 stored 50×10
        assertEquals(784 * 50, GemmShape.dW1.m * GemmShape.dW1.n);
        assertEquals(2L * 512 * 512 * 512, GemmShape.square512.flops());
    }

    @Test
    void referenceHandlesEachTransposition() {
        // A = [[1,2],[3,4]], B = [[5,6],[7,8]] stored row-major.
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        assertArrayEquals(new double[] {19, 22, 43, 50}, shape(GemmShape.Op.NN).reference(a, b));
        // Aᵀ·B: A stored k×m, so the product uses the transposed A = [[1,3],[2,4]].
        assertArrayEquals(new double[] {26, 30, 38, 44}, shape(GemmShape.Op.TN).reference(a, b));
        // A·Bᵀ with Bᵀ = [[5,7],[6,8]].
        assertArrayEquals(new double[] {17, 23, 39, 53}, shape(GemmShape.Op.NT).reference(a, b));
    }

    @Test
    void verifyRejectsAWrongProductAndAcceptsTheScalarKernel() {
        Kernel k = Kernels.scalar();
        for (GemmShape s : new GemmShape[] {GemmShape.fwd2, GemmShape.dW2, GemmShape.dA1}) {
            float[] a = new float[s.aRows() * s.aCols()];
            float[] b = new float[s.bRows() * s.bCols()];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) Math.sin(i);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) Math.cos(3 * i);
            }
            float[] c = new float[s.m * s.n];
            switch (s.op) {
                case NN -> k.gemm(s.m, s.n, s.k, a, 0, b, 0, c, 0, false);
                case TN -> k.gemmAtB(s.m, s.n, s.k, a, 0, b, 0, c, 0, false);
                case NT -> k.gemmABt(s.m, s.n, s.k, a, 0, b, 0, c, 0, false);
                default -> throw new AssertionError();
            }
            double[] ref = s.reference(a, b);
            double[] abs = s.absoluteReference(a, b);
            s.verify("scalar", c, ref, abs);
            c[c.length / 2] += 1e-2f;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.verify("scalar", c, ref, abs));
            assertTrue(e.getMessage().contains(s.name()), e.getMessage());
        }
    }

    /** A 2×2×2 product with the given transposition, via a real shape's op but tiny sizes. */
    private static TinyShape shape(GemmShape.Op op) {
        return new TinyShape(op);
    }

    private record TinyShape(GemmShape.Op op) {
        double[] reference(float[] a, float[] b) {
            GemmShape s = switch (op) {
                case NN -> GemmShape.fwd1;
                case TN -> GemmShape.dW2;
                case NT -> GemmShape.dA1;
            };
            return tiny(s, a, b);
        }
    }

    /** Runs {@link GemmShape#reference}'s indexing on 2×2 operands by padding into the real shape. */
    private static double[] tiny(GemmShape s, float[] a2, float[] b2) {
        float[] a = new float[s.aRows() * s.aCols()];
        float[] b = new float[s.bRows() * s.bCols()];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                a[r * s.aCols() + c] = a2[r * 2 + c];
                b[r * s.bCols() + c] = b2[r * 2 + c];
            }
        }
        double[] full = s.reference(a, b);
        return new double[] {full[0], full[1], full[s.n], full[s.n + 1]};
    }
}
