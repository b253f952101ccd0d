package io.fdbench.engine.kernel;

/**
 * A sparse float matrix in compressed-row form (CSR) with preallocated capacity: row i's
 * non-zeros are {@code entryValues()[rowStarts()[i] .. rowStarts()[i+1])} in columns
 * {@code entryColumns()[...]}. MNIST inputs are about 81 % zeros, so products with them cost a
 * fifth of the dense ones. {@link Kernel#compress} fills it; {@link Kernel#spmm} multiplies by it.
 */
public final class SparseRows {

    private final int[] rowStart;
    private int[] col;
    private float[] val;
    private int rows;
    private int cols;

    /**
     * Room for up to maxRows rows and, to begin with, {@code nonZeros} entries; the entry arrays
     * grow (doubling) when a denser matrix arrives, so a steady workload stops allocating.
     */
    public SparseRows(int maxRows, int nonZeros) {
        if (maxRows <= 0 || nonZeros < 0) {
            throw new IllegalArgumentException("sparse matrix capacity must be positive, got " + maxRows
                    + " rows and " + nonZeros + " entries");
        }
        rowStart = new int[maxRows + 1];
        col = new int[nonZeros];
        val = new float[nonZeros];
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int nonZeros() {
        return rowStart[rows];
    }

    /** The most rows this buffer holds. */
    public int maxRows() {
        return rowStart.length - 1;
    }

    /** Whether m rows fit (entries always fit: they grow). */
    public boolean fits(int m) {
        return m + 1 <= rowStart.length;
    }

    // ---------------------------------------------------------------------------------------------
    // For kernel implementations ({@link KernelBackend#compress} and {@link KernelBackend#spmm}):
    // the live storage, not copies, and the steps of a row-by-row compression. The facade has
    // checked that the rows fit; nothing else should write through these.

    /** Row i's entries are {@code [rowStarts()[i], rowStarts()[i + 1])} of the entry arrays. */
    public int[] rowStarts() {
        return rowStart;
    }

    /** The column of each entry. */
    public int[] entryColumns() {
        return col;
    }

    /** The value of each entry. */
    public float[] entryValues() {
        return val;
    }

    /** Starts row i at entry nz, with room for up to k more entries (the whole row). */
    public void startRow(int i, int nz, int k) {
        rowStart[i] = nz;
        ensure(nz + k);
    }

    /**
     * Appends the non-zeros of row entries a[ai + p] for p in [from, to) as (p, value) at position
     * nz and returns the new count. The test is on the bits (−0 counts as an entry): an integer
     * compare is cheaper than a float one, and a branch beats a branch-free store-always loop
     * here because zeros come in long runs. {@link #startRow} has made room for the entries.
     */
    public int appendNonZeros(float[] a, int ai, int from, int to, int nz) {
        final int[] c = col;
        final float[] v = val;
        for (int p = from; p < to; p++) {
            float x = a[ai + p];
            if (Float.floatToRawIntBits(x) != 0) {
                c[nz] = p;
                v[nz++] = x;
            }
        }
        return nz;
    }

    /** Closes a compression of m rows of k columns with nz entries in all. */
    public void finish(int m, int k, int nz) {
        rowStart[m] = nz;
        rows = m;
        cols = k;
    }

    /** Makes room for at least {@code needed} entries, keeping the first ones. */
    private void ensure(int needed) {
        if (needed > col.length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * col.length));
            col = java.util.Arrays.copyOf(col, size);
            val = java.util.Arrays.copyOf(val, size);
        }
    }

    private void checkFits(int m) {
        if (!fits(m)) {
            throw new IllegalArgumentException(m + " rows do not fit this sparse buffer of " + maxRows());
        }
    }

    /** Writes the transpose of this matrix into t (also CSR): the columns of this become rows. */
    public void transposeInto(SparseRows t) {
        final int nnz = nonZeros();
        t.checkFits(cols);
        t.ensure(nnz);
        final int[] start = t.rowStart;
        final int[] tc = t.col;
        final float[] tv = t.val;
        final int[] c = col;
        final float[] v = val;
        final int[] rs = rowStart;
        java.util.Arrays.fill(start, 0, cols + 1, 0);
        for (int q = 0; q < nnz; q++) {
            start[c[q] + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            start[j + 1] += start[j];
        }
        // Scatter with start[j] as the running position of column j, then shift the starts back.
        for (int i = 0; i < rows; i++) {
            for (int q = rs[i]; q < rs[i + 1]; q++) {
                int pos = start[c[q]]++;
                tc[pos] = i;
                tv[pos] = v[q];
            }
        }
        System.arraycopy(start, 0, start, 1, cols);
        start[0] = 0;
        t.rows = cols;
        t.cols = rows;
    }
}
