package io.fdbench.engine.kernel;

/**
 * One implementation of the kernel's operations: the SIMD kernel ({@code kernel.simd.VectorKernel}),
 * {@link ScalarKernel}, or {@link ParallelKernel} around either. Only what the engine calls is
 * here; every method has the meaning given on {@link Kernel}, which checks the arguments once and
 * then calls this. An implementation may therefore trust its arguments: dimensions are
 * non-negative, arrays are non-null and hold every entry the operation reads or writes, masks and
 * labels are in range, and a {@link SparseRows} fits its rows. Callers outside the kernel package
 * go through {@link Kernel}, never through a backend.
 *
 * <p>Implementations keep no shared state (scratch buffers are per thread and only grow), so one
 * instance may be shared by threads, and steady-state calls allocate nothing.
 */
public interface KernelBackend {

    /** See {@link Kernel#name}. */
    String name();

    /** Floats per vector operation (1 for scalar code): the sparse first layer's threshold depends on it. */
    int lanes();

    /** See {@link Kernel#gemm}. */
    void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** See {@link Kernel#gemmABt}. */
    void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** See {@link Kernel#gemmAtB}. */
    void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** See {@link Kernel#columnAbsSums}. */
    void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live);

    /** See {@link Kernel#gemmSkipZeroColumns}. */
    void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                             boolean accumulate, float[] live);

    /** See {@link Kernel#gemmAtBSkipZeroColumns}. */
    void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                                boolean accumulate, float[] live);

    /** See {@link Kernel#compress}. */
    void compress(int m, int k, float[] a, int aOff, SparseRows s);

    /** See {@link Kernel#spmm}. */
    void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** See {@link Kernel#addRowVector}. */
    void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff);

    /** See {@link Kernel#columnSums}. */
    void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate);

    /** See {@link Kernel#activate}. */
    void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len);

    /** See {@link Kernel#multiplyByDerivative}. */
    void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len);

    /** See {@link Kernel#rowLogSumExp}. */
    void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff);

    /** See {@link Kernel#rowSoftmax}. */
    void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff);

    /** See {@link Kernel#softmaxLossShift}. */
    void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff, int classes,
                          int label, float[] out, int outOff);

    /** See {@link Kernel#pixelsToFloats}. */
    void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff);
}
