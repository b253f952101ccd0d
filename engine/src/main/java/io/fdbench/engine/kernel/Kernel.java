package io.fdbench.engine.kernel;

import io.fdbench.engine.tuning.Tuning;

/**
 * The dense float kernels an MLP needs, on flat row-major {@code float[]} matrices: the one type
 * every caller uses, whichever implementation ({@link KernelBackend}) runs underneath. Get one
 * from {@link Kernels}, or wrap a {@link ParallelKernel} with {@link #of}.
 *
 * <p>Every matrix is contiguous (its leading dimension is its column count) and starts at the
 * given offset, so a layer's weights can be addressed inside one flat parameter vector. The
 * {@code accumulate} flag adds into {@code C} instead of overwriting it. Nothing outside the
 * ranges an operation names is read or written.
 *
 * <p>This class is the facade: each method checks its arguments here, once, for every
 * implementation (negative dimensions, null arrays or activation, arrays too short for the
 * entries from their offsets, masks too short, a label out of range, a sparse buffer too small)
 * and throws an exception naming the operation and the operand; then it calls the backend, which
 * trusts them. A {@link ParallelKernel}'s per-thread parts therefore go unchecked. A kernel keeps
 * no shared state, so one instance may be shared by threads, and steady-state calls allocate
 * nothing.
 */
public final class Kernel {


    private final KernelBackend backend;

    private Kernel(KernelBackend backend) {
        this.backend = backend;
    }

    /** The checked kernel on an implementation, e.g. a {@link ParallelKernel}. */
    public static Kernel of(KernelBackend backend) {
        if (backend == null) {
            throw new NullPointerException("kernel backend is null");
        }
        return new Kernel(backend);
    }

    /** The implementation behind this kernel, for wrappers in this package. */
    KernelBackend backend() {
        return backend;
    }

    /** A short name for reports: {@code "simd-256"}, {@code "scalar"}, {@code "simd-512-x2"}. */
    public String name() {
        return backend.name();
    }

    @Override
    public String toString() {
        return name();
    }


    /** C[m×n] (+)= A[m×k] · B[k×n]. */
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        checkProduct("gemm", m, n, k, a, aOff, b, bOff, c, cOff);
        backend.gemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** C[m×n] (+)= A[m×k] · Bᵀ, where B is stored as [n×k]. */
    public void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        checkProduct("gemmABt", m, n, k, a, aOff, b, bOff, c, cOff);
        backend.gemmABt(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** C[m×n] (+)= Aᵀ · B, where A is stored as [k×m] and B as [k×n]. */
    public void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        checkProduct("gemmAtB", m, n, k, a, aOff, b, bOff, c, cOff);
        backend.gemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /**
     * live[j] = Σᵢ |A[i, j]| over A [rows × cols]: zero exactly when column j of A is zero in
     * every row (a NaN makes it NaN, which counts as non-zero). The skip masks of
     * {@link #gemmSkipZeroColumns} and {@link #gemmAtBSkipZeroColumns}; live is written from index 0.
     */
    public void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live) {
        String op = "columnAbsSums";
        nonNegative(op, "rows", rows);
        nonNegative(op, "cols", cols);
        fits(op, "A", a, aOff, (long) rows * cols);
        fits(op, "live", live, 0, cols);
        backend.columnAbsSums(rows, cols, a, aOff, live);
    }

