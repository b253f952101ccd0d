package io.fdbench.engine.kernel;

/**
 * A sparse float matrix in compressed-row form (CSR) with preallocated capacity: row i's
 * non-zeros are {@code val[rowStart[i] .. rowStart[i+1])} in columns {@code col[...]}. MNIST
 * inputs are about 81 % zeros, so products with them cost a fifth of the dense ones.
 */
public final class SparseRows {

    final int[] rowStart;
    int[] col;
    float[] val;
    int rows;
    int cols;

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

    /** Makes room for at least {@code needed} entries, keeping the first ones. */
    void ensure(int needed) {
        if (needed > col.length) {
            int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * col.length));
            col = java.util.Arrays.copyOf(col, size);
            val = java.util.Arrays.copyOf(val, size);
        }
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

    /** Whether m rows fit (entries always fit: they grow). */
    public boolean fits(int m) {
        return m + 1 <= rowStart.length;
    }

    /** Sets this to the dense row-major A[m×k] at aOff, dropping exact zeros (the scalar way). */
    void compressScalar(int m, int k, float[] a, int aOff) {
        checkFits(m);
        int nz = 0;
        for (int i = 0; i < m; i++) {
            rowStart[i] = nz;
            ensure(nz + k);
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                float v = a[ai + p];
                if (v != 0f) {
                    col[nz] = p;
                    val[nz++] = v;
                }
            }
        }
        rowStart[m] = nz;
        rows = m;
        cols = k;
    }

    void checkFits(int m) {
        if (!fits(m)) {
            throw new IllegalArgumentException(m + " rows do not fit this sparse buffer of " + (rowStart.length - 1));
        }
    }

    /** Writes the transpose of this matrix into t (also CSR): the columns of this become rows. */
    public void transposeInto(SparseRows t) {
        int nnz = nonZeros();
        t.checkFits(cols);
        t.ensure(nnz);
        int[] start = t.rowStart;
        java.util.Arrays.fill(start, 0, cols + 1, 0);
        for (int q = 0; q < nnz; q++) {
            start[col[q] + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            start[c + 1] += start[c];
        }
        // Scatter with start[c] as the running position of column c, then shift the starts back.
        for (int i = 0; i < rows; i++) {
            for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
                int pos = start[col[q]]++;
                t.col[pos] = i;
                t.val[pos] = val[q];
            }
        }
        for (int c = cols; c > 0; c--) {
            start[c] = start[c - 1];
        }
        start[0] = 0;
        t.rows = cols;
        t.cols = rows;
    }
}
