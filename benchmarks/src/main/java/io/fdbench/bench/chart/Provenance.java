package io.fdbench.bench.chart;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a result file came from, as printed under a chart's title: date, commit, profile (a quick
 * run says QUICK), JDK and kernel, read from the {@code <name>-env.csv} beside the results.
 *
 * <p>Two env formats are read: the suite's {@code key,value} (keys {@code date}, {@code git.commit},
 * {@code git.dirty}, {@code profile}, {@code fork.jdk.version} or {@code jdk.version},
 * {@code kernel.best}, ...) and the peers' {@code Scope,Key,Value} (run keys {@code runner.date},
 * {@code runner.mode}, {@code git.commit}; per-peer {@code python}, {@code blas.library}, ...).
 * Without a {@code profile} key the profile is inferred from the settings when they show it
 * ({@code --quick} on the command line, fewer than 3 measurement iterations, at most 12 sweep
 * points), otherwise it is unknown.
 *
 * @param source  the results file this describes, e.g. {@code kernel.csv}
 * @param date    when the run ended, or "date unknown"
 * @param commit  the short git commit (noting uncommitted changes), or "unknown"
 * @param profile "full", "quick" or "unknown"
 * @param basis   how the profile was inferred, e.g. "inferred from 2 measurement iterations", or "" when
 *                the env file names it
 * @param runtime "JDK 17.0.15 (Debian)" or, for the peers, "Python 3.11.2 ..."
 * @param kernel  "kernel simd-512" or, for the peers, "BLAS openblas 0.3.21"
 * @param hasEnv  false when there was no env file (then the fields say so)
 */
