package io.fdbench.engine.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A kernel that splits each large product over several threads (intra-op parallelism, as a
 * multi-threaded BLAS does) and runs everything else on the caller's thread with the base kernel.
 *
 * <p>{@code gemm} splits the rows of C: every element is computed exactly as by the base kernel,
 * so the result is bit-identical. {@code gemmAtB} (the weight gradient Xᵀ·δ, whose rows of C are
 * columns of A) splits the inner dimension instead and adds the parts in a fixed order: the same
 * bits for a given thread count, within rounding of the base kernel. Products under
 * {@value #MIN_FLOP} FLOP stay on one thread: handing work over costs about a microsecond.
 *
 * <p>Workers spin briefly for the next product (training calls them back to back), then park.
 * One caller at a time: a call made while another is in flight runs on its own thread with the
 * base kernel. Use it through {@code Kernel.of(parallel)}, which checks every call's arguments
 * once (the parts handed to the base are not checked again). Close the kernel to stop its threads.
 */
public final class ParallelKernel implements KernelBackend, AutoCloseable {

    /** Products smaller than this many FLOP run on the caller's thread alone (see {@link Tuning}). */
    private static final long MIN_FLOP = Tuning.PARALLEL_MIN_FLOP;
    private static final long SPIN_NANOS = Tuning.PARALLEL_SPIN_NANOS;

    private final KernelBackend base;
    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;
    /** Per-thread partial products of gemmAtB (thread 0 writes into C itself). */
    private final float[][] partial;
    /** The product in flight (one at a time, under {@link #busy}); the tasks read it, so no call allocates. */
    private final Product op = new Product();
    private final IntConsumer gemmRows = this::gemmRows;
    private final IntConsumer gemmAtBParts = this::gemmAtBPart;
    private final IntConsumer addParts = this::addPart;

    public ParallelKernel(Kernel base, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.base = base.backend();
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        this.partial = new float[threads][0];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Worker(t + 1);
            workers[t].thread.start();
        }
    }

    @Override
    public String name() {
        return base.name() + "-x" + threads;
    }

    @Override
    public int lanes() {
        return base.lanes();
    }

    @Override
    public float fmaChains(int rounds) {
        return base.fmaChains(rounds);
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
            fork(gemmRows);
        } finally {
            op.clear();
            busy.set(false);
        }
    }

    /** Thread t's rows [split(m, t), split(m, t + 1)) of C = A·B. */
    private void gemmRows(int t) {
        Product o = op;
        int r0 = split(o.m, t);
        int r1 = split(o.m, t + 1);
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
            for (int t = 1; t < threads; t++) {
                if (partial[t].length < m * n) {
                    partial[t] = new float[m * n];
                }
            }
            op.set(m, n, k, a, aOff, b, bOff, c, cOff, accumulate, live);
            fork(gemmAtBParts);
            fork(addParts);
        } finally {
            op.clear();
            busy.set(false);
        }
    }

    /**
     * Thread t's rows [split(k, t), split(k, t + 1)) of A and B: its part of the sum over k, into
     * C itself (thread 0) or its own buffer. Every part is non-empty: k ≥ 2·threads.
     */
    private void gemmAtBPart(int t) {
        Product o = op;
        int p0 = split(o.k, t);
        int p1 = split(o.k, t + 1);
        if (t == 0) {
            runGemmAtB(o.m, o.n, p1 - p0, o.a, o.aOff, o.b, o.bOff, o.c, o.cOff, o.accumulate, o.live);
        } else {
            runGemmAtB(o.m, o.n, p1 - p0, o.a, o.aOff + p0 * o.m, o.b, o.bOff + p0 * o.n, partial[t], 0, false,
                    o.live);
        }
    }

    /** Thread t adds the other threads' parts into its slice of C, in thread order. */
    private void addPart(int t) {
        Product o = op;
        int size = o.m * o.n;
        int e0 = split(size, t);
        int e1 = split(size, t + 1);
        for (int u = 1; u < threads; u++) {
            float[] part = partial[u];
            for (int e = e0; e < e1; e++) {
                o.c[o.cOff + e] += part[e];
            }
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

    /** Whether to split: big enough, more than one thread, enough rows to split, and no call in flight. */
    private boolean parallel(int m, int n, int k, int splitDim) {
        return threads > 1 && !closed && splitDim >= 2 * threads && 2L * m * n * k >= MIN_FLOP
                && busy.compareAndSet(false, true);
    }

    private int split(int size, int t) {
        return (int) ((long) size * t / threads);
    }

    /** Runs task(t) for t = 0 .. threads−1, task(0) on the caller, and returns when all are done. */
    private void fork(IntConsumer task) {
        pending.set(workers.length);
        for (Worker w : workers) {
            w.give(task);
        }
        RuntimeException failure = null;
        try {
            task.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        while (pending.get() > 0) {
            Thread.onSpinWait();
        }
        for (Worker w : workers) {
            Throwable f = w.failure;
            if (f != null && failure == null) {
                failure = f instanceof RuntimeException r ? r
                        : new IllegalStateException("a GEMM worker failed: " + f, f);
            }
            w.failure = null;
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            w.thread.interrupt();
            LockSupport.unpark(w.thread);
        }
    }

    /** The operands of the product being split; workers see them through the volatile task hand-over. */
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

    /** A thread that runs task(id) each time it is given one. */
    private final class Worker implements Runnable {
        final int id;
        final Thread thread;
        volatile IntConsumer task;
        volatile boolean parked;
        volatile Throwable failure;

        Worker(int id) {
            this.id = id;
            this.thread = new Thread(this, "fdbench-gemm-" + id);
            thread.setDaemon(true);
        }

        void give(IntConsumer t) {
            task = t;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                IntConsumer t = task;
                if (t == null) {
                    long spinUntil = System.nanoTime() + SPIN_NANOS;
                    while ((t = task) == null && !closed && System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    }
                    if (t == null) {
                        parked = true;
                        if (task == null && !closed) {
                            LockSupport.park(this);
                        }
                        parked = false;
                        continue;
                    }
                }
                task = null;
                try {
                    t.accept(id);
                } catch (Throwable e) {
                    failure = e; // reported by the caller; the count below must still drop
                }
                pending.decrementAndGet();
            }
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
