package io.fdbench.engine.kernel;

/**
 * The roofline's ceiling of a kernel: {@code rounds} rounds of {@value #CHAINS} independent FMA
 * chains on its vectors with no memory traffic, so 2 · {@link #lanes} · {@value #CHAINS}
 * floating-point operations per round. Only the kernel family's FMA peak benchmark uses it, so it
 * is not part of {@link Kernel}: the SIMD and scalar backends implement it beside
 * {@link KernelBackend}, and {@link Kernels#fmaPeak} hands it out.
 */
public interface FmaPeak {

    /** Independent accumulators: more than FMA latency × FMA ports. */
    int CHAINS = 12;

    /** The kernel's name, as {@link Kernel#name}. */
    String name();

    /** Floats per vector operation: the vector lanes (16 at 512 bits, 8 at 256), 1 for scalar code. */
    int lanes();

    /**
     * Runs the chains; returns a value that depends on every chain, so the JIT cannot drop the work.
     *
     * @param rounds non-negative
     */
    float fmaChains(int rounds);
}