public record Provenance(String source, String date, String commit, String profile, String basis,
                         String runtime, String kernel, boolean hasEnv) {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);

    /** The env file of a results file: {@code kernel.csv} (or JMH's {@code kernel.json}) → {@code kernel-env.csv}. */
    public static String envFileName(String resultsFile) {
        String stem = resultsFile.endsWith(".csv") ? resultsFile.substring(0, resultsFile.length() - 4)
                : resultsFile.endsWith(".json") ? resultsFile.substring(0, resultsFile.length() - 5) : resultsFile;
        return stem + "-env.csv";
    }

    /** The provenance of a results file without an env file. */
    public static Provenance missing(String source) {
        return new Provenance(source, "no env file", "", "unknown", "", "", "", false);
    }

    /**
     * Reads {@code <name>-env.csv} beside {@code resultsFile}; a missing env file gives
     * {@link #missing}. A file that is not an env CSV is an {@link IllegalArgumentException}.
     */
    public static Provenance read(Path resultsFile) throws IOException {
        String source = resultsFile.getFileName().toString();
        Path env = resultsFile.resolveSibling(envFileName(source));
        if (!Files.isRegularFile(env)) {
            return missing(source);
        }
        return of(source, Csv.parse(Files.readString(env, StandardCharsets.UTF_8)));
    }

    /** From a parsed env table ({@code key,value} or {@code Scope,Key,Value}). */
    public static Provenance of(String source, CsvTable env) {
        List<String> h = env.header().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (h.equals(List.of("key", "value"))) {
            Map<String, String> kv = new LinkedHashMap<>();
            for (List<String> r : env.rows()) {
                kv.putIfAbsent(r.get(0), r.get(1));
            }
            return fromKeyValue(source, kv);
        }
        if (h.equals(List.of("scope", "key", "value"))) {
            return fromPeers(source, env);
        }
        throw new IllegalArgumentException("not an env file: header " + env.header()
                + ", expected key,value or Scope,Key,Value");
    }

    public static Provenance fromKeyValue(String source, Map<String, String> env) {
        String[] profile = profile(env);
        String jdkVersion = first(env, "fork.jdk.version", "jdk.version", "host.jdk.version");
        String jdkVendor = first(env, "fork.jdk.vendor", "jdk.vendor", "host.jdk.vendor");
        String runtime = jdkVersion == null ? "JDK unknown"
                : "JDK " + jdkVersion + (jdkVendor == null ? "" : " (" + jdkVendor + ")");
        String best = env.get("kernel.best");
        String kernel = best == null ? "kernel unknown" : "kernel " + best
                + ("false".equals(env.get("vector.module")) ? " (no Vector API module)" : "");
        String cpu = env.get("cpu.model");
        if (cpu != null) {
            kernel += ", CPU " + cpu + (env.containsKey("cpu.cores") ? " × " + env.get("cpu.cores") : "");
        }
        return new Provenance(source, date(env.get("date")), commit(env.get("git.commit"), env.get("git.dirty")),
                profile[0], profile[1], runtime, kernel, true);
    }

    private static Provenance fromPeers(String source, CsvTable env) {
        Map<String, String> run = new LinkedHashMap<>();
        Map<String, String> any = new LinkedHashMap<>();
        for (List<String> r : env.rows()) {
            if ("run".equals(r.get(0))) {
                run.putIfAbsent(r.get(1), r.get(2));
            }
            any.putIfAbsent(r.get(1), r.get(2));
        }
        String mode = run.get("runner.mode");
        String profile = mode == null || mode.isBlank() ? "unknown" : mode.trim().toLowerCase(Locale.ROOT);
        List<String> libs = new ArrayList<>();
        if (any.containsKey("numpy.version")) {
            libs.add("NumPy " + any.get("numpy.version"));
        }
        if (any.containsKey("torch.version")) {
            libs.add("PyTorch " + any.get("torch.version"));
        }
        String runtime = (any.containsKey("python") ? "Python " + any.get("python") : "Python unknown")
                + (libs.isEmpty() ? "" : " (" + String.join(", ", libs) + ")");
        String kernel = any.containsKey("blas.library")
                ? "BLAS " + any.get("blas.library") + " " + any.getOrDefault("blas.version", "")
                + (any.containsKey("blas.coretype") ? " (" + any.get("blas.coretype") + ")" : "")
                : "BLAS unknown";
        if (any.containsKey("cpu")) {
            kernel += ", CPU " + any.get("cpu") + (any.containsKey("cpus.online") ? " × " + any.get("cpus.online") : "");
        }
        return new Provenance(source, date(run.get("runner.date")), commit(run.get("git.commit"), null),
                profile, "", runtime, kernel.replace("  ", " "), true);
    }

    /** {profile, basis}: named by the env file, inferred from its settings, or unknown. */
    private static String[] profile(Map<String, String> env) {
        String p = env.get("profile");
        if (p != null && !p.isBlank()) {
            return new String[] {p.trim().toLowerCase(Locale.ROOT), ""};
        }
        String cmd = env.get("command.line");
        if (cmd != null && List.of(cmd.split("\\s+")).contains("--quick")) {
            return new String[] {"quick", "inferred from --quick on the command line"};
        }
        Optional<Integer> iterations = integer(env.get("jmh.measurement.iterations"));
        if (iterations.isPresent()) {
            return new String[] {iterations.get() < 3 ? "quick" : "full",
                "inferred from " + iterations.get() + " measurement iterations"};
        }
        Optional<Integer> points = integer(env.get("grid.points"));
        if (points.isPresent()) {
            return new String[] {points.get() <= 12 ? "quick" : "full", "inferred from " + points.get() + " grid points"};
        }
        return new String[] {"unknown", ""};
    }

    private static Optional<Integer> integer(String s) {
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // e.g. "2; 5" when benchmarks of a family differ
        }
    }

    private static String first(Map<String, String> env, String... keys) {
        for (String k : keys) {
            String v = env.get(k);
            if (v != null && !v.isBlank() && !"unknown".equals(v)) {
                return v;
            }
        }
        return null;
    }

    private static String date(String iso) {
        if (iso == null || iso.isBlank()) {
            return "date unknown";
        }
        try {
            return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).format(SHOWN);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(iso, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT))
                        .withOffsetSameInstant(ZoneOffset.UTC).format(SHOWN);
            } catch (DateTimeParseException e2) {
                return iso;
            }
        }
    }

    private static String commit(String sha, String dirty) {
        if (sha == null || sha.isBlank() || "unknown".equals(sha)) {
            return "unknown";
        }
        String shortSha = sha.length() > 10 ? sha.substring(0, 10) : sha;
        return shortSha + ("true".equals(dirty) ? " + uncommitted changes" : "");
    }

    /** Whether the run used (or appears to have used) the quick profile. */
    public boolean quick() {
        return "quick".equals(profile);
    }

    /**
     * The line printed under a chart title, e.g. {@code kernel.csv: 2026-11-23 18:09 UTC · commit
     * 58433fe463 · profile full · JDK 17.0.15 (Debian) · kernel simd-512, CPU AMD EPYC × 2}; a quick
     * profile reads {@code profile QUICK (indicative only)}.
     */
    public String line() {
        if (!hasEnv) {
            return source + ": no env file (" + envFileName(source) + "): date, commit, profile, JDK and kernel unknown";
        }
        String note = basis.isEmpty() ? "" : basis + "; ";
        String shownProfile = quick() ? "QUICK (" + note + "short runs, indicative only)"
                : profile + (basis.isEmpty() ? "" : " (" + basis + ")");
        return source + ": " + date + " · commit " + commit + " · profile " + shownProfile + " · " + runtime + " · " + kernel;
    }
}
