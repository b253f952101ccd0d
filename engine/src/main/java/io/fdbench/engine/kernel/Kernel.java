package io.fdbench.engine.kernel;

/**
 * The dense float kernels an MLP needs, on flat row-major {@code float[]} matrices.
 *
 * <p>Every matrix is contiguous (its leading dimension is its column count) and starts at the
 * given offset, so a layer's weights can be addressed inside one flat parameter vector. The
 * {@code accumulate} flag adds into {@code C} instead of overwriting it. Implementations keep no
 * shared state (scratch buffers are per thread and only grow), so one instance may be shared by
 * threads and steady-state calls allocate nothing.
 */
public interface Kernel {

    /** A short name for reports: {@code "simd-256"}, {@code "scalar"}. */
    String name();

    /** Floats per vector operation: the vector lanes (16 at 512 bits, 8 at 256), 1 for scalar code. */
    int lanes();

    /**
     * The roofline's ceiling: {@code rounds} rounds of {@value #FMA_CHAINS} independent FMA chains
     * on this kernel's vectors, with no memory traffic, so 2·{@link #lanes}·{@value #FMA_CHAINS}
     * floating-point operations per round. Returns a value that depends on every chain, so the JIT
     * cannot drop the work.
     */
    float fmaChains(int rounds);

    /** Independent accumulators in {@link #fmaChains}: more than FMA latency × FMA ports. */
    int FMA_CHAINS = 12;

    /** C[m×n] (+)= A[m×k] · B[k×n]. */
    void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
              float[] c, int cOff, boolean accumulate);

    /** C[m×n] (+)= A[m×k] · Bᵀ, where B is stored as [n×k]. */
    void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                 float[] c, int cOff, boolean accumulate);

    /** C[m×n] (+)= Aᵀ · B, where A is stored as [k×m] and B as [k×n]. */
    void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                 float[] c, int cOff, boolean accumulate);

    /**
     * live[j] = Σᵢ |A[i, j]| over A [rows × cols]: zero exactly when column j of A is zero in
     * every row (a NaN makes it NaN, which counts as non-zero). The skip masks of
     * {@link #gemmSkipZeroColumns} and {@link #gemmAtBSkipZeroColumns}.
     */
    default void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live) {
        ScalarKernel.columnAbsSumsRange(0, cols, rows, cols, a, aOff, live);
    }

    /**
     * {@link #gemm} without the inner steps p whose column of A is zero in every row
     * (live[p] == 0, from {@link #columnAbsSums}): the same C for a finite B. The first layer's
     * forward product over pixels blank in the whole batch (271 of MNIST's 784 in a batch of 100).
     */
    default void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                     float[] c, int cOff, boolean accumulate, float[] live) {
        gemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /**
     * {@link #gemmAtB} without the rows i of C whose column of A [k × m] is zero in every row
     * (live[i] == 0): they stay zero (or unchanged when accumulating), as the products give for a
     * finite B. The first layer's weight gradient Xᵀ·δ over blank pixels.
     */
    default void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                        float[] c, int cOff, boolean accumulate, float[] live) {
        gemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /**
     * The fraction of zero inputs above which a first layer computed through {@link #compress} and
     * {@link #spmm} beats the dense GEMMs on this kernel: the sparse path pays a compression and a
     * transpose per batch, so the faster the dense kernel, the more zeros it takes.
     */
    default double sparseInputThreshold() {
        return 0.7;
    }

    /** Sets s to the dense row-major A[m×k] at aOff without its zero entries. */
    default void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        s.compressScalar(m, k, a, aOff);
    }

    /**
     * C[s.rows × n] (+)= S · B[s.cols × n] for a sparse S: the product with a mostly-zero input
     * (MNIST) at the cost of its non-zeros only. With S = Xᵀ (see {@link SparseRows#transposeInto})
     * this is the first layer's weight gradient Xᵀ·δ.
     */
    void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /**
     * C[m×n] (+)= A[m×k] · B[k×n], skipping the zero entries of A: {@link #compress} then
     * {@link #spmm}, through a per-thread buffer that only grows.
     */
    default void gemmSparseA(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                             float[] c, int cOff, boolean accumulate) {
        SparseRows s = SparseScratch.get(m, 0);
        compress(m, k, a, aOff, s);
        spmm(n, s, b, bOff, c, cOff, accumulate);
    }

    /** C[m×n] (+)= Aᵀ · B with A stored as [k×m], skipping the zero entries of A. */
    default void gemmAtBSparseA(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                float[] c, int cOff, boolean accumulate) {
        SparseRows s = SparseScratch.get(k, 0);
        SparseRows t = SparseScratch.get(m, 1);
        compress(k, m, a, aOff, s);
        s.transposeInto(t);
        spmm(n, t, b, bOff, c, cOff, accumulate);
    }

    /** Adds the row vector v[n] to every row of C[m×n]: the bias add. */
    void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff);

    /** out[j] (+)= Σᵢ A[i,j] over A[m×n]: the bias gradient. */
    void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate);

    /** y[i] = f(z[i]) for {@code len} entries; y may alias z. */
    void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len);

    /** delta[i] *= f′ evaluated through the output y = f(z): the backward step of an activation. */
    void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len);

    /** lse[i] = log Σⱼ exp(z[i,j]) for each row of Z[m×n], shifted by the row maximum for stability. */
    void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff);

    /** P[i,j] = exp(z[i,j] − lse[i]): the row softmax from precomputed log-sum-exp terms; P may alias Z. */
    void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff);

    /**
     * out[t] = log Σₖ p[k]·exp(d[t]·w[k]) − d[t]·w[label] for t &lt; count: how one sample's softmax
     * cross-entropy changes when a unit feeding the logits moves by d[t], given the sample's softmax
     * row p[classes] and that unit's outgoing weights w[classes]. No cancellation, unlike
     * subtracting two losses.
     */
    default void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff,
                                  int classes, int label, float[] out, int outOff) {
        ScalarKernel.softmaxLossShiftRange(0, count, d, dOff, p, pOff, w, wOff, classes, label, out, outOff);
    }

    /**
     * dst[i] = (src[i] &amp; 0xFF) / 255f for i &lt; n: 8-bit pixels to [0, 1], the same floats a data set
     * loaded from IDX holds. Gathering a mini-batch from the bytes reads a quarter of the memory.
     */
    default void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff) {
        ScalarKernel.pixelsToFloatsRange(0, n, src, srcOff, dst, dstOff);
    }

    /** C[m×n] (+)= A[m×k]·B[k×n] then adds the row vector bias[n]: one layer's pre-activation. */
    default void gemmBias(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] bias, int biasOff, float[] c, int cOff) {
        gemm(m, n, k, a, aOff, b, bOff, c, cOff, false);
        addRowVector(m, n, bias, biasOff, c, cOff);
    }
}
