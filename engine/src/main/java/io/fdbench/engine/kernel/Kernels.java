package io.fdbench.engine.kernel;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Picks the kernel implementation once per JVM.
 *
 * <p>The SIMD kernel (package {@code kernel.simd}, the only code compiled against
 * {@code jdk.incubator.vector}) cannot even be loaded by a JVM started without
 * {@code --add-modules jdk.incubator.vector}, so it is loaded reflectively and the scalar kernel
 * takes over when the module is absent. Every kernel returned here is the checking {@link Kernel}
 * facade on its backend. The system property
 * {@value #PROPERTY} = {@code auto} (default), {@code simd} or {@code scalar} forces a choice;
 * forcing {@code simd} without the module is an error, not a silent fallback.
 *
 * <p>{@value #WIDTH_PROPERTY} = {@code 128}, {@code 256} or {@code 512} narrows the SIMD kernel's
 * vectors below the platform's preferred width (default {@code preferred}): on an AVX-512 machine,
 * {@code 256} runs what an AVX2 machine runs. A width the CPU lacks is an error.
 */
public final class Kernels {

    /** System property that forces an implementation: auto, simd or scalar. */
    public static final String PROPERTY = "fdbench.kernel";

    /** System property that sets the SIMD kernel's vector width in bits: preferred, 128, 256 or 512. */
    public static final String WIDTH_PROPERTY = "fdbench.vectorBits";

    /** The SIMD backend, never named in code outside its package: naming it would link the Vector API. */
    private static final String VECTOR_CLASS = "io.fdbench.engine.kernel.simd.VectorKernel";
    private static final Logger LOG = Logger.getLogger(Kernels.class.getName());

    private Kernels() {
    }

    private static final class Holder {
        static final Kernel BEST = choose(System.getProperty(PROPERTY, "auto"));
    }

    /**
     * The FMA peak of {@code kernel}'s implementation (the SIMD or scalar kernel, not a wrapper
     * such as {@link ParallelKernel}), for the kernel family's roofline.
     *
     * @throws IllegalArgumentException naming the kernel when it has none
     */
    public static FmaPeak fmaPeak(Kernel kernel) {
        if (kernel.backend() instanceof FmaPeak peak) {
            return peak;
        }
        throw new IllegalArgumentException("kernel " + kernel.name() + " measures no FMA peak (use simd or scalar)");
    }

    /** The kernel this JVM uses, chosen once from {@value #PROPERTY} and the module's presence. */
    public static Kernel best() {
        return Holder.BEST;
    }

    /** The portable scalar kernel. */
    public static Kernel scalar() {
        return Kernel.of(new ScalarKernel());
    }

    /** Whether the Vector API module is resolved in this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The SIMD kernel, or an exception that says why it cannot be loaded here. */
    public static Kernel simd() {
        requestedVectorBits(); // a malformed width fails here, naming the property
        if (!vectorModulePresent()) {
            throw new IllegalStateException("the SIMD kernel needs the JVM flag --add-modules jdk.incubator.vector");
        }
        try {
            return Kernel.of((KernelBackend) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the SIMD kernel could not be loaded: " + e, e);
        }
    }

    /**
     * The vector width in bits that {@value #WIDTH_PROPERTY} asks for, 0 for the platform's
     * preferred width.
     *
     * @throws IllegalArgumentException naming the property when the value is not a width
     */
    public static int requestedVectorBits() {
        return parseVectorBits(System.getProperty(WIDTH_PROPERTY, "preferred"));
    }

    static int parseVectorBits(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "preferred":
                return 0;
            case "128":
            case "256":
            case "512":
                return Integer.parseInt(v);
            default:
                throw new IllegalArgumentException("-D" + WIDTH_PROPERTY + "=" + value
                        + ": expected preferred, 128, 256 or 512");
        }
    }

    static Kernel choose(String requested) {
        String mode = requested.trim().toLowerCase(Locale.ROOT);
        Kernel chosen;
        switch (mode) {
            case "scalar":
                chosen = scalar();
                break;
            case "simd":
                chosen = simd();
                break;
            case "auto":
                chosen = vectorModulePresent() ? trySimd() : scalar();
                break;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + requested
                        + ": expected auto, simd or scalar");
        }
        LOG.fine(() -> "fdbench kernel: " + chosen.name());
        return chosen;
    }

    private static Kernel trySimd() {
        if (System.getProperty(WIDTH_PROPERTY) != null) {
            return simd(); // a width was asked for: failing to honour it is an error, not a fallback
        }
        try {
            return simd();
        } catch (IllegalStateException e) {
            LOG.warning("falling back to the scalar kernel: " + e.getMessage());
            return scalar();
        }
    }
}
