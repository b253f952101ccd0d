package io.fdbench.bench.results;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The environment of one result set, written as a sibling {@code <name>-env.csv} with columns
 * {@code key,value} (CRLF, quoted like any CSV), so the results CSV itself stays a plain JMH CSV
 * that every JMH tool reads. The sibling was chosen over header comments because comment lines
 * break JMH CSV readers and spreadsheet imports.
 *
 * <p>Keys: {@code date} (ISO-8601 with offset), {@code family}, {@code profile} (full/quick),
 * {@code results.file}, {@code command.line}, {@code git.commit} ({@code git rev-parse HEAD} or
 * {@code unknown}), {@code git.dirty}, {@code host.jdk.vendor}, {@code host.jdk.version},
 * {@code fork.jvm}, {@code fork.jvm.args}, {@code fork.jdk.version}, {@code fork.vm.name},
 * {@code fork.vm.version}, {@code fork.jdk.vendor}, {@code kernel.best} (the kernel the forks
 * use), {@code kernel.simd}, {@code vector.module}, {@code host}, {@code cpu.model}, {@code cpu.cores},
 * {@code os}, {@code jmh.version}, {@code jmh.mode}, {@code jmh.forks}, {@code jmh.warmup.iterations},
 * {@code jmh.warmup.time}, {@code jmh.measurement.iterations}, {@code jmh.measurement.time},
 * {@code jmh.threads}, {@code jmh.timeunit}. When benchmarks of a family differ in a setting, the
 * distinct values are joined with {@code "; "}.
 */
public final class Environment {

    private Environment() {
    }

    /**
     * Collects the environment of a finished JMH family run.
     *
     * @param forks what the fork probe reported ({@code kernel.best}, {@code java.vendor}, ...)
     */
    public static Map<String, String> collect(String family, String profile, String resultsFile,
                                              List<String> commandLine, Map<String, String> forks,
                                              Collection<RunResult> results) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.put("family", family);
        env.put("profile", profile);
        env.put("results.file", resultsFile);
        env.put("command.line", String.join(" ", commandLine));
        env.put("git.commit", git("rev-parse", "HEAD").orElse("unknown"));
        env.put("git.dirty", git("status", "--porcelain", "--untracked-files=no")
                .map(s -> Boolean.toString(!s.isBlank())).orElse("unknown"));
        env.put("host.jdk.vendor", System.getProperty("java.vendor", "unknown"));
        env.put("host.jdk.version", System.getProperty("java.version", "unknown"));
        List<BenchmarkParams> ps = results.stream().map(RunResult::getParams).toList();
        env.put("fork.jvm", distinct(ps, BenchmarkParams::getJvm));
        env.put("fork.jvm.args", distinct(ps, p -> String.join(" ", p.getJvmArgs())));
        env.put("fork.jdk.version", distinct(ps, BenchmarkParams::getJdkVersion));
        env.put("fork.vm.name", distinct(ps, BenchmarkParams::getVmName));
        env.put("fork.vm.version", distinct(ps, BenchmarkParams::getVmVersion));
        env.put("fork.jdk.vendor", forks.getOrDefault("java.vendor", "unknown"));
        env.put("kernel.best", forks.getOrDefault("kernel.best", "unknown"));
        env.put("kernel.simd", forks.getOrDefault("kernel.simd", "unknown"));
        env.put("vector.module", forks.getOrDefault("vector.module", "unknown"));
        env.put("host", hostName());
        env.put("cpu.model", cpuModel());
        env.put("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("jmh.version", Version.getPlainVersion());
        env.put("jmh.mode", distinct(ps, p -> p.getMode().shortLabel()));
        env.put("jmh.forks", distinct(ps, p -> Integer.toString(p.getForks())));
        env.put("jmh.warmup.iterations", distinct(ps, p -> Integer.toString(p.getWarmup().getCount())));
        env.put("jmh.warmup.time", distinct(ps, p -> p.getWarmup().getTime().toString()));
        env.put("jmh.measurement.iterations", distinct(ps, p -> Integer.toString(p.getMeasurement().getCount())));
        env.put("jmh.measurement.time", distinct(ps, p -> p.getMeasurement().getTime().toString()));
        env.put("jmh.threads", distinct(ps, p -> Integer.toString(p.getThreads())));
        env.put("jmh.timeunit", distinct(ps, p -> shortUnit(p.getTimeUnit())));
        return env;
    }

    /**
     * The environment of a result set computed in this JVM rather than in JMH forks (the
     * step-size sweep): date, git commit, JDK, the kernel this JVM selected, CPU, cores, OS.
     */
    public static Map<String, String> host(String family, String profile) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.put("family", family);
        env.put("profile", profile);
        env.put("git.commit", git("rev-parse", "HEAD").orElse("unknown"));
        env.put("git.dirty", git("status", "--porcelain", "--untracked-files=no")
                .map(s -> Boolean.toString(!s.isBlank())).orElse("unknown"));
        env.put("jdk.vendor", System.getProperty("java.vendor", "unknown"));
        env.put("jdk.version", System.getProperty("java.version", "unknown"));
        env.put("kernel.best", io.fdbench.engine.kernel.Kernels.best().name());
        env.put("vector.module", Boolean.toString(io.fdbench.engine.kernel.Kernels.vectorModulePresent()));
        env.put("host", hostName());
        env.put("cpu.model", cpuModel());
        env.put("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return env;
    }

    /** The env map as a {@code key,value} CSV. */
    public static String format(Map<String, String> env) {
        List<List<String>> rows = new ArrayList<>();
        env.forEach((k, v) -> rows.add(List.of(k, v)));
        return Csv.format(new CsvTable(List.of("key", "value"), rows), (c, v) -> true);
    }

    private static String distinct(List<BenchmarkParams> ps, Function<BenchmarkParams, String> f) {
        Set<String> values = new LinkedHashSet<>();
        for (BenchmarkParams p : ps) {
            values.add(String.valueOf(f.apply(p)));
        }
        return values.isEmpty() ? "unknown" : String.join("; ", values);
    }

    private static String shortUnit(TimeUnit u) {
        return switch (u) {
            case NANOSECONDS -> "ns";
            case MICROSECONDS -> "us";
            case MILLISECONDS -> "ms";
            case SECONDS -> "s";
            default -> u.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** This machine's host name, as {@code hostname} prints it (the peers' env files say the same). */
    public static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The first {@code model name} of /proc/cpuinfo, else {@code os.arch}. */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable
        }
        return "unknown (" + System.getProperty("os.arch") + ")";
    }

    /** The output of a git command in the working directory, empty when git or the repository is missing. */
    public static java.util.Optional<String> git(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return java.util.Optional.empty();
            }
            return p.exitValue() == 0 ? java.util.Optional.of(out) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
