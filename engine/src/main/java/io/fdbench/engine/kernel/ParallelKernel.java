package io.fdbench.engine.kernel;

import io.fdbench.engine.tuning.Tuning;

import io.fdbench.engine.parallel.WorkerTeam;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A kernel that splits each large product over a {@link WorkerTeam} of {@code gemmWorkers}
 * threads (intra-op parallelism, as a multi-threaded BLAS does) and runs everything else on the
 * caller's thread with the base kernel.
 *
 * <p>{@code gemm} splits the rows of C: every element is computed exactly as by the base kernel,
 * so the result is bit-identical. {@code gemmAtB} (the weight gradient Xᵀ·δ, whose rows of C are
 * columns of A) splits the inner dimension instead and adds the parts in a fixed order: the same
 * bits for a given worker count, within rounding of the base kernel. Products under
 * {@value #MIN_FLOP} FLOP stay on one thread: handing work over costs about a microsecond.
 *
 * <p>The team's workers spin briefly for the next product (training calls them back to back),
 * then park. One caller at a time: a call made while another is in flight runs on its own thread
 * with the base kernel, as does every call after {@link #close}. Use it through
 * {@code Kernel.of(parallel)}, which checks every call's arguments once (the parts handed to the
 * base are not checked again). Close the kernel to stop its threads.
 */
public final class ParallelKernel implements KernelBackend, AutoCloseable {

    /** Products smaller than this many FLOP run on the caller's thread alone (see {@link Tuning}). */
    private static final long MIN_FLOP = Tuning.PARALLEL_MIN_FLOP;

    private final KernelBackend base;
    private final int gemmWorkers;
    private final WorkerTeam team;
    /** Held by the call using the team and {@link #op}; taken for good by {@link #close}. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;
    /** Per-part partial products of gemmAtB (part 0 writes into C itself). */
    private final float[][] partial;
    /** The product in flight (one at a time, under {@link #busy}); the tasks read it, so no call allocates. */
    private final Product op = new Product();
    private final WorkerTeam.RangeTask gemmRows = this::gemmRows;
    private final WorkerTeam.RangeTask gemmAtBPart = this::gemmAtBPart;

    /** Wraps {@code base}, splitting each large product over {@code gemmWorkers} threads (the caller included). */
    public ParallelKernel(Kernel base, int gemmWorkers) {
        if (gemmWorkers < 1) {
            throw new IllegalArgumentException("gemm workers must be at least 1, got " + gemmWorkers);
        }
        this.base = base.backend();
        this.gemmWorkers = gemmWorkers;
        this.team = new WorkerTeam("gemm", gemmWorkers);
        this.partial = new float[gemmWorkers][0];
    }

    /** Threads each large product is split over, the caller included. */
    public int gemmWorkers() {
        return gemmWorkers;
    }

    @Override
    public String name() {
        return base.name() + "-x" + gemmWorkers;
    }

    @Override
    public int lanes() {
        return base.lanes();
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                     boolean accumulate) {
        gemmSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, null);
    }

    @Override
    public void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c,
                                    int cOff, boolean accumulate, float[] live) {
        if (!parallel(m, n, k, m)) {
            runGemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
            return;
        }
        try {
            op.set(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
            team.forEachRange(m, gemmRows);
        } finally {
            op.clear();
            busy.set(false);
        }
    }

    /** Part t's rows [r0, r1) of C = A·B. */
    private void gemmRows(int t, int r0, int r1) {
        Product o = op;
        runGemm(r1 - r0, o.n, o.k, o.a, o.aOff + r0 * o.k, o.b, o.bOff, o.c, o.cOff + r0 * o.n, o.accumulate, o.live);
    }

    private void runGemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                         boolean accumulate, float[] live) {
        if (live == null) {
            base.gemm(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else {
            base.gemmSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
        }
    }

    @Override
    public void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                        boolean accumulate) {
        gemmAtBSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, null);
    }

    @Override
    public void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c,
                                       int cOff, boolean accumulate, float[] live) {
        if (!parallel(m, n, k, k)) {
            runGemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
            return;
        }
        try {
            for (int t = 1; t < gemmWorkers; t++) {
                if (partial[t].length < m * n) {
                    partial[t] = new float[m * n];
                }
            }
            op.set(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
            team.forEachRange(k, gemmAtBPart);
            // C (part 0's sum) += the other parts, in part order.
            team.sum(partial, 1, gemmWorkers, null, c, cOff, m * n, true);
        } finally {
            op.clear();
            busy.set(false);
        }
    }

    /**
     * Part t's rows [p0, p1) of A and B: its part of the sum over k, into C itself (part 0) or its
     * own buffer. Every part is non-empty: k ≥ 2·gemmWorkers.
     */
    private void gemmAtBPart(int t, int p0, int p1) {
        Product o = op;
        if (t == 0) {
            runGemmAtB(o.m, o.n, p1 - p0, o.a, o.aOff, o.b, o.bOff, o.c, o.cOff, o.accumulate, o.live);
        } else {
            runGemmAtB(o.m, o.n, p1 - p0, o.a, o.aOff + p0 * o.m, o.b, o.bOff + p0 * o.n, partial[t], 0, false,
                    o.live);
        }
    }

    private void runGemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                            boolean accumulate, float[] live) {
        if (live == null) {
            base.gemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        } else {
            base.gemmAtBSkipZeroColumns(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
        }
    }

    /** Whether to split: big enough, more than one worker, enough rows to split, and no call in flight. */
    private boolean parallel(int m, int n, int k, int splitDim) {
        return gemmWorkers > 1 && !closed && splitDim >= 2 * gemmWorkers && 2L * m * n * k >= MIN_FLOP
                && busy.compareAndSet(false, true);
    }

    /** Stops the team's threads, after the product in flight if any; later calls run on the base kernel. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Take the team for good: a call that saw closed == false either holds it (wait) or will fail to get it.
        while (!busy.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        team.close();
    }

    /** The operands of the product being split; workers see them through the team's volatile task hand-over. */
    private static final class Product {
        int m;
        int n;
        int k;
        float[] a;
        int aOff;
        float[] b;
        int bOff;
        float[] c;
        int cOff;
        boolean accumulate;
        float[] live;

        void set(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                 boolean accumulate, float[] live) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOff = aOff;
            this.b = b;
            this.bOff = bOff;
            this.c = c;
            this.cOff = cOff;
            this.accumulate = accumulate;
            this.live = live;
        }

        /** Drops the references so a finished call keeps no caller's arrays alive. */
        void clear() {
            a = null;
            b = null;
            c = null;
            live = null;
        }
    }

    // Everything else runs on the caller's thread.

    @Override
    public void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        base.compress(m, k, a, aOff, s);
    }

    @Override
    public void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        base.spmm(n, s, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       boolean accumulate) {
        base.gemmABt(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live) {
        base.columnAbsSums(rows, cols, a, aOff, live);
    }

    @Override
    public void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        base.addRowVector(m, n, v, vOff, c, cOff);
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        base.columnSums(m, n, a, aOff, out, outOff, accumulate);
    }

    @Override
    public void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        base.activate(f, z, zOff, y, yOff, len);
    }

    @Override
    public void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        base.multiplyByDerivative(f, y, yOff, delta, dOff, len);
    }

    @Override
    public void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        base.rowLogSumExp(m, n, z, zOff, lse, lseOff);
    }

    @Override
    public void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        base.rowSoftmax(m, n, z, zOff, lse, lseOff, p, pOff);
    }

    @Override
    public void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff,
                                 int classes, int label, float[] out, int outOff) {
        base.softmaxLossShift(count, d, dOff, p, pOff, w, wOff, classes, label, out, outOff);
    }

    @Override
    public void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff) {
        base.pixelsToFloats(n, src, srcOff, dst, dstOff);
    }
}
