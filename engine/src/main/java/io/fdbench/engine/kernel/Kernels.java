package io.fdbench.engine.kernel;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Picks the kernel implementation once per JVM.
 *
 * <p>The SIMD kernel links against {@code jdk.incubator.vector}; a JVM started without
 * {@code --add-modules jdk.incubator.vector} cannot even load it, so it is loaded reflectively and
 * the scalar kernel takes over when the module is absent. The system property
 * {@value #PROPERTY} = {@code auto} (default), {@code simd} or {@code scalar} forces a choice;
 * forcing {@code simd} without the module is an error, not a silent fallback.
 */
public final class Kernels {

    /** System property that forces an implementation: auto, simd or scalar. */
    public static final String PROPERTY = "fdbench.kernel";

    private static final String VECTOR_CLASS = "io.fdbench.engine.kernel.VectorKernel";
    private static final Logger LOG = Logger.getLogger(Kernels.class.getName());

    private Kernels() {
    }

    private static final class Holder {
        static final Kernel BEST = choose(System.getProperty(PROPERTY, "auto"));
    }

    /** The kernel this JVM uses, chosen once from {@value #PROPERTY} and the module's presence. */
    public static Kernel best() {
        return Holder.BEST;
    }

    /** The portable scalar kernel. */
    public static Kernel scalar() {
        return new ScalarKernel();
    }

    /** Whether the Vector API module is resolved in this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The SIMD kernel, or an exception that says why it cannot be loaded here. */
    public static Kernel simd() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("the SIMD kernel needs the JVM flag --add-modules jdk.incubator.vector");
        }
        try {
            return (Kernel) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the SIMD kernel could not be loaded: " + e, e);
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
        try {
            return simd();
        } catch (IllegalStateException e) {
            LOG.warning("falling back to the scalar kernel: " + e.getMessage());
            return scalar();
        }
    }
}
