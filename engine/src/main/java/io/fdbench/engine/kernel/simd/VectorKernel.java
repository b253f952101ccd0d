package io.fdbench.engine.kernel.simd;

import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.FmaPeak;
import io.fdbench.engine.kernel.KernelBackend;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.kernel.SparseRows;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel on the incubating Vector API ({@code jdk.incubator.vector}), at the platform's
 * preferred float species or the narrower width that {@link Kernels#WIDTH_PROPERTY} asks for
 * ({@link VectorWidth}). It assembles one class per kind of operation: {@link VectorGemm}
 * (register-blocked A·B and Aᵀ·B, with the blank-column skips), {@link VectorNarrowGemm} (products
 * narrower than a vector), {@link VectorTranspose} (A·Bᵀ through a transposed panel),
 * {@link VectorSparse} (CSR compression and S·B), {@link VectorColumns} (bias add, column sums),
 * {@link VectorPixels}, {@link VectorActivations}, {@link VectorSoftmax} and
 * {@link VectorSoftmaxLossShift}, with the exp and log polynomials in {@link VectorExpLog}. Results
 * match the scalar kernel up to rounding order (FMA and reduction order change the last bits).
 *
 * <p>This package is the only code compiled with {@code jdk.incubator.vector} (the build compiles
 * everything else without the module), and only {@link Kernels} names this class, reflectively: a
 * JVM started without {@code --add-modules jdk.incubator.vector} cannot link it. The hot loops
 * allocate nothing once C2 has compiled them; the classes keep no state beyond per-thread scratch.
 */
public final class VectorKernel implements KernelBackend, FmaPeak {

    private static final VectorSpecies<Float> S = VectorWidth.S;
    private static final int L = VectorWidth.L;

    /** Public no-arg constructor, for reflective loading by {@link Kernels}. */
    public VectorKernel() {
    }

    @Override
    public String name() {
        return "simd-" + S.vectorBitSize();
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public float fmaChains(int rounds) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector y = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int r = 0; r < rounds; r++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y);
            a3 = a3.fma(x, y); a4 = a4.fma(x, y); a5 = a5.fma(x, y);
            a6 = a6.fma(x, y); a7 = a7.fma(x, y); a8 = a8.fma(x, y);
            a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        VectorGemm.gemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        VectorTranspose.gemmABt(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        VectorGemm.gemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live) {
        VectorColumns.columnAbsSums(rows, cols, a, aOff, live);
    }

    @Override
    public void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                    float[] c, int cOff, boolean accumulate, float[] live) {
        VectorGemm.gemmSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
    }

    @Override
    public void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                       float[] c, int cOff, boolean accumulate, float[] live) {
        VectorGemm.gemmAtBSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
    }

    @Override
    public void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        VectorSparse.compress(m, k, a, aOff, s);
    }

    @Override
    public void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        VectorSparse.spmm(n, s, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        VectorColumns.addRowVector(m, n, v, vOff, c, cOff);
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        VectorColumns.columnSums(m, n, a, aOff, out, outOff, accumulate);
    }

    @Override
    public void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        VectorActivations.activate(f, z, zOff, y, yOff, len);
    }

    @Override
    public void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        VectorActivations.multiplyByDerivative(f, y, yOff, delta, dOff, len);
    }

    @Override
    public void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        VectorSoftmax.rowLogSumExp(m, n, z, zOff, lse, lseOff);
    }

    @Override
    public void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        VectorSoftmax.rowSoftmax(m, n, z, zOff, lse, lseOff, p, pOff);
    }

    @Override
    public void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff,
                                 int classes, int label, float[] out, int outOff) {
        VectorSoftmaxLossShift.softmaxLossShift(count, d, dOff, p, pOff, w, wOff, classes, label, out, outOff);
    }

    @Override
    public void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff) {
        VectorPixels.pixelsToFloats(n, src, srcOff, dst, dstOff);
    }
}
