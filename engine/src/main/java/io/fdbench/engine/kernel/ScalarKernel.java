package io.fdbench.engine.kernel;

/**
 * Plain Java loops: the fallback when {@code jdk.incubator.vector} is absent, and the
 * readable statement of what every kernel computes. Loops run i-k-j so the inner loop streams
 * contiguous rows (the JIT auto-vectorises some of them).
 */
public final class ScalarKernel implements Kernel {

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
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                float aip = a[ai + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    @Override
    public void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                int idx = cOff + i * n + j;
                c[idx] = accumulate ? c[idx] + s : s;
            }
        }
    }

    @Override
    public void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * m;
            int bp = bOff + p * n;
            for (int i = 0; i < m; i++) {
                float api = a[ap + i];
                int ci = cOff + i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    @Override
    public void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        spmmRows(0, s.rows, n, s, b, bOff, c, cOff, accumulate);
    }

    /** Rows [from, to) of C (+)= S·B, one row of C at a time. */
    static void spmmRows(int from, int to, int n, SparseRows s, float[] b, int bOff, float[] c, int cOff,
                         boolean accumulate) {
        for (int i = from; i < to; i++) {
            int ci = cOff + i * n;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int q = s.rowStart[i]; q < s.rowStart[i + 1]; q++) {
                float x = s.val[q];
                int bp = bOff + s.col[q] * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += x * b[bp + j];
                }
            }
        }
    }

    @Override
    public void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += v[vOff + j];
            }
        }
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(out, outOff, outOff + n, 0f);
        }
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            for (int j = 0; j < n; j++) {
                out[outOff + j] += a[ai + j];
            }
        }
    }

    @Override
    public void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = f.apply(z[zOff + i]);
        }
    }

    @Override
    public void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            delta[dOff + i] *= f.derivativeFromOutput(y[yOff + i]);
        }
    }

    @Override
    public void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        logSumExpRows(m, n, z, zOff, lse, lseOff);
    }

    @Override
    public void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        softmaxRows(m, n, z, zOff, lse, lseOff, p, pOff);
    }

    /** Row-wise max-shifted log-sum-exp; also the vector kernel's path for rows narrower than a vector. */
    static void logSumExpRows(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        for (int i = 0; i < m; i++) {
            int zi = zOff + i * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, z[zi + j]);
            }
            float sum = 0f;
            for (int j = 0; j < n; j++) {
                sum += (float) Math.exp(z[zi + j] - max);
            }
            lse[lseOff + i] = max + (float) Math.log(sum);
        }
    }

    /** Row-wise softmax from log-sum-exp terms; also the vector kernel's narrow-row path. */
    static void softmaxRows(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        for (int i = 0; i < m; i++) {
            int zi = zOff + i * n;
            int pi = pOff + i * n;
            float l = lse[lseOff + i];
            for (int j = 0; j < n; j++) {
                p[pi + j] = (float) Math.exp(z[zi + j] - l);
            }
        }
    }

    /** {@link Kernel#softmaxLossShift} for points [from, to): the default and the vector kernel's tails. */
    static void softmaxLossShiftRange(int from, int to, float[] d, int dOff, float[] p, int pOff, float[] w,
                                      int wOff, int classes, int label, float[] out, int outOff) {
        for (int t = from; t < to; t++) {
            float dt = d[dOff + t];
            float sum = 0f;
            for (int k = 0; k < classes; k++) {
                sum += p[pOff + k] * (float) Math.exp(dt * w[wOff + k]);
            }
            out[outOff + t] = (float) Math.log(sum) - dt * w[wOff + label];
        }
    }

    /** The scalar {@link Kernel#pixelsToFloats} on entries [from, to), also the SIMD kernel's tail. */
    static void pixelsToFloatsRange(int from, int to, byte[] src, int srcOff, float[] dst, int dstOff) {
        for (int i = from; i < to; i++) {
            dst[dstOff + i] = (src[srcOff + i] & 0xFF) / 255f;
        }
    }

    /** {@link Kernel#columnAbsSums} for columns [from, to), also the SIMD kernel's tail. */
    static void columnAbsSumsRange(int from, int to, int rows, int cols, float[] a, int aOff, float[] live) {
        for (int j = from; j < to; j++) {
            float sum = 0f;
            for (int i = 0; i < rows; i++) {
                sum += Math.abs(a[aOff + i * cols + j]);
            }
            live[j] = sum;
        }
    }
}
