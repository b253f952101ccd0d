package io.fdbench.engine.tuning;

/**
 * Every tuning constant of the engine and its benchmarks, in one place, each with the measurement
 * or reasoning that chose it. This package imports nothing and sits under every other package
 * (the kernel, the worker team, the model, the benchmarks), so all of them can read these; no
 * other class keeps its own copy of a value.
 *
 * <p>Measurements are on the project's machine kind (Zen 5, AVX-512, 2 cores, JDK 17) in float32
 * unless a comment says otherwise. Structural sizes that the code spells out (the 5-row GEMM
 * blocks, the 8-row narrow GEMM, the four-vector sparse groups, the 12 FMA chains) are not knobs:
 * changing them means writing new block methods, so they stay with the code.
 */
public final class Tuning {

    private Tuning() {
    }

    // ---------------------------------------------------------------------------------------------
    // SIMD GEMM blocking (kernel.simd.VectorGemm).

    /** Number of k steps kept in one GEMM panel, so the B panel of a column block stays in L1. */
    public static final int GEMM_PANEL_STEPS = 128;

    /**
     * Blank inner steps closer than this to the next live one are computed (their products are
     * zero) rather than splitting the GEMM panel: a split reloads and stores every C accumulator.
     */
    public static final int GEMM_SKIP_GAP = 3;

    /**
     * Column vectors per GEMM register block for vectors of {@code lanes} floats: 5 rows × 4 vectors
     * is 20 accumulators of AVX-512's 32 registers; AVX2 has 16, so 256-bit (and narrower) vectors
     * take 5 × 2 (10 accumulators). Not 6 × 4: with 24 accumulators, C2 gives up intrinsifying some
     * of the block's vector operations in some compilations (measured: about one JVM in five ran
     * the whole benchmark ten times slower, boxing every vector), and 5 × 4 is within 3 % of its
     * speed.
     */
    public static int gemmColumnVectors(int lanes) {
        return lanes >= 16 ? 4 : 2;
    }

    // ---------------------------------------------------------------------------------------------
    // Sparse first layer (nn.Mlp through Kernel.sparseInputThreshold).

    /**
     * The input zero fraction above which the first layer runs sparse ({@code compress} and
     * {@code spmm}) on the scalar kernel and on SIMD vectors narrower than 512 bits. Measured on
     * 784-50-10 MNIST gradients (81 % zeros, batch 100): at 256 bits the sparse path wins (155 µs
     * against 210 µs dense), so MNIST runs sparse there.
     */
    public static final double SPARSE_INPUT_THRESHOLD = 0.7;

    /**
     * The same for 512-bit vectors (16 lanes and more): the sparse path pays a compression and a
     * transpose per batch, so the faster the dense kernel, the more zeros it takes. Measured on
     * 784-50-10 MNIST gradients (81 % zeros, batch 100): the dense GEMMs run at about 175 GFLOP/s
     * and win (112 µs against 140 µs sparse), so MNIST runs dense at 512 bits.
     */
    public static final double SPARSE_INPUT_THRESHOLD_512 = 0.9;

    /** The sparse-input threshold of a kernel whose vectors hold {@code lanes} floats (1 for scalar). */
    public static double sparseInputThreshold(int lanes) {
        return lanes >= 16 ? SPARSE_INPUT_THRESHOLD_512 : SPARSE_INPUT_THRESHOLD;
    }

    /**
     * Largest batch input, in floats, that the forward pass scans for blank inputs (4 MB): the scan
     * reads the input once, which costs little while it stays in cache for the product that
     * follows, but a full extra pass over memory for a large batch (60,000 Fashion-MNIST rows: 12 %
     * slower), where a blank pixel is also rare.
     */
    public static final long BLANK_SCAN_LIMIT = 1 << 20;

    // ---------------------------------------------------------------------------------------------
    // Splitting work over threads (parallel.WorkerTeam, kernel.ParallelKernel).

    /** Products smaller than this many FLOP run on the caller's thread alone: handing work over costs about a microsecond. */
    public static final long PARALLEL_MIN_FLOP = 2_000_000;

    /**
     * How long an idle worker of a team (and a waiting caller) spins for the next task before it
     * parks, in nanoseconds: training calls the products back to back, and waking a parked thread
     * costs more than the products' hand-over. The value ParallelKernel was tuned with.
     */
    public static final long PARALLEL_SPIN_NANOS = 200_000;

    // ---------------------------------------------------------------------------------------------
    // Sampling parameters for finite-difference gradients (grad.ParameterSample, bench GradientSampling).

    /** Every parameter block gets at least min(its size, this) sampled indices, so small blocks such as biases are always represented. */
    public static final int SAMPLE_MIN_PER_BLOCK = 4;

    /** FULL evaluation re-runs the forward pass per parameter: benchmarks sample above this many parameters. */
    public static final int SAMPLE_ABOVE_FULL = 5_000;

    /** INCREMENTAL evaluation is cheap per parameter: benchmarks sample only models above this many parameters. */
    public static final int SAMPLE_ABOVE_INCREMENTAL = 250_000;

    /** Parameters a benchmark estimates when it samples. */
    public static final int SAMPLE_SIZE = 1_000;
}
