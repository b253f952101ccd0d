package io.fdbench.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * Shared checks that hold for every {@link Kernel}: each GEMM against EJML's FMatrixRMaj,
 * offsets, accumulation, the sparse variants against the dense ones, and the element-wise
 * kernels against {@link Activation}'s scalar formulas or double-precision references.
 * Not a test class itself: {@link ScalarKernelTest}, {@link VectorKernelTest} and
 * {@link SelectedKernelTest} run it on their kernel.
 */
final class KernelChecks {

    static final int[] SIZES = {1, 7, 10, 50, 100, 784};

    private KernelChecks() {
    }

    enum Op { AB, ABT, ATB, SPARSE_AB, SPARSE_ATB }

    /**
     * (m, n, k) triples that put every size on every side: a Latin-square style cover of the
     * 6×6×6 cube (36 triples, each (m, n) pair once, k cycling), minus the three largest products
     * to keep the run short, plus the project's target shapes.
     */
    static List<int[]> shapes() {
        List<int[]> out = new ArrayList<>();
        for (int x = 0; x < SIZES.length; x++) {
            for (int y = 0; y < SIZES.length; y++) {
                int m = SIZES[x];
                int n = SIZES[y];
                int k = SIZES[(x + y) % SIZES.length];
                if ((long) m * n * k > 20_000_000L) {
                    // e.g. 784×784×(100|784): covered on each side by cheaper triples already.
                    k = 10;
                }
                out.add(new int[] {m, n, k});
            }
        }
        out.add(new int[] {100, 50, 784});   // forward pass of the 784-50-10 net
        out.add(new int[] {784, 50, 100});   // AᵀB weight gradient
        out.add(new int[] {100, 50, 10});    // A·Bᵀ delta propagation
        out.add(new int[] {13, 9, 3});
        out.add(new int[] {5, 17, 33});
        // Widths one to a few lanes past a group of four vectors (256 and 512 bits), where a last
        // partial vector must not sit alone in its group.
        out.add(new int[] {6, 33, 9});
        out.add(new int[] {6, 65, 9});
        out.add(new int[] {5, 66, 12});
        out.add(new int[] {3, 129, 4});
        return out;
    }

    static float[] random(Random r, int len, double zeroFraction) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = r.nextDouble() < zeroFraction ? 0f : (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Copies x into a larger array at the given offset, with junk around it. */
    static float[] padded(Random r, float[] x, int off, int after) {
        float[] p = new float[off + x.length + after];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1e6f + r.nextInt(1000);
        }
        System.arraycopy(x, 0, p, off, x.length);
        return p;
    }

    /** Reference through EJML: C = op(A, B) on dense FMatrixRMaj (A as given, its layout per op). */
    static float[] ejml(Op op, int m, int n, int k, float[] a, float[] b) {
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        switch (op) {
            case AB:
            case SPARSE_AB:
                CommonOps_FDRM.mult(new FMatrixRMaj(m, k, true, a), new FMatrixRMaj(k, n, true, b), c);
                break;
            case ABT:
                CommonOps_FDRM.multTransB(new FMatrixRMaj(m, k, true, a), new FMatrixRMaj(n, k, true, b), c);
                break;
            case ATB:
            case SPARSE_ATB:
                CommonOps_FDRM.multTransA(new FMatrixRMaj(k, m, true, a), new FMatrixRMaj(k, n, true, b), c);
                break;
            default:
                throw new AssertionError(op);
        }
        return c.data;
    }

    static void run(Kernel kernel, Op op, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                    float[] c, int cOff, boolean acc) {
        switch (op) {
            case AB: kernel.gemm(m, n, k, a, aOff, b, bOff, c, cOff, acc); break;
            case ABT: kernel.gemmABt(m, n, k, a, aOff, b, bOff, c, cOff, acc); break;
            case ATB: kernel.gemmAtB(m, n, k, a, aOff, b, bOff, c, cOff, acc); break;
            case SPARSE_AB: sparseAB(kernel, m, n, k, a, aOff, b, bOff, c, cOff, acc); break;
            case SPARSE_ATB: sparseAtB(kernel, m, n, k, a, aOff, b, bOff, c, cOff, acc); break;
            default: throw new AssertionError(op);
        }
    }

