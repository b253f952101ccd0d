package io.fdbench.engine.kernel;

/**
 * The scalar kernel: plain Java loops, one class per kind of operation ({@link ScalarGemm},
 * {@link ScalarSparse}, {@link ScalarColumns}, {@link ScalarActivations}, {@link ScalarSoftmax},
 * {@link ScalarSoftmaxLossShift}, {@link ScalarPixels}). It is the fallback when
 * {@code jdk.incubator.vector} is absent and the readable statement of what every kernel
 * computes; the SIMD kernel's tails call the same classes. Use it through {@link Kernels#scalar}.
 */
public final class ScalarKernel implements KernelBackend, FmaPeak {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public float fmaChains(int rounds) {
        float x = 0.999999f;
        float y = 1e-7f;
        float a0 = 1f, a1 = 1f, a2 = 1f, a3 = 1f, a4 = 1f, a5 = 1f;
        float a6 = 1f, a7 = 1f, a8 = 1f, a9 = 1f, a10 = 1f, a11 = 1f;
        for (int r = 0; r < rounds; r++) {
            a0 = Math.fma(a0, x, y); a1 = Math.fma(a1, x, y); a2 = Math.fma(a2, x, y);
            a3 = Math.fma(a3, x, y); a4 = Math.fma(a4, x, y); a5 = Math.fma(a5, x, y);
            a6 = Math.fma(a6, x, y); a7 = Math.fma(a7, x, y); a8 = Math.fma(a8, x, y);
            a9 = Math.fma(a9, x, y); a10 = Math.fma(a10, x, y); a11 = Math.fma(a11, x, y);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        ScalarGemm.gemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        ScalarGemm.gemmABt(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        ScalarGemm.gemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live) {
        ScalarColumns.columnAbsSums(0, cols, rows, cols, a, aOff, live);
    }

    /** The full product, which is what the mask promises: skipping is an optimisation of the blocked SIMD GEMM only. */
    @Override
    public void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                    float[] c, int cOff, boolean accumulate, float[] live) {
        ScalarGemm.gemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** The full product, as {@link #gemmSkipZeroColumns}. */
    @Override
    public void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                       float[] c, int cOff, boolean accumulate, float[] live) {
        ScalarGemm.gemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        ScalarSparse.compress(m, k, a, aOff, s);
    }

    @Override
    public void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        ScalarSparse.spmmRows(0, s.rows(), n, s, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        ScalarColumns.addRowVector(m, n, v, vOff, c, cOff);
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        ScalarColumns.columnSums(m, n, a, aOff, out, outOff, accumulate);
    }

    @Override
    public void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        ScalarActivations.activate(f, z, zOff, y, yOff, len);
    }

    @Override
    public void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        ScalarActivations.multiplyByDerivative(f, y, yOff, delta, dOff, len);
    }

    @Override
    public void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        ScalarSoftmax.logSumExpRows(m, n, z, zOff, lse, lseOff);
    }

    @Override
    public void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        ScalarSoftmax.softmaxRows(m, n, z, zOff, lse, lseOff, p, pOff);
    }

    @Override
    public void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff,
                                 int classes, int label, float[] out, int outOff) {
        ScalarSoftmaxLossShift.softmaxLossShift(0, count, d, dOff, p, pOff, w, wOff, classes, label, out, outOff);
    }

    @Override
    public void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff) {
        ScalarPixels.pixelsToFloats(0, n, src, srcOff, dst, dstOff);
    }
}
