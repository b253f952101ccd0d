package io.fdbench.engine.memory;

/**
 * Thrown before a large allocation that the heap cannot hold: the message is one line naming what
 * needed the memory, how much, how much is free and the {@code -Xmx} that would do, e.g.
 * {@code train-images-idx3-ubyte.gz (2,700,000 images of 28 × 28): needs about 3.3 GiB of heap, but
 * only 974 MiB of the 1.0 GiB maximum is free; run java with -Xmx4g}.
 *
 * <p>Unchecked, like the {@link OutOfMemoryError} it replaces: it is an environment problem that
 * no caller can repair, only report.
 */
public final class InsufficientHeapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final long neededBytes;
    private final long freeBytes;
    private final long maxBytes;
    private final String xmx;

    InsufficientHeapException(String what, long neededBytes, long freeBytes, long maxBytes, String xmx) {
        super(what + ": needs about " + HeapBudget.size(neededBytes) + " of heap, but only " + HeapBudget.size(freeBytes)
                + " of the " + HeapBudget.size(maxBytes) + " maximum is free; run java with " + xmx);
        this.what = what;
        this.neededBytes = neededBytes;
        this.freeBytes = freeBytes;
        this.maxBytes = maxBytes;
        this.xmx = xmx;
    }

    /** What needed the memory (a file, a model), as given to {@link HeapBudget#check}. */
    public String what() {
        return what;
    }

    /** The bytes asked for plus the headroom kept beside them. */
    public long neededBytes() {
        return neededBytes;
    }

    /** The bytes free when the request was refused (maximum heap minus heap in use). */
    public long freeBytes() {
        return freeBytes;
    }

    /** The maximum heap of the JVM (or of the budget) that refused. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The {@code -Xmx} option that would leave room for the request, e.g. {@code -Xmx12g}. */
    public String xmx() {
        return xmx;
    }
}