    /** C[m×n] (+)= A[m×k]·B through the kernel's sparse path: compress A, then S·B (the forward pass's). */
    static void sparseAB(Kernel kernel, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                         float[] c, int cOff, boolean acc) {
        SparseRows s = new SparseRows(Math.max(m, 1), 0);
        kernel.compress(m, k, a, aOff, s);
        kernel.spmm(n, s, b, bOff, c, cOff, acc);
    }

    /** C[m×n] (+)= Aᵀ·B with A [k×m] through compress, the CSR transpose and S·B (the backward pass's). */
    static void sparseAtB(Kernel kernel, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                          float[] c, int cOff, boolean acc) {
        SparseRows s = new SparseRows(Math.max(k, 1), 0);
        SparseRows t = new SparseRows(Math.max(m, 1), 0);
        kernel.compress(k, m, a, aOff, s);
        s.transposeInto(t);
        kernel.spmm(n, t, b, bOff, c, cOff, acc);
    }

    /**
     * Relative float tolerance for a k-term dot product of entries in [−1, 1]: error grows about
     * like √k·ε·Σ|aᵢbᵢ|, bounded here generously by k·ε·scale.
     */
    static void assertClose(String what, float[] expected, float[] actual, int actualOff, int k, float scale) {
        float tol = 4f * Math.max(1, k) * Math.ulp(1f) * scale + 1e-30f;
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float x = actual[actualOff + i];
            float bound = tol * Math.max(1f, Math.abs(e));
            if (!(Math.abs(e - x) <= bound)) {
                fail(what + ": element " + i + " expected " + e + " but was " + x + " (tolerance " + bound + ")");
            }
        }
    }

    /** Checks one GEMM op on one shape: plain, accumulating, at offsets with junk around. */
    static void checkGemm(Kernel kernel, Op op, int m, int n, int k, long seed) {
        Random r = new Random(seed);
        boolean sparse = op == Op.SPARSE_AB || op == Op.SPARSE_ATB;
        float[] a = random(r, m * k, sparse ? 0.8 : 0.0);
        float[] b = random(r, k * n, 0.0);
        float[] expected = ejml(op, m, n, k, a, b);
        String what = kernel.name() + " " + op + " m=" + m + " n=" + n + " k=" + k;

        // Overwrite: C starts as junk.
        float[] c = random(r, m * n, 0.0);
        for (int i = 0; i < c.length; i++) {
            c[i] += 1e3f;
        }
        run(kernel, op, m, n, k, a, 0, b, 0, c, 0, false);
        assertClose(what, expected, c, 0, k, 1f);

        // Offsets: every operand inside a bigger array, junk around, and accumulate onto C0.
        int aOff = 3;
        int bOff = 11;
        int cOff = 5;
        float[] c0 = random(r, m * n, 0.0);
        float[] ap = padded(r, a, aOff, 9);
        float[] bp = padded(r, b, bOff, 2);
        float[] cp = padded(r, c0, cOff, 7);
        float[] cpBefore = cp.clone();
        run(kernel, op, m, n, k, ap, aOff, bp, bOff, cp, cOff, true);
        float[] expAcc = new float[m * n];
        for (int i = 0; i < expAcc.length; i++) {
            expAcc[i] = expected[i] + c0[i];
        }
        assertClose(what + " accumulate+offsets", expAcc, cp, cOff, k + 1, 1f);
        for (int i = 0; i < cOff; i++) {
            assertEquals(cpBefore[i], cp[i], what + ": wrote before C at " + i);
        }
        for (int i = cOff + m * n; i < cp.length; i++) {
            assertEquals(cpBefore[i], cp[i], what + ": wrote after C at " + i);
        }
    }

    static void checkAllGemms(Kernel kernel) {
        long seed = 42;
        for (int[] s : shapes()) {
            for (Op op : Op.values()) {
                checkGemm(kernel, op, s[0], s[1], s[2], seed++);
            }
        }
    }

    /** Sparse variants agree with the dense ones on inputs that are ~80 % zeros. */
    static void checkSparseMatchesDense(Kernel kernel) {
        Random r = new Random(7);
        int[][] shapes = {{100, 50, 784}, {784, 50, 100}, {7, 10, 50}, {10, 1, 7}, {50, 100, 1}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = random(r, m * k, 0.8);
            float[] b = random(r, k * n, 0.0);
            float[] dense = new float[m * n];
            float[] sparse = new float[m * n];
            kernel.gemm(m, n, k, a, 0, b, 0, dense, 0, false);
            sparseAB(kernel, m, n, k, a, 0, b, 0, sparse, 0, false);
            assertClose(kernel.name() + " sparse A·B m=" + m + " n=" + n + " k=" + k, dense, sparse, 0, k, 1f);
            kernel.gemmAtB(m, n, k, a, 0, b, 0, dense, 0, false);
            sparseAtB(kernel, m, n, k, a, 0, b, 0, sparse, 0, false);
            assertClose(kernel.name() + " sparse AᵀB m=" + m + " n=" + n + " k=" + k, dense, sparse, 0, k, 1f);
        }
        // An all-zero A gives zero (overwrite) or leaves C unchanged (accumulate).
        float[] zeros = new float[20 * 30];
        float[] b = random(r, 30 * 9, 0.0);
        float[] c = random(r, 20 * 9, 0.0);
        float[] before = c.clone();
        sparseAB(kernel, 20, 9, 30, zeros, 0, b, 0, c, 0, true);
        assertClose(kernel.name() + " sparse zero A accumulate", before, c, 0, 1, 1f);
        sparseAB(kernel, 20, 9, 30, zeros, 0, b, 0, c, 0, false);
        assertClose(kernel.name() + " sparse zero A", new float[20 * 9], c, 0, 1, 1f);
    }

    static void checkBiasAndColumnSums(Kernel kernel) {
        Random r = new Random(11);
        for (int m : SIZES) {
            for (int n : new int[] {1, 7, 10, 50, 784}) {
                if ((long) m * n > 100_000) {
                    continue;
                }
                int k = 13;
                float[] a = random(r, m * k, 0.0);
                float[] b = random(r, k * n, 0.0);
                float[] bias = random(r, n, 0.0);
                float[] ab = ejml(Op.AB, m, n, k, a, b);
                float[] expected = new float[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        expected[i * n + j] = ab[i * n + j] + bias[j];
                    }
                }
                String what = kernel.name() + " m=" + m + " n=" + n;
                float[] c = random(r, m * n + 4, 0.0);
                float[] bp = padded(r, bias, 2, 1);
                // One layer's pre-activation: the product, then the bias row added to every row.
                kernel.gemm(m, n, k, a, 0, b, 0, c, 4, false);
                kernel.addRowVector(m, n, bp, 2, c, 4);
                assertClose(what + " gemm + bias", expected, c, 4, k + 1, 1f);

                float[] c2 = random(r, m * n, 0.0);
                float[] exp2 = new float[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        exp2[i * n + j] = c2[i * n + j] + bias[j];
                    }
                }
                kernel.addRowVector(m, n, bias, 0, c2, 0);
                assertClose(what + " addRowVector", exp2, c2, 0, 1, 1f);

                double[] sums = new double[n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        sums[j] += expected[i * n + j];
                    }
                }
                float[] expSums = new float[n];
                float[] prior = random(r, n, 0.0);
                float[] expSumsAcc = new float[n];
                for (int j = 0; j < n; j++) {
                    expSums[j] = (float) sums[j];
                    expSumsAcc[j] = (float) (sums[j] + prior[j]);
                }
                float[] out = padded(r, new float[n], 3, 3);
                kernel.columnSums(m, n, expected, 0, out, 3, false);
                assertClose(what + " columnSums", expSums, out, 3, m, 2f);
                float[] outAcc = padded(r, prior, 1, 0);
                kernel.columnSums(m, n, expected, 0, outAcc, 1, true);
                assertClose(what + " columnSums accumulate", expSumsAcc, outAcc, 1, m + 1, 2f);
            }
        }
    }

    /** Activations over lengths with and without a vector tail, against Activation's own formulas. */
    static void checkActivations(Kernel kernel) {
        Random r = new Random(5);
        for (Activation f : Activation.values()) {
            for (int len : new int[] {1, 7, 8, 10, 50, 100, 784, 1003}) {
                float[] z = new float[len];
                for (int i = 0; i < len; i++) {
                    // Mostly moderate values, some tiny, some large (saturation), some exact zeros.
                    double u = r.nextDouble();
                    z[i] = u < 0.1 ? 0f
                            : u < 0.2 ? (float) (r.nextGaussian() * 1e-4)
                            : u < 0.3 ? (float) (r.nextGaussian() * 40)
                            : (float) (r.nextGaussian() * 3);
                }
                float[] y = new float[len + 6];
                kernel.activate(f, z, 0, y, 6, len);
                for (int i = 0; i < len; i++) {
                    float e = f.apply(z[i]);
                    float tol = 4 * Math.ulp(e) + 1e-37f;
                    assertEquals(e, y[6 + i], tol, kernel.name() + " " + f + " at z=" + z[i]);
                }
                // In place.
                float[] zz = z.clone();
                kernel.activate(f, zz, 0, zz, 0, len);
                for (int i = 0; i < len; i++) {
                    assertEquals(y[6 + i], zz[i], 0f, kernel.name() + " " + f + " in place");
                }
                // Derivative through the output.
                float[] delta = random(r, len + 2, 0.0);
                float[] d0 = delta.clone();
                kernel.multiplyByDerivative(f, y, 6, delta, 2, len);
                for (int i = 0; i < 2; i++) {
                    assertEquals(d0[i], delta[i], 0f, "wrote before delta");
                }
                for (int i = 0; i < len; i++) {
                    float e = d0[2 + i] * f.derivativeFromOutput(y[6 + i]);
                    assertEquals(e, delta[2 + i], 2 * Math.ulp(e) + 1e-37f,
                            kernel.name() + " " + f + "' at y=" + y[6 + i]);
                }
            }
        }
        // Exact corner values every implementation must get right.
        float[] z = {0f, -0f, 1e30f, -1e30f, 100f, -100f, 0f, 5f, -5f};
        float[] y = new float[z.length];
        kernel.activate(Activation.SIGMOID, z, 0, y, 0, z.length);
        assertEquals(0.5f, y[0], Math.ulp(0.5f));
        assertEquals(1f, y[2], 0f);
        assertTrue(y[3] >= 0f && y[3] < 1e-30f, "sigmoid(-1e30) ~ 0: " + y[3]);
        kernel.activate(Activation.TANH, z, 0, y, 0, z.length);
        assertEquals(0f, y[0], 0f);
        assertEquals(1f, y[2], 0f);
        assertEquals(-1f, y[3], 0f);
        kernel.activate(Activation.RELU, z, 0, y, 0, z.length);
        assertEquals(0f, y[5], 0f);
        assertEquals(100f, y[4], 0f);
    }

    /** log-sum-exp against a double computation, including large logits; softmax rows sum to 1. */
    static void checkSoftmax(Kernel kernel) {
        Random r = new Random(3);
        for (int n : new int[] {1, 2, 7, 8, 10, 17, 50, 784}) {
            int m = 9;
            float[] z = new float[m * n + 3];
            for (int i = 0; i < m; i++) {
                // Row 0: huge logits (1000, 1001, ...); row 1: very negative; others moderate.
                double base = i == 0 ? 1000 : i == 1 ? -1000 : 0;
                for (int j = 0; j < n; j++) {
                    z[3 + i * n + j] = (float) (base + (i == 0 ? j : r.nextGaussian() * 5));
                }
            }
            float[] lse = new float[m + 1];
            kernel.rowLogSumExp(m, n, z, 3, lse, 1);
            assertEquals(0f, lse[0], 0f, "wrote before lse");
            for (int i = 0; i < m; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, z[3 + i * n + j]);
                }
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += Math.exp(z[3 + i * n + j] - max);
                }
                double expected = max + Math.log(s);
                assertTrue(Float.isFinite(lse[1 + i]), kernel.name() + " lse finite n=" + n);
                assertEquals(expected, lse[1 + i], 4 * Math.ulp((float) Math.abs(expected)) + 1e-5,
                        kernel.name() + " rowLogSumExp n=" + n + " row " + i);
            }
            float[] p = new float[m * n + 5];
            kernel.rowSoftmax(m, n, z, 3, lse, 1, p, 5);
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    float pij = p[5 + i * n + j];
                    assertTrue(pij >= 0f && pij <= 1f + 1e-6f, "probability in [0, 1]: " + pij);
                    double e = Math.exp((double) z[3 + i * n + j] - lse[1 + i]);
                    assertEquals(e, pij, 1e-6 + 4 * Math.ulp((float) e), kernel.name() + " softmax entry");
                    sum += pij;
                }
                // lse is a float: near 1000 its ulp (6e-5) shifts every p by that relative amount.
                double sumTol = 1e-5 * Math.max(1, Math.sqrt(n)) + 2 * Math.ulp(Math.abs(lse[1 + i]));
                assertEquals(1.0, sum, sumTol, kernel.name() + " softmax row " + i + " n=" + n);
            }
            // P aliasing Z.
            float[] zz = z.clone();
            kernel.rowSoftmax(m, n, zz, 3, lse, 1, zz, 3);
            for (int i = 0; i < m * n; i++) {
                assertEquals(p[5 + i], zz[3 + i], 0f, kernel.name() + " softmax in place n=" + n);
            }
        }
    }

    /**
     * Every byte value 0..255 at every position of a vector, at odd offsets and lengths, becomes
     * exactly v / 255f (the floats a data set holds), and nothing outside the range is written.
     */
    static void checkPixelsToFloats(Kernel kernel) {
        Random r = new Random(11);
        for (int n : new int[] {1, 3, 7, 8, 15, 16, 17, 33, 255, 256, 784}) {
            byte[] src = new byte[n + 5];
            r.nextBytes(src);
            for (int i = 0; i < n; i++) {
                src[3 + i] = (byte) ((i * 37 + n) & 0xFF); // every value appears once n ≥ 256
            }
            float[] dst = new float[n + 4];
            java.util.Arrays.fill(dst, -1f);
            kernel.pixelsToFloats(n, src, 3, dst, 2);
            assertEquals(-1f, dst[0], 0f, kernel.name() + " wrote before dst");
            assertEquals(-1f, dst[1], 0f, kernel.name() + " wrote before dst");
            assertEquals(-1f, dst[n + 2], 0f, kernel.name() + " wrote past dst");
            for (int i = 0; i < n; i++) {
                int v = src[3 + i] & 0xFF;
                assertEquals(v / 255f, dst[2 + i], 0f, kernel.name() + " pixel " + v + " at " + i + " of " + n);
            }
        }
    }

    /**
     * Skipping the all-zero columns of A gives exactly the full products, for gemm (skipped inner
     * steps: single ones, runs of up to five, a long run and the last steps) and gemmAtB (skipped
     * rows of C: single, a whole five-row block, the last rows), overwriting and accumulating;
     * a column holding a NaN among zeros is not skipped.
     */
    static void checkSkipZeroColumns(Kernel kernel) {
        Random r = new Random(21);
        for (int[] shape : new int[][] {{100, 50, 784}, {23, 17, 40}, {12, 3, 14}, {37, 33, 29}, {6, 20, 300}}) {
            int rows = shape[0];
            int n = shape[1];
            int cols = shape[2];
            float[] a = new float[2 + rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    boolean blank = j % 7 == 3 || (j >= 5 && j < 10) || (j >= 11 && j < 14)
                            || (j >= 20 && j < 150) || j >= cols - 2;
                    a[2 + i * cols + j] = blank ? 0f : (r.nextFloat() < 0.3f ? 0f : (float) r.nextGaussian());
                }
            }
            a[2 + (rows - 1) * cols + 6] = Float.NaN; // inside the blank run 5..9
            a[2 + cols + 12] = 1e-30f; // a column non-zero in one row, by a tiny amount, is live
            float[] live = new float[cols + 1];
            kernel.columnAbsSums(rows, cols, a, 2, live);
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int i = 0; i < rows; i++) {
                    sum += Math.abs(a[2 + i * cols + j]);
                }
                if (j == 6) {
                    assertTrue(Float.isNaN(live[j]), kernel.name() + " NaN column sum");
                } else if (j == 12) {
                    assertEquals(1e-30f, live[j], 0f, kernel.name() + " tiny column sum");
                } else {
                    assertEquals(sum, live[j], 1e-5 * sum, kernel.name() + " |column| sum " + j);
                    assertEquals(sum == 0, live[j] == 0f, kernel.name() + " blank column " + j);
                }
            }
            // gemm: A [rows × cols] · B [cols × n], skipping blank inner steps.
            float[] b = gaussian(r, 1 + cols * n);
            // gemmAtB: A read as [k = rows] × [m = cols], C [cols × n], skipping blank C rows.
            float[] d = gaussian(r, 1 + rows * n);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] expected = gaussian(r, 3 + rows * n);
                float[] actual = expected.clone();
                kernel.gemm(rows, n, cols, a, 2, b, 1, expected, 3, accumulate);
                kernel.gemmSkipZeroColumns(rows, n, cols, a, 2, b, 1, actual, 3, accumulate, live);
                assertBitsEqual(expected, actual, kernel.name() + " gemm " + rows + "x" + n + "x" + cols
                        + " accumulate=" + accumulate);
                float[] expectedT = gaussian(r, 3 + cols * n);
                float[] actualT = expectedT.clone();
                kernel.gemmAtB(cols, n, rows, a, 2, d, 1, expectedT, 3, accumulate);
                kernel.gemmAtBSkipZeroColumns(cols, n, rows, a, 2, d, 1, actualT, 3, accumulate, live);
                assertBitsEqual(expectedT, actualT, kernel.name() + " gemmAtB " + cols + "x" + n + "x" + rows
                        + " accumulate=" + accumulate);
                assertTrue(Float.isNaN(actualT[3 + 6 * n]), "the NaN column's row is computed");
                if (!accumulate) {
                    assertTrue(actualT[3 + 12 * n] != 0f, "the tiny column's row is computed");
                }
            }
        }
    }

    /**
     * Bad arguments fail at the facade with an exception naming the operation (and the operand),
     * before anything is written: too-short arrays, offsets past the end, negative sizes, nulls, a
     * short mask, a label out of range, a sparse buffer with too few rows.
     */
    static void checkArgumentsAreChecked(Kernel kernel) {
        float[] a = new float[12];
        float[] b = new float[12];
        float[] c = new float[12];
        java.util.Arrays.fill(c, 7f);
        float[] untouched = c.clone();
        Activation f = Activation.TANH;
        rejects(kernel, c, untouched, "gemm", "A", IllegalArgumentException.class,
                () -> kernel.gemm(3, 4, 5, a, 0, b, 0, c, 0, false));
        rejects(kernel, c, untouched, "gemm", "C", IllegalArgumentException.class,
                () -> kernel.gemm(3, 4, 2, a, 0, b, 0, c, 1, false));
        rejects(kernel, c, untouched, "gemm", "m", IllegalArgumentException.class,
                () -> kernel.gemm(-1, 4, 2, a, 0, b, 0, c, 0, false));
        rejects(kernel, c, untouched, "gemm", "B", NullPointerException.class,
                () -> kernel.gemm(2, 2, 2, a, 0, null, 0, c, 0, false));
        rejects(kernel, c, untouched, "gemmABt", "B", IllegalArgumentException.class,
                () -> kernel.gemmABt(2, 4, 3, a, 0, b, 1, c, 0, true));
        rejects(kernel, c, untouched, "gemmAtB", "A", IllegalArgumentException.class,
                () -> kernel.gemmAtB(2, 2, 2, a, -1, b, 0, c, 0, false));
        rejects(kernel, c, untouched, "gemmSkipZeroColumns", "live", IllegalArgumentException.class,
                () -> kernel.gemmSkipZeroColumns(2, 2, 3, a, 0, b, 0, c, 0, false, new float[2]));
        rejects(kernel, c, untouched, "gemmAtBSkipZeroColumns", "live", IllegalArgumentException.class,
                () -> kernel.gemmAtBSkipZeroColumns(3, 2, 2, a, 0, b, 0, c, 0, false, new float[2]));
        rejects(kernel, c, untouched, "columnAbsSums", "live", IllegalArgumentException.class,
                () -> kernel.columnAbsSums(2, 4, a, 0, new float[3]));
        rejects(kernel, c, untouched, "columnAbsSums", "A", IllegalArgumentException.class,
                () -> kernel.columnAbsSums(4, 4, a, 0, c));
        rejects(kernel, c, untouched, "compress", "rows", IllegalArgumentException.class,
                () -> kernel.compress(3, 4, a, 0, new SparseRows(2, 0)));
        rejects(kernel, c, untouched, "compress", "sparse", NullPointerException.class,
                () -> kernel.compress(3, 4, a, 0, null));
        SparseRows s = new SparseRows(3, 0);
        kernel.compress(3, 4, a, 0, s);
        rejects(kernel, c, untouched, "spmm", "B", IllegalArgumentException.class,
                () -> kernel.spmm(4, s, b, 0, c, 0, false));
        rejects(kernel, c, untouched, "spmm", "C", IllegalArgumentException.class,
                () -> kernel.spmm(3, s, b, 0, c, 4, false));
        rejects(kernel, c, untouched, "addRowVector", "v", IllegalArgumentException.class,
                () -> kernel.addRowVector(2, 5, new float[4], 0, c, 0));
        rejects(kernel, c, untouched, "columnSums", "out", IllegalArgumentException.class,
                () -> kernel.columnSums(2, 5, a, 0, c, 8, false));
        rejects(kernel, c, untouched, "activate", "y", IllegalArgumentException.class,
                () -> kernel.activate(f, a, 0, c, 1, 12));
        rejects(kernel, c, untouched, "activate", "activation", NullPointerException.class,
                () -> kernel.activate(null, a, 0, c, 0, 12));
        rejects(kernel, c, untouched, "multiplyByDerivative", "len", IllegalArgumentException.class,
                () -> kernel.multiplyByDerivative(f, a, 0, c, 0, -1));
        rejects(kernel, c, untouched, "rowLogSumExp", "lse", IllegalArgumentException.class,
                () -> kernel.rowLogSumExp(3, 4, a, 0, c, 10));
        rejects(kernel, c, untouched, "rowSoftmax", "P", IllegalArgumentException.class,
                () -> kernel.rowSoftmax(3, 4, a, 0, b, 0, c, 1));
        rejects(kernel, c, untouched, "softmaxLossShift", "label", IllegalArgumentException.class,
                () -> kernel.softmaxLossShift(3, a, 0, b, 0, b, 0, 4, 4, c, 0));
        rejects(kernel, c, untouched, "softmaxLossShift", "out", IllegalArgumentException.class,
                () -> kernel.softmaxLossShift(3, a, 0, b, 0, b, 0, 4, 1, c, 10));
        rejects(kernel, c, untouched, "softmaxLossShift", "w", IllegalArgumentException.class,
                () -> kernel.softmaxLossShift(3, a, 0, b, 0, b, 9, 4, 1, c, 0));
        rejects(kernel, c, untouched, "softmaxLossShift", "out", IllegalArgumentException.class,
                () -> kernel.softmaxLossShift(3, c, 0, b, 0, b, 0, 4, 1, c, 2));
        rejects(kernel, c, untouched, "pixelsToFloats", "src", IllegalArgumentException.class,
                () -> kernel.pixelsToFloats(12, new byte[11], 0, c, 0));
        rejects(kernel, c, untouched, "pixelsToFloats", "dst", IllegalArgumentException.class,
                () -> kernel.pixelsToFloats(12, new byte[12], 0, c, 1));
        // Empty operations at the very end of their arrays are fine.
        kernel.gemm(0, 4, 3, a, 12, b, 0, c, 12, false);
        kernel.activate(f, a, 12, c, 12, 0);
        assertTrue(java.util.Arrays.equals(untouched, c), kernel.name() + ": an empty operation wrote");
    }

    private static void rejects(Kernel kernel, float[] c, float[] untouched, String op, String operand,
                                Class<? extends RuntimeException> type, Runnable call) {
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(type, call::run,
                kernel.name() + " " + op + " with a bad " + operand);
        String message = String.valueOf(e.getMessage());
        String rest = message.startsWith(op + ": ") ? message.substring(op.length() + 2) : "";
        assertTrue(rest.startsWith(operand + " ") || rest.contains(" " + operand + " "),
                kernel.name() + ": the message names " + op + " and " + operand + ": " + message);
        assertTrue(java.util.Arrays.equals(untouched, c), kernel.name() + " " + op + " wrote before failing");
    }

    private static float[] gaussian(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0f, what + " at " + i);
        }
    }
}
