package io.fdbench.bench.suite;

import io.fdbench.bench.family.ForkFlags;
import io.fdbench.bench.family.ForkInfo;

import io.fdbench.engine.kernel.Kernels;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.runner.options.Options;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds out which kernel and JDK the benchmark forks will use. The forks, not this JVM, load the
 * Vector API (through {@code @Fork(jvmArgsPrepend)}), so the probe starts one short JVM with the
 * same JVM binary and arguments JMH will give the forks, and runs {@link #main} there. With
 * {@code -f 0} the benchmarks run in this JVM, so this JVM is probed directly.
 */
public final class ForkProbe {

    private ForkProbe() {
    }

    /** Prints this JVM's {@link ForkInfo} properties as {@code key=value} lines. */
    public static void main(String[] args) {
        local().properties().forEach((k, v) -> System.out.println(k + "=" + v.replace('\n', ' ')));
    }

    /** The properties of the current JVM. */
    public static ForkInfo local() {
        Map<String, String> p = new LinkedHashMap<>();
        try {
            p.put("kernel.best", Kernels.best().name());
        } catch (RuntimeException | LinkageError e) {
            p.put("kernel.best", "error: " + e.getMessage());
        }
        try {
            p.put("kernel.simd", "available (" + Kernels.simd().name() + ")");
        } catch (RuntimeException | LinkageError e) {
            p.put("kernel.simd", "unavailable: " + e.getMessage());
        }
        p.put("vector.module", Boolean.toString(Kernels.vectorModulePresent()));
        for (String k : List.of("java.vendor", "java.version", "java.vm.name", "java.vm.version")) {
            p.put(k, System.getProperty(k, "unknown"));
        }
        return new ForkInfo(p);
    }

    /** Probes the forks that {@code options} would start for {@code benchmark}; never throws. */
    public static ForkInfo probe(Options options, Class<?> benchmark, int forks) {
        if (forks <= 0) {
            return local();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(options.getJvm().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(forkJvmArgs(options, benchmark));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkProbe.class.getName()));
        Map<String, String> p = new LinkedHashMap<>();
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            proc.getOutputStream().close();
            byte[] outBytes = proc.getInputStream().readAllBytes();
            if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
                proc.destroyForcibly();
                p.put("kernel.best", "unknown (fork probe failed: " + firstLine(outBytes) + ")");
                p.put("kernel.simd", "unknown (fork probe failed)");
                return new ForkInfo(p);
            }
            for (String line : new String(outBytes, StandardCharsets.UTF_8).split("\\R")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    p.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            p.put("kernel.best", "unknown (fork probe failed: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.put("kernel.best", "unknown (fork probe interrupted)");
        }
        return new ForkInfo(p);
    }

    /**
     * The fork JVM arguments in JMH's order: prepend (command line, else {@code @Fork}), then
     * {@code -jvmArgs} (command line, else {@code @Fork}, else this JVM's own input arguments),
     * then append.
     */
    static List<String> forkJvmArgs(Options options, Class<?> benchmark) {
        Fork fork = benchmark.getAnnotation(Fork.class);
        List<String> args = new ArrayList<>();
        args.addAll(options.getJvmArgsPrepend().orElse(annotated(fork == null ? null : fork.jvmArgsPrepend())));
        if (options.getJvmArgs().hasValue()) {
            args.addAll(options.getJvmArgs().get());
        } else if (fork != null && !isBlank(fork.jvmArgs())) {
            args.addAll(Arrays.asList(fork.jvmArgs()));
        } else {
            args.addAll(hostJvmArgs());
        }
        args.addAll(options.getJvmArgsAppend().orElse(annotated(fork == null ? null : fork.jvmArgsAppend())));
        return args;
    }

    /**
     * This JVM's own arguments as the forks get them (JMH's default {@code -jvmArgs}), less the
     * fork flags {@code @Fork} already prepends: a host relaunched with {@code --add-modules} for
     * the SIMD kernel would otherwise give its forks the module twice, and the env files of runs
     * started either way would differ.
     */
    static List<String> hostJvmArgs() {
        List<String> args = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!ForkFlags.PREPEND.contains(a)) {
                args.add(a);
            }
        }
        return args;
    }

    private static List<String> annotated(String[] values) {
        return values == null || isBlank(values) ? List.of() : Arrays.asList(values);
    }

    private static boolean isBlank(String[] values) {
        return values.length == 1 && Fork.BLANK_ARGS.equals(values[0]);
    }

    private static String firstLine(byte[] out) {
        String s = new String(out, StandardCharsets.UTF_8).strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
