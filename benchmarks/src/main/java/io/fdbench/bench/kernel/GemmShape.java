package io.fdbench.bench.kernel;

import java.util.Locale;

/**
 * The GEMMs of one forward and backward pass of a 784-50-10 MLP at batch 100, plus a square 512
 * case for comparison with published GEMM numbers. {@code m, n, k} follow {@link
 * io.fdbench.engine.kernel.Kernel}: C is m×n and the inner dimension is k.
 */
public enum GemmShape {
    /** Layer 1 forward: Z1[100×50] = X[100×784] · W1[784×50]. */
    fwd1(Op.NN, 100, 50, 784),
    /** Layer 2 forward: Z2[100×10] = A1[100×50] · W2[50×10]. */
    fwd2(Op.NN, 100, 10, 50),
    /** Layer 2 weight gradient: dW2[50×10] = A1ᵀ · δ2 with A1 [100×50], δ2 [100×10]. */
    dW2(Op.TN, 50, 10, 100),
    /** Back-propagated error: dA1[100×50] = δ2[100×10] · W2ᵀ with W2 stored [50×10]. */
    dA1(Op.NT, 100, 50, 10),
    /** Layer 1 weight gradient: dW1[784×50] = Xᵀ · δ1 with X [100×784], δ1 [100×50]. */
    dW1(Op.TN, 784, 50, 100),
    /** Square reference: C[512×512] = A[512×512] · B[512×512]. */
    square512(Op.NN, 512, 512, 512);

    /** Which operand is transposed: NN = A·B (gemm), TN = Aᵀ·B (gemmAtB), NT = A·Bᵀ (gemmABt). */
    public enum Op { NN, TN, NT }

    public final Op op;
    public final int m;
    public final int n;
    public final int k;

    GemmShape(Op op, int m, int n, int k) {
        this.op = op;
        this.m = m;
        this.n = n;
        this.k = k;
    }

    /** Floating-point operations of one product: one multiply and one add per inner term. */
    public long flops() {
        return 2L * m * n * k;
    }

    /** Rows and columns of A as stored (k×m for TN). */
    public int aRows() {
        return op == Op.TN ? k : m;
    }

    public int aCols() {
        return op == Op.TN ? m : k;
    }

    /** Rows and columns of B as stored (n×k for NT). */
    public int bRows() {
        return op == Op.NT ? n : k;
    }

    public int bCols() {
        return op == Op.NT ? k : n;
    }

    /** E.g. {@code "NN m=100 n=50 k=784"}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s m=%d n=%d k=%d", op, m, n, k);
    }

    /** Reference C in double precision from the stored A and B, row-major m×n. */
    public double[] reference(float[] a, float[] b) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double aip = op == Op.TN ? a[p * m + i] : a[i * k + p];
                for (int j = 0; j < n; j++) {
                    double bpj = op == Op.NT ? b[j * k + p] : b[p * n + j];
                    c[i * n + j] += aip * bpj;
                }
            }
        }
        return c;
    }

    /** Σₚ |A[i,p]|·|B[p,j]| per entry: the scale of the rounding error of each C entry. */
    public double[] absoluteReference(float[] a, float[] b) {
        float[] absA = new float[a.length];
        float[] absB = new float[b.length];
        for (int i = 0; i < a.length; i++) {
            absA[i] = Math.abs(a[i]);
        }
        for (int i = 0; i < b.length; i++) {
            absB[i] = Math.abs(b[i]);
        }
        return reference(absA, absB);
    }

    /**
     * Throws unless every entry of {@code c} is within a float rounding bound of the reference:
     * |c − ref| ≤ 4·k·2⁻²⁴·Σ|a||b| + 1e-6 (loose enough for any summation order or FMA, far
     * tighter than any indexing or transposition bug).
     */
    public void verify(String impl, float[] c, double[] ref, double[] absRef) {
        double u = Math.ulp(1.0f) / 2;
        for (int idx = 0; idx < m * n; idx++) {
            double err = Math.abs(c[idx] - ref[idx]);
            double bound = 4.0 * k * u * absRef[idx] + 1e-6;
            if (!(err <= bound)) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s on %s (%s): C[%d,%d] = %s but the reference is %s (error %.3g > bound %.3g)",
                        impl, name(), describe(), idx / n, idx % n, c[idx], ref[idx], err, bound));
            }
        }
    }
}
