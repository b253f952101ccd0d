package io.fdbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives every subcommand the SIMD kernel under a plain {@code java -jar benchmarks.jar}. A jar's
 * manifest cannot add a module (see the JMH notes), so when this JVM lacks
 * {@code jdk.incubator.vector} but the JDK has it, the jar starts itself again with
 * {@code --add-modules=jdk.incubator.vector}, the same JVM options and arguments, and exits with
 * the child's code; the suite's JMH forks get the module from {@code @Fork} as before. Nothing
 * is relaunched when the module is already there, when the JDK lacks it (the scalar fallback
 * runs), when {@code -Dfdbench.kernel=scalar} forces the fallback, or in the relaunched child.
 */
final class VectorRelaunch {

    static final String MODULE = "jdk.incubator.vector";

    /**
     * Set in the child's environment so it never relaunches again (an environment variable, not a
     * {@code -D} flag, so the suite's forks, which inherit the host's JVM arguments, look the same
     * whichever way the jar was started).
     */
    static final String GUARD = "FDBENCH_RELAUNCHED";

    private VectorRelaunch() {
    }

    /** The child's command line, or empty when this JVM should run the command itself. */
    static Optional<List<String>> command(String[] args) {
        if (System.getenv(GUARD) != null
                || "scalar".equals(System.getProperty("fdbench.kernel"))
                || ModuleLayer.boot().findModule(MODULE).isPresent()
                || ModuleFinder.ofSystem().find(MODULE).isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules=" + MODULE);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp")) { // a debugger port can be bound only once
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /** Runs the child with this process's standard streams and returns its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(GUARD, "1");
        Process child = pb.start();
        // SIGTERM to this JVM: pass it on, so the child can clean up its temporary files too.
        Thread hook = new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "fdbench-relaunch-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        int code = child.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return code;
    }
}
