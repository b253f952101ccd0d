package io.fdbench.engine.kernel;

import java.util.Arrays;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel on the incubating Vector API ({@code jdk.incubator.vector}), at the platform's
 * preferred float species (256 bits on AVX2, 512 on AVX-512) or the narrower width that
 * {@link Kernels#WIDTH_PROPERTY} asks for.
 *
 * <p>Only {@link Kernels} should name this class, reflectively: a JVM started without
 * {@code --add-modules jdk.incubator.vector} cannot link it.
 *
 * <p>GEMMs are register-blocked: {@link #gemm} and {@link #gemmAtB} keep a block of 5 rows × 4
 * vectors of C in registers (20 of the 32 AVX-512 registers; 5 × 2 on AVX2's 16) across a panel
 * of the k loop,
 * broadcasting A entries and fusing with FMA; {@link #gemmABt} transposes B into a per-thread
 * scratch panel (O(n·k) work, reused across calls, so steady-state calls allocate nothing) and
 * runs the same blocked routine, which is much faster than reduced dot products when k is small
 * (the 10-wide output layer). A partial last vector of columns overlaps its neighbour inside the
 * same block instead of using a mask (masked loads and stores box on JDK 17 and are slow without
 * AVX-512). The sparse variants add a vector axpy of a B row for every non-zero A entry. Results
 * match {@link ScalarKernel} up to rounding order (FMA and reduction order change the last bits).
 *
 * <p>The exponential behind sigmoid, tanh and softmax is a Cody–Waite reduction with a degree-6
 * polynomial (within about 2 ulp of {@code Math.exp} on the clamped range [−87.3, 88.7]), so it
 * runs at the same speed on every JDK, whether or not the JDK intrinsifies the API's own
 * {@code EXP}.
 *
 * <p>The hot loops allocate nothing once C2 has compiled them; the class keeps no state beyond the
 * per-thread Bᵀ scratch. Keep to one species throughout: mixing in a second shape (say, half-width
 * vectors for column tails) makes the type profiles inside {@code FloatVector}'s shared code
 * bimorphic, and C2 then often fails to intrinsify the loops and boxes every vector (10× slower,
 * megabytes allocated per call, depending on compilation order).
 */
public final class VectorKernel implements Kernel {

    private static final VectorSpecies<Float> S = species(Kernels.requestedVectorBits());
    private static final int L = S.length();
    /**
     * Column vectors per GEMM block: 5 rows × 4 vectors is 20 accumulators of AVX-512's 32
     * registers; AVX2 has 16, so 256-bit (and narrower) vectors take 5 × 2 (10 accumulators).
     * Not 6 × 4: with 24 accumulators, C2 gives up intrinsifying some of the block's vector
     * operations in some compilations (measured: about one JVM in five ran the whole benchmark
     * ten times slower, boxing every vector), and 5 × 4 is within 3 % of its speed.
     */
    private static final int GEMM_GROUP = L >= 16 ? 4 : 2;
    /**
     * Bytes with one float vector's lane count, for {@link #pixelsToFloats}; null below 8 lanes
     * (there is no 32-bit vector shape), where the scalar loop runs.
     */
    private static final VectorSpecies<Byte> PIXELS = L >= 8
            ? VectorSpecies.of(byte.class, VectorShape.forBitSize(8 * L)) : null;
    /** Number of k steps kept in one panel, so the B panel of a column block stays in L1. */
    private static final int KC = 128;

    
    /**
     * Row r (r = 1..L−1) holds L−r zeros then r ones: multiplying the overlapping last vector of a
     * row by it keeps only the r lanes not yet counted.
     */
    private static final float[] TAIL_KEEP = new float[L * L];

    static {
        for (int r = 0; r < L; r++) {
            for (int l = L - r; l < L; l++) {
                TAIL_KEEP[r * L + l] = 1f;
            }
        }
    }

    // exp(x): x = n·ln2 + r, |r| ≤ ln2/2; exp(r) by a polynomial; 2ⁿ built in the exponent bits.
    private static final float EXP_HI = 88.72283f;
    private static final float EXP_LO = -87.33654f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds to the nearest integer, kept in the low mantissa bits. */
    private static final float ROUND_MAGIC = 12582912f;
    private static final int ROUND_MAGIC_BITS = Float.floatToRawIntBits(ROUND_MAGIC);
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    // tanh(x) for |x| < 0.625: x + x³·Q(x²).
    private static final float T0 = -5.70498872745e-3f;
    private static final float T1 = 2.06390887954e-2f;
    private static final float T2 = -5.37397155531e-2f;
    private static final float T3 = 1.33314422036e-1f;
    private static final float T4 = -3.33332819422e-1f;

    /** Public no-arg constructor, for reflective loading by {@link Kernels}. */
    public VectorKernel() {
    }

    /** The preferred species, or a narrower one the CPU supports when a width is asked for. */
    private static VectorSpecies<Float> species(int bits) {
        VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
        if (bits == 0 || bits == preferred.vectorBitSize()) {
            return preferred;
        }
        if (bits > preferred.vectorBitSize()) {
            throw new IllegalStateException("-D" + Kernels.WIDTH_PROPERTY + "=" + bits + ": this CPU's widest float vectors have "
                    + preferred.vectorBitSize() + " bits");
        }
        return FloatVector.SPECIES_128.vectorBitSize() == bits ? FloatVector.SPECIES_128 : FloatVector.SPECIES_256;
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public float fmaChains(int rounds) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector y = FloatVector.broadcast(S, 1e-7f);
        FloatVector a0 = FloatVector.broadcast(S, 1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int r = 0; r < rounds; r++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y);
            a3 = a3.fma(x, y); a4 = a4.fma(x, y); a5 = a5.fma(x, y);
            a6 = a6.fma(x, y); a7 = a7.fma(x, y); a8 = a8.fma(x, y);
            a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public String name() {
        return "simd-" + S.vectorBitSize();
    }

    /**
     * Measured on 784-50-10 MNIST gradients (81 % zeros, batch 100, Zen 5): at 512 bits the dense
     * GEMMs run at about 175 GFLOP/s and win (112 µs against 140 µs sparse); at 256 bits the sparse
     * path wins (155 µs against 210 µs).
     */
    @Override
    public double sparseInputThreshold() {
        return L >= 16 ? 0.9 : 0.7;
    }

    // ------------------------------------------------------------------------------------------
    // GEMM: C (+)= A·B and C (+)= Aᵀ·B share one blocked routine; A(i, p) = a[aOff + i·aRs + p·aCs].

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        checkGemm(m, n, k, a, aOff, b, bOff, c, cOff);
        blockedGemm(m, n, k, a, aOff, k, 1, b, bOff, c, cOff, accumulate, null, null);
    }

    @Override
    public void gemmAtB(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        checkGemm(m, n, k, a, aOff, b, bOff, c, cOff);
        blockedGemm(m, n, k, a, aOff, 1, m, b, bOff, c, cOff, accumulate, null, null);
    }

    @Override
    public void gemmSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                    float[] c, int cOff, boolean accumulate, float[] live) {
        checkGemm(m, n, k, a, aOff, b, bOff, c, cOff);
        checkLive(live, k);
        blockedGemm(m, n, k, a, aOff, k, 1, b, bOff, c, cOff, accumulate, null, live);
    }

    @Override
    public void gemmAtBSkipZeroColumns(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                       float[] c, int cOff, boolean accumulate, float[] live) {
        checkGemm(m, n, k, a, aOff, b, bOff, c, cOff);
        checkLive(live, m);
        blockedGemm(m, n, k, a, aOff, 1, m, b, bOff, c, cOff, accumulate, live, null);
    }

    private static void checkLive(float[] live, int size) {
        if (live.length < size) {
            throw new IllegalArgumentException("skip mask has " + live.length + " entries, needs " + size);
        }
    }

    @Override
    public void columnAbsSums(int rows, int cols, float[] a, int aOff, float[] live) {
        final int cv = cols - cols % L;
        for (int j = 0; j < cv; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0; i < rows; i++) {
                acc = acc.add(FloatVector.fromArray(S, a, aOff + i * cols + j).abs());
            }
            acc.intoArray(live, j);
        }
        ScalarKernel.columnAbsSumsRange(cv, cols, rows, cols, a, aOff, live);
    }

    /**
     * Blank inner steps closer than this to the next live one are computed (their products are
     * zero) rather than splitting the panel: a split reloads and stores every C accumulator.
     */
    private static final int SKIP_GAP = 3;

    /** The first step from p on that is live (all steps are when live is null), or k. */
    private static int nextLive(float[] live, int p, int k) {
        if (live != null) {
            while (p < k && live[p] == 0f) {
                p++;
            }
        }
        return p;
    }

    /**
     * The end of the k panel starting at the live step p0: at most KC steps, ending before a run
     * of more than SKIP_GAP blank steps.
     */
    private static int panelEnd(float[] live, int p0, int k) {
        int limit = Math.min(k, p0 + KC);
        if (live == null) {
            return limit;
        }
        int end = p0 + 1;
        while (end < limit) {
            int next = nextLive(live, end, limit);
            if (next == limit || next - end > SKIP_GAP) {
                break;
            }
            end = next + 1;
        }
        return end;
    }

    /** Whether rows i..i+rows−1 of C may be non-zero: live is null, or one of its sums is not 0 (NaN is). */
    private static boolean live(float[] live, int i, int rows) {
        if (live == null) {
            return true;
        }
        for (int r = i; r < i + rows; r++) {
            if (live[r] != 0f) {
                return true;
            }
        }
        return false;
    }

    private static void checkGemm(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                  float[] c, int cOff) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative dimension: m=" + m + " n=" + n + " k=" + k);
        }
        java.util.Objects.checkFromIndexSize(aOff, m * k, a.length);
        java.util.Objects.checkFromIndexSize(bOff, k * n, b.length);
        java.util.Objects.checkFromIndexSize(cOff, m * n, c.length);
    }

    private static void blockedGemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                                    float[] b, int bOff, float[] c, int cOff, boolean accumulate, float[] liveRows,
                                    float[] liveSteps) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, cOff, cOff + m * n, 0f);
            }
            return;
        }
        if (n < L) {
            narrowGemm(m, n, k, a, aOff, aRs, aCs, b, bOff, c, cOff, accumulate);
            return;
        }
        if (!accumulate) {
            // Blocks always add into C: a load per accumulator instead of a branch in each keeps
            // the block methods small enough for C2 to intrinsify every vector operation (with
            // the branch, a quarter of the JVMs measured ran boxed).
            Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
        for (int p0 = nextLive(liveSteps, 0, k), p1; p0 < k; p0 = nextLive(liveSteps, p1, k)) {
            p1 = panelEnd(liveSteps, p0, k);
            for (int j = 0, end; j < n; j = end) {
                end = groupEnd(j, n, GEMM_GROUP);
                int count = (end - j + L - 1) / L;
                int last = end - L;
                if (count == 4) {
                    int o3 = Math.min(j + 3 * L, last);
                    int i = 0;
                    for (; i + 5 <= m; i += 5) {
                        if (live(liveRows, i, 5)) {
                            block5x4(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, j + L, j + 2 * L, o3,
                                    c, cOff + i * n);
                        }
                    }
                    for (; i < m; i++) {
                        if (live(liveRows, i, 1)) {
                            block1x4(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, j + L, j + 2 * L, o3,
                                    c, cOff + i * n);
                        }
                    }
                    continue;
                }
                // One to three vectors: a lone full vector when the count is odd, then a pair whose
                // second vector may overlap the first.
                int jp = j;
                if (count != 2) {
                    int i = 0;
                    for (; i + 5 <= m; i += 5) {
                        if (live(liveRows, i, 5)) {
                            block5x1(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, c, cOff + i * n);
                        }
                    }
                    for (; i < m; i++) {
                        if (live(liveRows, i, 1)) {
                            block1x1(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, j, c, cOff + i * n);
                        }
                    }
                    jp = j + L;
                }
                if (count > 1) {
                    int o1 = Math.min(jp + L, last);
                    int i = 0;
                    for (; i + 5 <= m; i += 5) {
                        if (live(liveRows, i, 5)) {
                            block5x2(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, jp, o1, c, cOff + i * n);
                        }
                    }
                    for (; i < m; i++) {
                        if (live(liveRows, i, 1)) {
                            block1x2(p0, p1, a, aOff + i * aRs, aRs, aCs, b, bOff, n, jp, o1, c, cOff + i * n);
                        }
                    }
                }
            }
        }
    }

    /**
     * The end of the column group that starts at j: {@code vectors} vectors wide, but the last
     * group keeps a full vector besides the one that overlaps it at n − L. All of a group's loads
     * precede its stores and overlapping lanes get bit-identical sums, so a partial last vector
     * needs no mask; a later group overlapping a finished one would add twice.
     */
    private static int groupEnd(int j, int n, int vectors) {
        int end = Math.min(n, j + vectors * L);
        if (n - end > 0 && n - end < L) {
            end = j + (vectors - 1) * L;
        }
        return end;
    }

    /** Rows i..i+4 (A row i starts at a0, C row i at c0) × four column vectors at o0..o3, added into C over k steps p0..p1. */
    private static void block5x4(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1, int o2, int o3,
                                 float[] c, int c0) {
        final int a1 = a0 + aRs;
        final int a2 = a1 + aRs;
        final int a3 = a2 + aRs;
        final int a4 = a3 + aRs;
        final int r0 = c0;
        final int r1 = c0 + 1 * n;
        final int r2 = c0 + 2 * n;
        final int r3 = c0 + 3 * n;
        final int r4 = c0 + 4 * n;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        FloatVector c02 = FloatVector.fromArray(S, c, r0 + o2);
        FloatVector c03 = FloatVector.fromArray(S, c, r0 + o3);
        FloatVector c10 = FloatVector.fromArray(S, c, r1 + o0);
        FloatVector c11 = FloatVector.fromArray(S, c, r1 + o1);
        FloatVector c12 = FloatVector.fromArray(S, c, r1 + o2);
        FloatVector c13 = FloatVector.fromArray(S, c, r1 + o3);
        FloatVector c20 = FloatVector.fromArray(S, c, r2 + o0);
        FloatVector c21 = FloatVector.fromArray(S, c, r2 + o1);
        FloatVector c22 = FloatVector.fromArray(S, c, r2 + o2);
        FloatVector c23 = FloatVector.fromArray(S, c, r2 + o3);
        FloatVector c30 = FloatVector.fromArray(S, c, r3 + o0);
        FloatVector c31 = FloatVector.fromArray(S, c, r3 + o1);
        FloatVector c32 = FloatVector.fromArray(S, c, r3 + o2);
        FloatVector c33 = FloatVector.fromArray(S, c, r3 + o3);
        FloatVector c40 = FloatVector.fromArray(S, c, r4 + o0);
        FloatVector c41 = FloatVector.fromArray(S, c, r4 + o1);
        FloatVector c42 = FloatVector.fromArray(S, c, r4 + o2);
        FloatVector c43 = FloatVector.fromArray(S, c, r4 + o3);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + o2);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + o3);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            c43 = x.fma(b3, c43);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
        c02.intoArray(c, r0 + o2);
        c03.intoArray(c, r0 + o3);
        c10.intoArray(c, r1 + o0);
        c11.intoArray(c, r1 + o1);
        c12.intoArray(c, r1 + o2);
        c13.intoArray(c, r1 + o3);
        c20.intoArray(c, r2 + o0);
        c21.intoArray(c, r2 + o1);
        c22.intoArray(c, r2 + o2);
        c23.intoArray(c, r2 + o3);
        c30.intoArray(c, r3 + o0);
        c31.intoArray(c, r3 + o1);
        c32.intoArray(c, r3 + o2);
        c33.intoArray(c, r3 + o3);
        c40.intoArray(c, r4 + o0);
        c41.intoArray(c, r4 + o1);
        c42.intoArray(c, r4 + o2);
        c43.intoArray(c, r4 + o3);
    }

    /** Rows i..i+4 (A row i starts at a0, C row i at c0) × two column vectors at o0, o1 (o1 may overlap o0), added into C over k steps p0..p1. */
    private static void block5x2(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1,
                                 float[] c, int c0) {
        final int a1 = a0 + aRs;
        final int a2 = a1 + aRs;
        final int a3 = a2 + aRs;
        final int a4 = a3 + aRs;
        final int r0 = c0;
        final int r1 = c0 + 1 * n;
        final int r2 = c0 + 2 * n;
        final int r3 = c0 + 3 * n;
        final int r4 = c0 + 4 * n;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        FloatVector c10 = FloatVector.fromArray(S, c, r1 + o0);
        FloatVector c11 = FloatVector.fromArray(S, c, r1 + o1);
        FloatVector c20 = FloatVector.fromArray(S, c, r2 + o0);
        FloatVector c21 = FloatVector.fromArray(S, c, r2 + o1);
        FloatVector c30 = FloatVector.fromArray(S, c, r3 + o0);
        FloatVector c31 = FloatVector.fromArray(S, c, r3 + o1);
        FloatVector c40 = FloatVector.fromArray(S, c, r4 + o0);
        FloatVector c41 = FloatVector.fromArray(S, c, r4 + o1);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
        c10.intoArray(c, r1 + o0);
        c11.intoArray(c, r1 + o1);
        c20.intoArray(c, r2 + o0);
        c21.intoArray(c, r2 + o1);
        c30.intoArray(c, r3 + o0);
        c31.intoArray(c, r3 + o1);
        c40.intoArray(c, r4 + o0);
        c41.intoArray(c, r4 + o1);
    }

    /** Rows i..i+4 (A row i starts at a0, C row i at c0) × one column vector at o0, added into C over k steps p0..p1. */
    private static void block5x1(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0,
                                 float[] c, int c0) {
        final int a1 = a0 + aRs;
        final int a2 = a1 + aRs;
        final int a3 = a2 + aRs;
        final int a4 = a3 + aRs;
        final int r0 = c0;
        final int r1 = c0 + 1 * n;
        final int r2 = c0 + 2 * n;
        final int r3 = c0 + 3 * n;
        final int r4 = c0 + 4 * n;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c10 = FloatVector.fromArray(S, c, r1 + o0);
        FloatVector c20 = FloatVector.fromArray(S, c, r2 + o0);
        FloatVector c30 = FloatVector.fromArray(S, c, r3 + o0);
        FloatVector c40 = FloatVector.fromArray(S, c, r4 + o0);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40);
        }
        c00.intoArray(c, r0 + o0);
        c10.intoArray(c, r1 + o0);
        c20.intoArray(c, r2 + o0);
        c30.intoArray(c, r3 + o0);
        c40.intoArray(c, r4 + o0);
    }

    /** One row × four column vectors at o0..o3, added into C over k steps p0..p1. */
    private static void block1x4(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1, int o2, int o3,
                                 float[] c, int c0) {
        final int r0 = c0;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        FloatVector c02 = FloatVector.fromArray(S, c, r0 + o2);
        FloatVector c03 = FloatVector.fromArray(S, c, r0 + o3);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + o2);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + o3);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
        c02.intoArray(c, r0 + o2);
        c03.intoArray(c, r0 + o3);
    }

    /** One row × two column vectors at o0, o1 (o1 may overlap o0), added into C over k steps p0..p1. */
    private static void block1x2(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0, int o1,
                                 float[] c, int c0) {
        final int r0 = c0;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        FloatVector c01 = FloatVector.fromArray(S, c, r0 + o1);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + o1);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
        }
        c00.intoArray(c, r0 + o0);
        c01.intoArray(c, r0 + o1);
    }

    /** One row × one column vector at o0, added into C over k steps p0..p1. */
    private static void block1x1(int p0, int p1, float[] a, int a0, int aRs, int aCs,
                                 float[] b, int bOff, int n, int o0,
                                 float[] c, int c0) {
        final int r0 = c0;
        FloatVector c00 = FloatVector.fromArray(S, c, r0 + o0);
        int ap = p0 * aCs;
        int bp = bOff + p0 * n;
        for (int p = p0; p < p1; p++, ap += aCs, bp += n) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp + o0);
            FloatVector x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
        }
        c00.intoArray(c, r0 + o0);
    }

    /**
     * Matrices narrower than one vector (the 10 logits of an MNIST net on 512-bit vectors): B's
     * rows are copied into a per-thread scratch with a stride of one vector, C is computed there
     * in full vectors (four rows in registers) and its first n columns copied back. No masks:
     * JDK 17 boxes them and takes a slow path near an array's end.
     */
    private static void narrowGemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                                   float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        Narrow scratch = NARROW.get();
        float[] pb = scratch.b(k * L);
        float[] pc = scratch.c(m * L);
        // Rows are moved a whole vector at a time where the array allows: the lanes past n carry
        // the next row's values, which only ever reach C's lanes past n, and each row stored back
        // is overwritten past n by the next (rows ascend). Copying 10 floats per row through
        // System.arraycopy cost as much as the products.
        for (int p = 0; p < k; p++) {
            if (bOff + p * n + L <= b.length) {
                FloatVector.fromArray(S, b, bOff + p * n).intoArray(pb, p * L);
            } else {
                System.arraycopy(b, bOff + p * n, pb, p * L, n);
            }
        }
        if (accumulate) {
            for (int i = 0; i < m; i++) {
                System.arraycopy(c, cOff + i * n, pc, i * L, n);
            }
        } else {
            Arrays.fill(pc, 0, m * L, 0f);
        }
        // Eight rows at a time: eight independent FMA chains cover FMA latency × 2 ports, where
        // four left half the FMA throughput idle (k is only 50 here, so chains are short).
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            narrow8(k, a, aOff + i * aRs, aRs, aCs, pb, pc, i * L);
        }
        for (; i + 4 <= m; i += 4) {
            narrow4(k, a, aOff + i * aRs, aRs, aCs, pb, pc, i * L);
        }
        for (; i < m; i++) {
            final int a0 = aOff + i * aRs;
            FloatVector c0 = FloatVector.fromArray(S, pc, i * L);
            for (int p = 0; p < k; p++) {
                c0 = FloatVector.fromArray(S, pb, p * L).fma(FloatVector.broadcast(S, a[a0 + p * aCs]), c0);
            }
            c0.intoArray(pc, i * L);
        }
        for (i = 0; i < m; i++) {
            if (i * n + L <= m * n) {
                FloatVector.fromArray(S, pc, i * L).intoArray(c, cOff + i * n);
            } else {
                System.arraycopy(pc, i * L, c, cOff + i * n, n);
            }
        }
    }

    /** Eight rows of the narrow product, C rows at pc[r0 + r·L], adding into them. */
    private static void narrow8(int k, float[] a, int a0, int aRs, int aCs, float[] pb, float[] pc, int r0) {
        FloatVector c0 = FloatVector.fromArray(S, pc, r0);
        FloatVector c1 = FloatVector.fromArray(S, pc, r0 + L);
        FloatVector c2 = FloatVector.fromArray(S, pc, r0 + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, pc, r0 + 3 * L);
        FloatVector c4 = FloatVector.fromArray(S, pc, r0 + 4 * L);
        FloatVector c5 = FloatVector.fromArray(S, pc, r0 + 5 * L);
        FloatVector c6 = FloatVector.fromArray(S, pc, r0 + 6 * L);
        FloatVector c7 = FloatVector.fromArray(S, pc, r0 + 7 * L);
        for (int p = 0; p < k; p++) {
            FloatVector bp = FloatVector.fromArray(S, pb, p * L);
            int ap = a0 + p * aCs;
            c0 = bp.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = bp.fma(FloatVector.broadcast(S, a[ap + aRs]), c1);
            c2 = bp.fma(FloatVector.broadcast(S, a[ap + 2 * aRs]), c2);
            c3 = bp.fma(FloatVector.broadcast(S, a[ap + 3 * aRs]), c3);
            c4 = bp.fma(FloatVector.broadcast(S, a[ap + 4 * aRs]), c4);
            c5 = bp.fma(FloatVector.broadcast(S, a[ap + 5 * aRs]), c5);
            c6 = bp.fma(FloatVector.broadcast(S, a[ap + 6 * aRs]), c6);
            c7 = bp.fma(FloatVector.broadcast(S, a[ap + 7 * aRs]), c7);
        }
        c0.intoArray(pc, r0);
        c1.intoArray(pc, r0 + L);
        c2.intoArray(pc, r0 + 2 * L);
        c3.intoArray(pc, r0 + 3 * L);
        c4.intoArray(pc, r0 + 4 * L);
        c5.intoArray(pc, r0 + 5 * L);
        c6.intoArray(pc, r0 + 6 * L);
        c7.intoArray(pc, r0 + 7 * L);
    }

    /** Four rows of the narrow product, as {@link #narrow8}. */
    private static void narrow4(int k, float[] a, int a0, int aRs, int aCs, float[] pb, float[] pc, int r0) {
        FloatVector c0 = FloatVector.fromArray(S, pc, r0);
        FloatVector c1 = FloatVector.fromArray(S, pc, r0 + L);
        FloatVector c2 = FloatVector.fromArray(S, pc, r0 + 2 * L);
        FloatVector c3 = FloatVector.fromArray(S, pc, r0 + 3 * L);
        for (int p = 0; p < k; p++) {
            FloatVector bp = FloatVector.fromArray(S, pb, p * L);
            int ap = a0 + p * aCs;
            c0 = bp.fma(FloatVector.broadcast(S, a[ap]), c0);
            c1 = bp.fma(FloatVector.broadcast(S, a[ap + aRs]), c1);
            c2 = bp.fma(FloatVector.broadcast(S, a[ap + 2 * aRs]), c2);
            c3 = bp.fma(FloatVector.broadcast(S, a[ap + 3 * aRs]), c3);
        }
        c0.intoArray(pc, r0);
        c1.intoArray(pc, r0 + L);
        c2.intoArray(pc, r0 + 2 * L);
        c3.intoArray(pc, r0 + 3 * L);
    }

    /** Scratch for {@link #narrowGemm}; grows only, so steady-state calls allocate nothing. */
    private static final class Narrow {
        private float[] b = new float[0];
        private float[] c = new float[0];

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }

        float[] c(int size) {
            if (c.length < size) {
                c = new float[size];
            }
            return c;
        }
    }

    private static final ThreadLocal<Narrow> NARROW = ThreadLocal.withInitial(Narrow::new);

    // ------------------------------------------------------------------------------------------
    // C (+)= A·Bᵀ: B is transposed into a per-thread scratch panel, then the blocked A·B routine runs.

    /** Per-thread scratch for Bᵀ; grows to the largest k×n seen, so steady-state calls allocate nothing. */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

    @Override
    public void gemmABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, boolean accumulate) {
        checkGemm(m, n, k, a, aOff, b, bOff, c, cOff);
        if (m == 0 || n == 0) {
            return;
        }
        if (n < L || k == 0) {
            scalarABt(m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            return;
        }
        float[] bt = SCRATCH.get();
        if (bt.length < k * n) {
            bt = new float[k * n];
            SCRATCH.set(bt);
        }
        // bt[p, j] = b[j, p], in 4 × 4 tiles so both sides stay within a few cache lines.
        final int n4 = n & ~3;
        final int k4 = k & ~3;
        for (int j = 0; j < n4; j += 4) {
            int b0 = bOff + j * k;
            for (int p = 0; p < k4; p += 4) {
                for (int pp = p; pp < p + 4; pp++) {
                    int t = pp * n + j;
                    bt[t] = b[b0 + pp];
                    bt[t + 1] = b[b0 + k + pp];
                    bt[t + 2] = b[b0 + 2 * k + pp];
                    bt[t + 3] = b[b0 + 3 * k + pp];
                }
            }
            for (int p = k4; p < k; p++) {
                int t = p * n + j;
                bt[t] = b[b0 + p];
                bt[t + 1] = b[b0 + k + p];
                bt[t + 2] = b[b0 + 2 * k + p];
                bt[t + 3] = b[b0 + 3 * k + p];
            }
        }
        for (int j = n4; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[p * n + j] = b[bOff + j * k + p];
            }
        }
        blockedGemm(m, n, k, a, aOff, k, 1, bt, 0, c, cOff, accumulate, null, null);
    }

    private static void scalarABt(int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                                  float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p], b[bj + p], s);
                }
                int idx = cOff + i * n + j;
                c[idx] = accumulate ? c[idx] + s : s;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Sparse S·B: row i of C accumulates in registers over the non-zeros of row i of S, so each
    // non-zero costs one broadcast and a few FMAs, and C is stored once per row.

    @Override
    public void compress(int m, int k, float[] a, int aOff, SparseRows s) {
        s.checkFits(m);
        final int kv = k - k % L;
        int nz = 0;
        for (int i = 0; i < m; i++) {
            s.rowStart[i] = nz;
            s.ensure(nz + k);
            final int ai = aOff + i * k;
            for (int p = 0; p < kv; p += L) {
                // Whole zero vectors (MNIST's borders) are skipped with one compare.
                if (FloatVector.fromArray(S, a, ai + p).compare(VectorOperators.NE, 0f).anyTrue()) {
                    nz = s.appendNonZeros(a, ai, p, p + L, nz);
                }
            }
            nz = s.appendNonZeros(a, ai, kv, k, nz);
        }
        s.finish(m, k, nz);
    }

    /**
     * Columns go in groups of up to four vectors ({@link #groupEnd}) kept in registers over the
     * row's non-zeros; a partial last vector overlaps its neighbour inside the group.
     */
    @Override
    public void spmm(int n, SparseRows s, float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        final int m = s.rows;
        if (n < L) {
            ScalarKernel.spmmRows(0, m, n, s, b, bOff, c, cOff, accumulate);
            return;
        }
        for (int j = 0, end; j < n; j = end) {
            end = groupEnd(j, n, 4);
            final int count = (end - j + L - 1) / L;
            final int last = end - L;
            final int o1 = Math.min(j + L, last);
            final int o2 = Math.min(j + 2 * L, last);
            final int o3 = Math.min(j + 3 * L, last);
            for (int i = 0; i < m; i++) {
                spmmGroup(s, s.rowStart[i], s.rowStart[i + 1], b, bOff, n, c, cOff + i * n, accumulate,
                        j, o1, o2, o3, count);
            }
        }
    }

    /**
     * Up to four column vectors (offsets o0..o3, the first {@code count} used) of one row of C.
     * The row's non-zeros are split in two halves summed by two sets of accumulators: one chain
     * would wait out the FMA latency on every non-zero.
     */
    private static void spmmGroup(SparseRows s, int q0, int q1, float[] b, int bOff, int n, float[] c, int ci,
                                  boolean accumulate, int o0, int o1, int o2, int o3, int count) {
        FloatVector c0 = accumulate ? FloatVector.fromArray(S, c, ci + o0) : FloatVector.zero(S);
        FloatVector c1 = accumulate && count > 1 ? FloatVector.fromArray(S, c, ci + o1) : FloatVector.zero(S);
        FloatVector c2 = accumulate && count > 2 ? FloatVector.fromArray(S, c, ci + o2) : FloatVector.zero(S);
        FloatVector c3 = accumulate && count > 3 ? FloatVector.fromArray(S, c, ci + o3) : FloatVector.zero(S);
        FloatVector d0 = FloatVector.zero(S);
        FloatVector d1 = FloatVector.zero(S);
        FloatVector d2 = FloatVector.zero(S);
        FloatVector d3 = FloatVector.zero(S);
        final int[] col = s.col;
        final float[] val = s.val;
        final int half = (q1 - q0) >>> 1;
        final int mid = q0 + half;
        if (count == 4) {
            for (int q = q0; q < mid; q++) {
                FloatVector x = FloatVector.broadcast(S, val[q]);
                FloatVector y = FloatVector.broadcast(S, val[q + half]);
                int bp = bOff + col[q] * n;
                int br = bOff + col[q + half] * n;
                c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
                c1 = x.fma(FloatVector.fromArray(S, b, bp + o1), c1);
                c2 = x.fma(FloatVector.fromArray(S, b, bp + o2), c2);
                c3 = x.fma(FloatVector.fromArray(S, b, bp + o3), c3);
                d0 = y.fma(FloatVector.fromArray(S, b, br + o0), d0);
                d1 = y.fma(FloatVector.fromArray(S, b, br + o1), d1);
                d2 = y.fma(FloatVector.fromArray(S, b, br + o2), d2);
                d3 = y.fma(FloatVector.fromArray(S, b, br + o3), d3);
            }
        } else if (count == 3) {
            for (int q = q0; q < mid; q++) {
                FloatVector x = FloatVector.broadcast(S, val[q]);
                FloatVector y = FloatVector.broadcast(S, val[q + half]);
                int bp = bOff + col[q] * n;
                int br = bOff + col[q + half] * n;
                c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
                c1 = x.fma(FloatVector.fromArray(S, b, bp + o1), c1);
                c2 = x.fma(FloatVector.fromArray(S, b, bp + o2), c2);
                d0 = y.fma(FloatVector.fromArray(S, b, br + o0), d0);
                d1 = y.fma(FloatVector.fromArray(S, b, br + o1), d1);
                d2 = y.fma(FloatVector.fromArray(S, b, br + o2), d2);
            }
        } else if (count == 2) {
            for (int q = q0; q < mid; q++) {
                FloatVector x = FloatVector.broadcast(S, val[q]);
                FloatVector y = FloatVector.broadcast(S, val[q + half]);
                int bp = bOff + col[q] * n;
                int br = bOff + col[q + half] * n;
                c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
                c1 = x.fma(FloatVector.fromArray(S, b, bp + o1), c1);
                d0 = y.fma(FloatVector.fromArray(S, b, br + o0), d0);
                d1 = y.fma(FloatVector.fromArray(S, b, br + o1), d1);
            }
        } else {
            for (int q = q0; q < mid; q++) {
                c0 = FloatVector.broadcast(S, val[q]).fma(FloatVector.fromArray(S, b, bOff + col[q] * n + o0), c0);
                d0 = FloatVector.broadcast(S, val[q + half])
                        .fma(FloatVector.fromArray(S, b, bOff + col[q + half] * n + o0), d0);
            }
        }
        if (q1 - q0 > 2 * half) {
            // The odd non-zero out.
            int q = q1 - 1;
            FloatVector x = FloatVector.broadcast(S, val[q]);
            int bp = bOff + col[q] * n;
            c0 = x.fma(FloatVector.fromArray(S, b, bp + o0), c0);
            c1 = count > 1 ? x.fma(FloatVector.fromArray(S, b, bp + o1), c1) : c1;
            c2 = count > 2 ? x.fma(FloatVector.fromArray(S, b, bp + o2), c2) : c2;
            c3 = count > 3 ? x.fma(FloatVector.fromArray(S, b, bp + o3), c3) : c3;
        }
        // Overlapping lanes agree bit for bit, so the order of these stores does not matter.
        c0.add(d0).intoArray(c, ci + o0);
        if (count > 1) {
            c1.add(d1).intoArray(c, ci + o1);
        }
        if (count > 2) {
            c2.add(d2).intoArray(c, ci + o2);
        }
        if (count > 3) {
            c3.add(d3).intoArray(c, ci + o3);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Row and column helpers.

    @Override
    public void addRowVector(int m, int n, float[] v, int vOff, float[] c, int cOff) {
        final int nv = n - n % L;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int j = 0;
            for (; j < nv; j += L) {
                FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, v, vOff + j)).intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] += v[vOff + j];
            }
        }
    }

    @Override
    public void columnSums(int m, int n, float[] a, int aOff, float[] out, int outOff, boolean accumulate) {
        final int nv = n - n % L;
        int j = 0;
        for (; j < nv; j += L) {
            FloatVector s = accumulate ? FloatVector.fromArray(S, out, outOff + j) : FloatVector.zero(S);
            for (int i = 0, ai = aOff + j; i < m; i++, ai += n) {
                s = s.add(FloatVector.fromArray(S, a, ai));
            }
            s.intoArray(out, outOff + j);
        }
        for (; j < n; j++) {
            float s = accumulate ? out[outOff + j] : 0f;
            for (int i = 0, ai = aOff + j; i < m; i++, ai += n) {
                s += a[ai];
            }
            out[outOff + j] = s;
        }
    }

    // ------------------------------------------------------------------------------------------
    @Override
    public void pixelsToFloats(int n, byte[] src, int srcOff, float[] dst, int dstOff) {
        int i = 0;
        if (PIXELS != null) {
            for (; i <= n - L; i += L) {
                // B2F converts signed bytes: flipping the top bit gives v − 128, and adding 128 back
                // is exact, so the division sees the same v as the scalar loop.
                FloatVector v = (FloatVector) ByteVector.fromArray(PIXELS, src, srcOff + i)
                        .lanewise(VectorOperators.XOR, (byte) 0x80)
                        .convertShape(VectorOperators.B2F, S, 0);
                v.add(128f).div(255f).intoArray(dst, dstOff + i);
            }
        }
        ScalarKernel.pixelsToFloatsRange(i, n, src, srcOff, dst, dstOff);
    }

    // Activations and softmax. The exponential is written out inside each loop (never passed
    // through a call as a vector), so C2 keeps every vector in registers whatever it inlines.

    @Override
    public void activate(Activation f, float[] z, int zOff, float[] y, int yOff, int len) {
        final int nv = len - len % L;
        switch (f) {
            case SIGMOID:
                sigmoidLoop(z, zOff, y, yOff, nv);
                break;
            case TANH:
                tanhLoop(z, zOff, y, yOff, nv);
                break;
            case RELU:
                for (int i = 0; i < nv; i += L) {
                    FloatVector x = FloatVector.fromArray(S, z, zOff + i);
                    FloatVector.zero(S).blend(x, x.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
                }
                break;
            case IDENTITY:
                if (z != y || zOff != yOff) {
                    System.arraycopy(z, zOff, y, yOff, len);
                }
                return;
            default:
                throw new IllegalArgumentException("unsupported activation " + f);
        }
        for (int i = nv; i < len; i++) {
            y[yOff + i] = f.apply(z[zOff + i]);
        }
    }

    /**
     * exp(x) lane-wise: x = n·ln2 + r with |r| ≤ ln2/2, exp(r) by a degree-6 polynomial, 2ⁿ built in
     * the exponent bits. Plain arithmetic, so its bits never depend on JIT timing (unlike the
     * Vector API's EXP, an SVML call only once compiled); small enough for C2 to inline into
     * every loop below.
     */
    private static FloatVector expVec(FloatVector x) {
        x = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = x.fma(FloatVector.broadcast(S, LOG2E), FloatVector.broadcast(S, ROUND_MAGIC));
        FloatVector nf = t.sub(ROUND_MAGIC);
        FloatVector r = nf.fma(FloatVector.broadcast(S, -LN2_HI), x);
        r = nf.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector q = r.fma(P0, P1);
        q = q.fma(r, FloatVector.broadcast(S, P2));
        q = q.fma(r, FloatVector.broadcast(S, P3));
        q = q.fma(r, FloatVector.broadcast(S, P4));
        q = q.fma(r, FloatVector.broadcast(S, P5));
        FloatVector pow2 = ((IntVector) t.reinterpretAsInts()).sub(ROUND_MAGIC_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return q.fma(r.mul(r), r).add(1f).mul(pow2);
    }

    /** y = 1 / (1 + exp(−z)) over the first nv (a multiple of L) entries. */
    private static void sigmoidLoop(float[] z, int zOff, float[] y, int yOff, int nv) {
        final FloatVector one = FloatVector.broadcast(S, 1f);
        for (int i = 0; i < nv; i += L) {
            FloatVector x = FloatVector.fromArray(S, z, zOff + i).neg();
            FloatVector e = expVec(x);
            one.div(one.add(e)).intoArray(y, yOff + i);
        }
    }

    /**
     * y = tanh(z) over the first nv entries: x + x³·Q(x²) for |x| < 0.625, otherwise
     * 1 − 2/(exp(2|x|) + 1) with the sign of x.
     */
    private static void tanhLoop(float[] z, int zOff, float[] y, int yOff, int nv) {
        final FloatVector one = FloatVector.broadcast(S, 1f);
        final FloatVector two = FloatVector.broadcast(S, 2f);
        final FloatVector t0 = FloatVector.broadcast(S, T0);
        final FloatVector t1 = FloatVector.broadcast(S, T1);
        final FloatVector t2 = FloatVector.broadcast(S, T2);
        final FloatVector t3 = FloatVector.broadcast(S, T3);
        final FloatVector t4 = FloatVector.broadcast(S, T4);
        for (int i = 0; i < nv; i += L) {
            FloatVector v = FloatVector.fromArray(S, z, zOff + i);
            FloatVector av = v.abs();
            FloatVector x = av.add(av);
            FloatVector e = expVec(x);
            FloatVector big = one.sub(two.div(e.add(one)));
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            FloatVector v2 = v.mul(v);
            FloatVector u = v2.fma(t0, t1);
            u = u.fma(v2, t2);
            u = u.fma(v2, t3);
            u = u.fma(v2, t4);
            FloatVector small = u.mul(v2).fma(v, v);
            big.blend(small, av.compare(VectorOperators.LT, 0.625f)).intoArray(y, yOff + i);
        }
    }

    @Override
    public void multiplyByDerivative(Activation f, float[] y, int yOff, float[] delta, int dOff, int len) {
        final int nv = len - len % L;
        final FloatVector one = FloatVector.broadcast(S, 1f);
        switch (f) {
            case SIGMOID:
                for (int i = 0; i < nv; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
                    FloatVector d = FloatVector.fromArray(S, delta, dOff + i);
                    d.mul(yv.mul(one.sub(yv))).intoArray(delta, dOff + i);
                }
                break;
            case TANH:
                for (int i = 0; i < nv; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
                    FloatVector d = FloatVector.fromArray(S, delta, dOff + i);
                    d.mul(one.sub(yv.mul(yv))).intoArray(delta, dOff + i);
                }
                break;
            case RELU:
                for (int i = 0; i < nv; i += L) {
                    FloatVector yv = FloatVector.fromArray(S, y, yOff + i);
                    FloatVector d = FloatVector.fromArray(S, delta, dOff + i);
                    d.mul(FloatVector.zero(S).blend(one, yv.compare(VectorOperators.GT, 0f))).intoArray(delta, dOff + i);
                }
                break;
            case IDENTITY:
                return;
            default:
                throw new IllegalArgumentException("unsupported activation " + f);
        }
        for (int i = nv; i < len; i++) {
            delta[dOff + i] *= f.derivativeFromOutput(y[yOff + i]);
        }
    }

    @Override
    public void rowLogSumExp(int m, int n, float[] z, int zOff, float[] lse, int lseOff) {
        if (n < L) {
            ScalarKernel.logSumExpRows(m, n, z, zOff, lse, lseOff);
            return;
        }
        for (int i = 0; i < m; i++) {
            int zi = zOff + i * n;
            float max = rowMax(z, zi, n);
            lse[lseOff + i] = max + (float) Math.log(expSum(z, zi, n, max));
        }
    }

    /** max of z[zi..zi+n), n ≥ L; the last vector overlaps the previous ones (max is idempotent). */
    private static float rowMax(float[] z, int zi, int n) {
        FloatVector mv = FloatVector.fromArray(S, z, zi + n - L);
        for (int j = 0; j + L <= n; j += L) {
            mv = mv.max(FloatVector.fromArray(S, z, zi + j));
        }
        return mv.reduceLanes(VectorOperators.MAX);
    }

    /** Σ exp(z[zi+j] − shift) for j < n, n ≥ L; the overlapping last vector keeps only its new lanes. */
    private static float expSum(float[] z, int zi, int n, float shift) {
        final FloatVector sh = FloatVector.broadcast(S, shift);
        final int tail = n % L;
        final int nv = n - tail;
        FloatVector sum = FloatVector.zero(S);
        for (int j = 0; j < nv; j += L) {
            FloatVector x = FloatVector.fromArray(S, z, zi + j).sub(sh);
            FloatVector e = expVec(x);
            sum = sum.add(e);
        }
        if (tail != 0) {
            FloatVector x = FloatVector.fromArray(S, z, zi + n - L).sub(sh);
            FloatVector e = expVec(x);
            sum = e.fma(FloatVector.fromArray(S, TAIL_KEEP, tail * L), sum);
        }
        // Lanes summed in a fixed order: reduceLanes(ADD) adds in one order when C2 has compiled
        // it and another before, so results changed with JIT timing and thus with thread counts.
        float[] lanes = LANES.get();
        sum.intoArray(lanes, 0);
        float total = 0f;
        for (int l = 0; l < L; l++) {
            total += lanes[l];
        }
        return total;
    }

    /** Per-thread room for one vector's lanes. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[L]);

    @Override
    public void rowSoftmax(int m, int n, float[] z, int zOff, float[] lse, int lseOff, float[] p, int pOff) {
        if (n < L) {
            ScalarKernel.softmaxRows(m, n, z, zOff, lse, lseOff, p, pOff);
            return;
        }
        for (int i = 0; i < m; i++) {
            softmaxRow(z, zOff + i * n, p, pOff + i * n, n, lse[lseOff + i]);
        }
    }

    /**
     * p[pi+j] = exp(z[zi+j] − l) for j < n, n ≥ L. The last, overlapping vector is computed last
     * from the original z values and rewrites identical values into the overlap, so P may alias Z:
     * its input is loaded before the main loop overwrites anything.
     */
    private static void softmaxRow(float[] z, int zi, float[] p, int pi, int n, float l) {
        final FloatVector sh = FloatVector.broadcast(S, l);
        final int tail = n % L;
        final int nv = n - tail;
        // The overlapping vector is read first (before any store can alias it), written last.
        final FloatVector lastIn = FloatVector.fromArray(S, z, zi + n - L);
        for (int j = 0; j < nv; j += L) {
            FloatVector x = FloatVector.fromArray(S, z, zi + j).sub(sh);
            FloatVector e = expVec(x);
            e.intoArray(p, pi + j);
        }
        if (tail != 0) {
            FloatVector x = lastIn.sub(sh);
            FloatVector e = expVec(x);
            e.intoArray(p, pi + n - L);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Incremental finite differences below a softmax output.

    /**
     * Lanes run over the evaluation points t, so each class costs one vector exp for L points and
     * the sum stays in registers; see {@link #shiftLogs} for why exp and log are our own.
     */
    @Override
    public void softmaxLossShift(int count, float[] d, int dOff, float[] p, int pOff, float[] w, int wOff,
                                 int classes, int label, float[] out, int outOff) {
        if (count <= 0) {
            return;
        }
        final float wl = w[wOff + label];
        float wMax = 0f;
        for (int k = 0; k < classes; k++) {
            wMax = Math.max(wMax, Math.abs(w[wOff + k]));
        }
        float dMax = 0f;
        for (int t = 0; t < count; t++) {
            dMax = Math.max(dMax, Math.abs(d[dOff + t]));
        }
        // Every argument d·w below 1/8 (finite-difference steps land here): a degree-5 Taylor
        // polynomial of exp is within x⁶/720 < 5e-9 relative, a tenth of a float ulp, and needs
        // no range reduction. Decided once per call, by plain scalars: vector values merging
        // from two branches cost C2 its intrinsics in some compilations (boxing every vector).
        final boolean taylor = dMax * wMax < SMALL_EXP_ARG;
        float[] dd = d;
        int ddOff = dOff;
        float[] o = out;
        int oOff = outOff;
        int n = count;
        if (count < L) {
            // Fewer points than lanes (a bias: one up and one down point per sample): one padded
            // vector through a per-thread scratch costs less than count × classes scalar exps.
            float[] pad = SHIFT_PAD.get();
            Arrays.fill(pad, 0f);
            System.arraycopy(d, dOff, pad, 0, count);
            dd = pad;
            ddOff = 0;
            o = pad;
            oOff = L;
            n = L;
        }
        // Whole vectors, then one overlapping the previous at n − L: out[t] depends on d[t]
        // alone, so the shared lanes get the same values again. No mask needed. A few calls of
        // whole loops, not one per vector, so how C2 inlines them cannot change the vector code.
        final int vectors = (n + L - 1) / L;
        if (taylor) {
            shiftSumsTaylor(vectors, n, dd, ddOff, p, pOff, w, wOff, classes, o, oOff);
        } else {
            shiftSumsExp(vectors, n, dd, ddOff, p, pOff, w, wOff, classes, o, oOff);
        }
        final int full = n - n % L;
        if (full == n) {
            shiftLogs(full, dd, ddOff, wl, o, oOff, o, oOff);
        } else {
            // The overlapping vector's lanes below full are logged by the first pass, so its
            // sums are set aside first.
            float[] tail = SHIFT_PAD.get();
            System.arraycopy(o, oOff + n - L, tail, 0, L);
            shiftLogs(full, dd, ddOff, wl, o, oOff, o, oOff);
            shiftLogs(L, dd, ddOff + n - L, wl, tail, 0, o, oOff + n - L);
        }
        if (count < L) {
            System.arraycopy(o, L, out, outOff, count);
        }
    }

    /** Σₖ pₖ·exp(d·wₖ) into out with exp as its degree-5 Taylor polynomial (every |d·wₖ| &lt; 1/8). */
    private static void shiftSumsTaylor(int vectors, int n, float[] d, int dOff, float[] p, int pOff, float[] w,
                                        int wOff, int classes, float[] out, int outOff) {
        for (int v = 0; v < vectors; v++) {
            final int t = Math.min(v * L, n - L);
            final FloatVector dv = FloatVector.fromArray(S, d, dOff + t);
            FloatVector acc = FloatVector.zero(S);
            for (int k = 0; k < classes; k++) {
                FloatVector x = dv.mul(w[wOff + k]);
                FloatVector e = x.fma(FloatVector.broadcast(S, 1f / 120), FloatVector.broadcast(S, 1f / 24));
                e = e.fma(x, FloatVector.broadcast(S, 1f / 6));
                e = e.fma(x, FloatVector.broadcast(S, 0.5f));
                e = e.fma(x, FloatVector.broadcast(S, 1f));
                e = e.fma(x, FloatVector.broadcast(S, 1f));
                acc = e.fma(FloatVector.broadcast(S, p[pOff + k]), acc);
            }
            acc.intoArray(out, outOff + t);
        }
    }

    /** Σₖ pₖ·exp(d·wₖ) into out with the range-reduced {@link #expVec}. */
    private static void shiftSumsExp(int vectors, int n, float[] d, int dOff, float[] p, int pOff, float[] w,
                                     int wOff, int classes, float[] out, int outOff) {
        for (int v = 0; v < vectors; v++) {
            final int t = Math.min(v * L, n - L);
            final FloatVector dv = FloatVector.fromArray(S, d, dOff + t);
            FloatVector acc = FloatVector.zero(S);
            for (int k = 0; k < classes; k++) {
                acc = expVec(dv.mul(w[wOff + k])).fma(FloatVector.broadcast(S, p[pOff + k]), acc);
            }
            acc.intoArray(out, outOff + t);
        }
    }

    /**
     * out[t] = log(sums[t]) − d[t]·w_label for t &lt; n, a multiple of L; out may alias sums. exp and log are written out as plain arithmetic
     * (the exp polynomial of the activations; Cephes' logf polynomial): the Vector API's own EXP
     * and LOG are SVML calls once C2 compiles them but per-lane Math calls before, so their last
     * bits would depend on JIT timing and thread counts would change results.
     */
    private static void shiftLogs(int n, float[] d, int dOff, float wl, float[] sums, int sumsOff, float[] out,
                                  int outOff) {
        for (int t = 0; t < n; t += L) {
            final FloatVector dv = FloatVector.fromArray(S, d, dOff + t);
            final FloatVector acc = FloatVector.fromArray(S, sums, sumsOff + t);
            // acc = m·2^e with m in [√½, √2) found by integer arithmetic alone (as ARM's optimized
            // logf does): masks, compares and blends on JDK 17 are where C2 most often gives up
            // intrinsifying and boxes. log = e·ln2 + log1p(m − 1).
            IntVector bits = (IntVector) acc.reinterpretAsInts();
            IntVector shifted = bits.sub(SQRT_HALF_BITS);
            IntVector exponent = shifted.lanewise(VectorOperators.ASHR, 23);
            FloatVector m = bits.sub(shifted.lanewise(VectorOperators.AND, 0xFF800000)).reinterpretAsFloats();
            FloatVector ef = ((IntVector) exponent).convert(VectorOperators.I2F, 0).reinterpretAsFloats();
            FloatVector xm = m.sub(1f);
            FloatVector z = xm.mul(xm);
            FloatVector y = xm.fma(FloatVector.broadcast(S, L8), FloatVector.broadcast(S, L7));
            y = y.fma(xm, FloatVector.broadcast(S, L6));
            y = y.fma(xm, FloatVector.broadcast(S, L5));
            y = y.fma(xm, FloatVector.broadcast(S, L4));
            y = y.fma(xm, FloatVector.broadcast(S, L3));
            y = y.fma(xm, FloatVector.broadcast(S, L2));
            y = y.fma(xm, FloatVector.broadcast(S, L1));
            y = y.fma(xm, FloatVector.broadcast(S, L0));
            y = y.mul(xm).mul(z);
            y = ef.fma(FloatVector.broadcast(S, -LN2_LO_LOG), y);
            y = z.fma(FloatVector.broadcast(S, -0.5f), y);
            FloatVector log = xm.add(y);
            log = ef.fma(FloatVector.broadcast(S, LN2_HI), log);
            log.sub(dv.mul(wl)).intoArray(out, outOff + t);
        }
    }

    /** Per-thread room for one padded vector of steps and its results, for shifts of fewer than L points. */
    private static final ThreadLocal<float[]> SHIFT_PAD = ThreadLocal.withInitial(() -> new float[2 * L]);

    /** Below this |argument| the softmax shift's exponentials use a short Taylor polynomial. */
    private static final float SMALL_EXP_ARG = 0.125f;

    // Cephes logf: log1p(x) ≈ x − x²/2 + x³·P(x) for x in [√½ − 1, √2 − 1).
    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final int SQRT_HALF_BITS = Float.floatToRawIntBits(SQRT_HALF);
    private static final float LN2_LO_LOG = 2.12194440e-4f;
    private static final float L8 = 7.0376836292e-2f;
    private static final float L7 = -1.1514610310e-1f;
    private static final float L6 = 1.1676998740e-1f;
    private static final float L5 = -1.2420140846e-1f;
    private static final float L4 = 1.4249322787e-1f;
    private static final float L3 = -1.6668057665e-1f;
    private static final float L2 = 2.0000714765e-1f;
    private static final float L1 = -2.4999993993e-1f;
    private static final float L0 = 3.3333331174e-1f;
}