    /**
     * {@link #gemm} without the inner steps p whose column of A is zero in every row
     * (live[p] == 0, from {@link #columnAbsSums}): the same C for a finite B. The first layer's
     * forward product over pixels blank in the whole batch (271 of MNIST's 784 in a batch of 100).
     */
    public void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                    float[] c, int cOff, boolean accumulate, float[] live) {
        String op = "gemmSkipZeroColumns";
        checkProduct(op, m, n, k, a, aOff, b, bOff, c, cOff);
        fits(op, "live", live, 0, k);
        backend.gemmSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
    }

    /**
     * {@link #gemmAtB} without the rows i of C whose column of A [k × m] is zero in every row
     * (live[i] == 0): they stay zero (or unchanged when accumulating), as the products give for a
     * finite B. The first layer's weight gradient Xᵀ·δ over blank pixels.
     */
    public void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                       float[] c, int cOff, boolean accumulate, float[] live) {
        String op = "gemmAtBSkipZeroColumns";
        checkProduct(op, m, n, k, a, aOff, b, bOff, c, cOff);
        fits(op, "live", live, 0, m);
        backend.gemmAtBSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
    }

    /**
     * The fraction of zero inputs above which a first layer computed through {@link #compress} and
     * {@link #spmm} beats the dense GEMMs on this kernel ({@link Tuning#sparseInputThreshold}, by
     * vector width): the sparse path pays a compression and a transpose per batch, so the faster
     * the dense kernel, the more zeros it takes.
     */
    public double sparseInputThreshold() {
        return Tuning.sparseInputThreshold(backend.lanes());
    }

    /** Sets s to the dense row-major A[m×k] at aOff without its zero entries; s must have room for m rows. */
    public void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        String op = "compress";
        nonNegative(op, "m", m);
        nonNegative(op, "k", k);
        fits(op, "A", a, aOff, (long) m * k);
        if (s == null) {
            throw new NullPointerException(op + ": the sparse buffer is null");
        }
        if (!s.fits(m)) {
            throw new IllegalArgumentException(op + ": " + m + " rows do not fit the sparse buffer of " + s.maxRows()
                    + " rows");
        }
        backend.compress(m, k, a, aOff, s);
    }

    /**
     * C[s.rows × n] (+)= S · B[s.cols × n] for a sparse S: the product with a mostly-zero input
     * (MNIST) at the cost of its non-zeros only. With S = Xᵀ (see {@link SparseRows#transposeInto})
     * this is the first layer's weight gradient Xᵀ·δ.
     */
    public void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        String op = "spmm";
        if (s == null) {
            throw new NullPointerException(op + ": the sparse matrix is null");
        }
        nonNegative(op, "n", n);
        fits(op, "B", b, bOff, (long) s.cols() * n);
        fits(op, "C", c, cOff, (long) s.rows() * n);
        backend.spmm(n, s, b, bOff, c, cOff, accumulate);
    }

    /** Adds the row vector v[n] to every row of C[m×n]: the bias add. */
    public void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        String op = "addRowVector";
        nonNegative(op, "m", m);
        nonNegative(op, "n", n);
        fits(op, "v", v, vOff, n);
        fits(op, "C", c, cOff, (long) m * n);
        backend.addRowVector(m, n, v, vOff, c, cOff);
    }

    /** out[j] (+)= Σᵢ A[i,j] over A[m×n]: the bias gradient. */
    public void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        String op = "columnSums";
        nonNegative(op, "m", m);
        nonNegative(op, "n", n);
        fits(op, "A", a, aOff, (long) m * n);
        fits(op, "out", out, outOff, n);
        backend.columnSums(m, n, a, aOff, out, outOff, accumulate);
    }

    /** y[i] = f(z[i]) for {@code len} entries; y may alias z. */
    public void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        String op = "activate";
        activation(op, f);
        nonNegative(op, "len", len);
        fits(op, "z", z, zOff, len);
        fits(op, "y", y, yOff, len);
        backend.activate(f, z, zOff, y, yOff, len);
    }

    /** delta[i] *= f′ evaluated through the output y = f(z): the backward step of an activation. */
    public void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        String op = "multiplyByDerivative";
        activation(op, f);
        nonNegative(op, "len", len);
        fits(op, "y", y, yOff, len);
        fits(op, "delta", delta, dOff, len);
        backend.multiplyByDerivative(f, y, yOff, delta, dOff, len);
    }

    /** lse[i] = log Σⱼ exp(z[i,j]) for each row of Z[m×n], shifted by the row maximum for stability. */
    public void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        String op = "rowLogSumExp";
        nonNegative(op, "m", m);
        nonNegative(op, "n", n);
        fits(op, "Z", z, zOff, (long) m * n);
        fits(op, "lse", lse, lseOff, m);
        backend.rowLogSumExp(m, n, z, zOff, lse, lseOff);
    }

    /** P[i,j] = exp(z[i,j] − lse[i]): the row softmax from precomputed log-sum-exp terms; P may alias Z. */
    public void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        String op = "rowSoftmax";
        nonNegative(op, "m", m);
        nonNegative(op, "n", n);
        fits(op, "Z", z, zOff, (long) m * n);
        fits(op, "lse", lse, lseOff, m);
        fits(op, "P", p, pOff, (long) m * n);
        backend.rowSoftmax(m, n, z, zOff, lse, lseOff, p, pOff);
    }

    /**
     * out[t] = log Σₖ p[k]·exp(d[t]·w[k]) − d[t]·w[label] for t &lt; count: how one sample's softmax
     * cross-entropy changes when a unit feeding the logits moves by d[t], given the sample's softmax
     * row p[classes] and that unit's outgoing weights w[classes]. No cancellation, unlike
     * subtracting two losses. out must not overlap d (the SIMD kernel keeps its sums in out while
     * it still reads d).
     */
    public void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff,
                                 int classes, int label, float[] out, int outOff) {
        String op = "softmaxLossShift";
        nonNegative(op, "count", count);
        nonNegative(op, "classes", classes);
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(op + ": label " + label + " outside [0, " + classes + ")");
        }
        fits(op, "d", d, dOff, count);
        fits(op, "p", p, pOff, classes);
        fits(op, "w", w, wOff, classes);
        fits(op, "out", out, outOff, count);
        if (out == d && outOff < dOff + count && dOff < outOff + count) {
            throw new IllegalArgumentException(op + ": out overlaps d");
        }
        backend.softmaxLossShift(count, d, dOff, p, pOff, w, wOff, classes, label, out, outOff);
    }

    /**
     * dst[i] = (src[i] &amp; 0xFF) / 255f for i &lt; n: 8-bit pixels to [0, 1], the same floats a data set
     * loaded from IDX holds. Gathering a mini-batch from the bytes reads a quarter of the memory.
     */
    public void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff) {
        String op = "pixelsToFloats";
        nonNegative(op, "n", n);
        if (src == null) {
            throw new NullPointerException(op + ": src is null");
        }
        if (srcOff < 0 || srcOff > src.length - (long) n) {
            throw outside(op, "src", src.length, srcOff, n);
        }
        fits(op, "dst", dst, dstOff, n);
        backend.pixelsToFloats(n, src, srcOff, dst, dstOff);
    }

    // ---------------------------------------------------------------------------------------------
    // Argument checks: cheap compares on the hot path, messages built only on failure.

    /** The three operands of a product C[m×n] = op(A)·op(B) with m·k, k·n and m·n entries. */
    private static void checkProduct(String op, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                     float[] c, int cOff) {
        nonNegative(op, "m", m);
        nonNegative(op, "n", n);
        nonNegative(op, "k", k);
        fits(op, "A", a, aOff, (long) m * k);
        fits(op, "B", b, bOff, (long) k * n);
        fits(op, "C", c, cOff, (long) m * n);
    }

    private static void nonNegative(String op, String name, int size) {
        if (size < 0) {
            throw new IllegalArgumentException(op + ": " + name + " = " + size + " is negative");
        }
    }

    private static void activation(String op, Activation f) {
        if (f == null) {
            throw new NullPointerException(op + ": the activation is null");
        }
    }

    /** x holds {@code size} entries from {@code off}; size is not negative. */
    private static void fits(String op, String operand, float[] x, int off, long size) {
        if (x == null) {
            throw new NullPointerException(op + ": " + operand + " is null");
        }
        if (off < 0 || off > x.length - size) {
            throw outside(op, operand, x.length, off, size);
        }
    }

    private static IllegalArgumentException outside(String op, String operand, int length, int off, long size) {
        return new IllegalArgumentException(op + ": " + operand + " needs " + size + " entries from offset " + off
                + ", its array has " + length);
    }
}
