package io.fdbench.engine.kernel;

/** Per-thread sparse buffers for the convenience methods {@code gemmSparseA} and {@code gemmAtBSparseA}. */
final class SparseScratch {

    private static final ThreadLocal<SparseRows[]> BUFFERS = ThreadLocal.withInitial(() -> new SparseRows[2]);

    private SparseScratch() {
    }

    /** A buffer with room for m rows, reallocated only when more rows arrive (entries grow by themselves). */
    static SparseRows get(int m, int slot) {
        SparseRows[] b = BUFFERS.get();
        if (b[slot] == null || !b[slot].fits(m)) {
            b[slot] = new SparseRows(Math.max(m, 1), 0);
        }
        return b[slot];
    }
}
