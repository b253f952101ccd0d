package io.fdbench.bench.command;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.engine.kernel.Kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The environment of a result computed in this JVM (sweep, train), written beside it as
 * {@code <name>-env.csv} with columns {@code key,value}, the format and host keys of the suite's
 * env files: {@code date}, {@code git.commit}, {@code git.dirty}, {@code jdk.vendor},
 * {@code jdk.version}, {@code kernel.best}, {@code vector.module}, {@code cpu.model},
 * {@code cpu.cores}, {@code os}. Commands add their own settings after these.
 */
final class RunEnvironment {

    private RunEnvironment() {
    }

    /** The host keys, in order; the map is mutable for the command's own keys. */
    static Map<String, String> host() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        env.put("git.commit", git("rev-parse", "HEAD").orElse("unknown"));
        env.put("git.dirty", git("status", "--porcelain", "--untracked-files=no")
                .map(s -> Boolean.toString(!s.isBlank())).orElse("unknown"));
        env.put("jdk.vendor", System.getProperty("java.vendor", "unknown"));
        env.put("jdk.version", System.getProperty("java.version", "unknown"));
        env.put("kernel.best", Kernels.best().name());
        env.put("vector.module", Boolean.toString(Kernels.vectorModulePresent()));
        env.put("cpu.model", cpuModel());
        env.put("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return env;
    }

    /** The map as a {@code key,value} CSV (CRLF, every field quoted as needed). */
    static String csv(Map<String, String> env) {
        List<List<String>> rows = new ArrayList<>();
        env.forEach((k, v) -> rows.add(List.of(k, v)));
        return Csv.format(new CsvTable(List.of("key", "value"), rows), (c, v) -> true);
    }

    /** The first {@code model name} of /proc/cpuinfo, else {@code os.arch}. */
    private static String cpuModel() {
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

    private static Optional<String> git(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
