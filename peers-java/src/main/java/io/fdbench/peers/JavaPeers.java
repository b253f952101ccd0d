package io.fdbench.peers;

import io.fdbench.engine.data.Batch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The two steps of scripts/peers/run-java-peers.sh around the JMH runs:
 * <pre>
 * describe dl4j|djl --threads N --out FILE   load the peer's natives, check its gradient against the
 *                                           double reference, write versions and thread settings
 *                                           (exit 3 and one line when the natives cannot load)
 * merge --out DIR [--force] [--note K=V]... --jmh FILE... --env FILE...
 *                                           add the JMH rows, renamed peers.dl4j.* / peers.djl.*, to
 *                                           DIR/peers.csv and the descriptions to DIR/peers-env.csv
 * </pre>
 * Exit codes: 0 done, 1 a check failed or rows would be replaced without --force, 2 bad usage or
 * input, 3 a native library did not load.
 */
public final class JavaPeers {

    static final String CSV = "peers.csv";
    static final String ENV = "peers-env.csv";
    /** The env file's scope of this runner's notes when the file already has a run scope (the Python peers'). */
    static final String RUNNER_SCOPE = "java-peers";
    static final List<String> FIXED = List.of("Benchmark", "Mode", "Threads", "Samples", "Score",
            "Score Error (99.9%)", "Unit");
    /** JMH benchmark class → peer name in the rows. */
    static final Map<String, String> PEERS = Map.of(
            Dl4jBenchmark.class.getName(), "dl4j",
            DjlBenchmark.class.getName(), "djl");

    private JavaPeers() {
    }

    /** A one-line failure with its exit code. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    public static void main(String[] args) {
        try {
            if (args.length == 0) {
                throw new Failure(2, "usage: JavaPeers describe dl4j|djl --threads N --out FILE | merge --out DIR"
                        + " [--force] [--note K=V]... --jmh FILE... --env FILE...");
            }
            List<String> rest = List.of(args).subList(1, args.length);
            switch (args[0]) {
                case "describe":
                    describe(rest);
                    break;
                case "merge":
                    merge(rest);
                    break;
                default:
                    throw new Failure(2, "unknown command '" + args[0] + "' (expected describe or merge)");
            }
        } catch (Failure f) {
            System.err.println("java-peers: " + f.getMessage());
            System.exit(f.code);
        } catch (IOException e) {
            System.err.println("java-peers: " + e);
            System.exit(3);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ describe

    static void describe(List<String> args) throws Failure, IOException {
        if (args.isEmpty()) {
            throw new Failure(2, "describe: which peer (dl4j or djl)?");
        }
        String peer = args.get(0);
        int threads = 0;
        Path out = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--threads") && i + 1 < args.size()) {
                try {
                    threads = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    throw new Failure(2, "--threads: not a number '" + args.get(i) + "'");
                }
            } else if (a.equals("--out") && i + 1 < args.size()) {
                out = Path.of(args.get(++i));
            } else {
                throw new Failure(2, "describe: unknown or incomplete flag '" + a + "'");
            }
        }
        if (threads < 1 || out == null) {
            throw new Failure(2, "describe: needs --threads N (N >= 1) and --out FILE");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("peer", peer);
        env.put("date", now());
        env.put("java.version", System.getProperty("java.version"));
        env.put("java.vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("cpu", cpu());
        env.put("cpus.online", String.valueOf(Runtime.getRuntime().availableProcessors()));
        env.put("threads.requested", String.valueOf(threads));
        env.putAll(PeerThreads.environment());
        float[] theta = PeerWorkload.theta();
        Batch batch = PeerWorkload.gradientBatch();
        try {
            switch (peer) {
                case "dl4j":
                    Dl4jPeer.pinThreads(threads);
                    env.putAll(Dl4jPeer.describe());
                    break;
                case "djl":
                    DjlPeer.pinThreads(threads);
                    env.putAll(DjlPeer.describe());
                    break;
                default:
                    throw new Failure(2, "describe: unknown peer '" + peer + "' (expected dl4j or djl)");
            }
        } catch (Failure f) {
            throw f;
        } catch (IllegalStateException e) {
            throw new Failure(1, peer + ": " + e.getMessage());
        } catch (Throwable t) {
            throw new Failure(3, peer + " skipped: its native library did not load (" + rootCause(t) + ")");
        }
        try {
            for (String precision : List.of("float", "double")) {
                double[] g;
                if (peer.equals("dl4j")) {
                    Dl4jPeer p = new Dl4jPeer(precision, theta);
                    g = p.gradient(p.dataSet(batch));
                } else {
                    try (DjlPeer p = new DjlPeer(precision, theta)) {
                        g = p.gradient(p.step(batch));
                    }
                }
                double rel = ReferenceCheck.require(peer + " " + precision, PeerWorkload.model(), theta, batch, g);
                env.put("check.reference.rel_err(" + precision + ")", String.format(Locale.ROOT, "%.3e", rel));
            }
        } catch (IllegalStateException e) {
            throw new Failure(1, e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : env.entrySet()) {
            sb.append(e.getKey()).append('\t').append(e.getValue().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        PeerCsv.writeAtomically(out, sb.toString());
    }

    private static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? "" : ": " + c.getMessage().lines().findFirst().orElse("");
        return c.getClass().getSimpleName() + m;
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.arch");
    }

    // ------------------------------------------------------------------ merge

    static void merge(List<String> args) throws Failure, IOException {
        Path dir = null;
        boolean force = false;
        List<Path> jmh = new ArrayList<>();
        List<Path> envs = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean hasValue = i + 1 < args.size();
            if (a.equals("--out") && hasValue) {
                dir = Path.of(args.get(++i));
            } else if (a.equals("--force")) {
                force = true;
            } else if (a.equals("--jmh") && hasValue) {
                jmh.add(Path.of(args.get(++i)));
            } else if (a.equals("--env") && hasValue) {
                envs.add(Path.of(args.get(++i)));
            } else if (a.equals("--note") && hasValue) {
                String kv = args.get(++i);
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new Failure(2, "--note: expected KEY=VALUE, got '" + kv + "'");
                }
                notes.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else {
                throw new Failure(2, "merge: unknown or incomplete flag '" + a + "'");
            }
        }
        if (dir == null || jmh.isEmpty()) {
            throw new Failure(2, "merge: needs --out DIR and at least one --jmh FILE");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (Path p : jmh) {
            for (Map<String, String> r : records(p)) {
                r.put("Benchmark", rowName(p, r.get("Benchmark")));
                rows.add(r);
            }
        }
        if (rows.isEmpty()) {
            throw new Failure(1, "merge: the JMH results hold no rows");
        }
        // Only the peers these results hold are replaced: a run of one peer (--peers djl) keeps
        // the other's rows and env scopes.
        java.util.Set<String> libs = new java.util.TreeSet<>();
        for (Map<String, String> r : rows) {
            libs.add(lib(r.get("Benchmark")));
        }
        boolean allPeers = libs.containsAll(PEERS.values());
        Path csv = dir.resolve(CSV);
        Path envCsv = dir.resolve(ENV);
        List<Map<String, String>> kept = new ArrayList<>();
        if (Files.exists(csv)) {
            for (Map<String, String> r : records(csv)) {
                if (isJavaPeer(r.get("Benchmark")) && libs.contains(lib(r.get("Benchmark")))) {
                    if (!force) {
                        throw new Failure(1, csv + " already holds Java peer rows (" + r.get("Benchmark")
                                + "): use --force to replace them");
                    }
                } else {
                    kept.add(r);
                }
            }
        }
        kept.addAll(rows);
        List<List<String>> envRows = new ArrayList<>();
        boolean hasRunScope = false;
        if (Files.exists(envCsv)) {
            List<List<String>> old = PeerCsv.read(envCsv);
            if (old.isEmpty() || old.get(0).size() != 3) {
                throw new Failure(2, envCsv + ": line 1: not a Scope,Key,Value env file");
            }
            for (List<String> r : old.subList(1, old.size())) {
                String scope = r.get(0);
                int slash = scope.indexOf('/');
                boolean replacedPeer = slash > 0 && libs.contains(scope.substring(0, slash));
                boolean replacedRunner = scope.equals(runnerScope(libs, allPeers))
                        || (allPeers && scope.startsWith(RUNNER_SCOPE + "/"));
                if (replacedPeer || replacedRunner) {
                    continue;
                }
                hasRunScope |= scope.equals("run");
                envRows.add(r);
            }
        }
        String runnerScope = hasRunScope ? runnerScope(libs, allPeers) : "run";
        List<List<String>> added = new ArrayList<>();
        notes.putIfAbsent("runner.date", now());
        notes.putIfAbsent("runner.host", host());
        notes.putIfAbsent("runner.os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        for (Map.Entry<String, String> n : notes.entrySet()) {
            added.add(List.of(runnerScope, n.getKey(), n.getValue()));
        }
        for (Path p : envs) {
            Map<String, String> described = new LinkedHashMap<>();
            for (String line : Files.readAllLines(p)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    described.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
            String scope = described.getOrDefault("peer", "?") + "/threads=" + described.getOrDefault("threads.requested", "?");
            for (Map.Entry<String, String> e : described.entrySet()) {
                added.add(List.of(scope, e.getKey(), e.getValue()));
            }
        }
        if (runnerScope.equals("run")) {
            envRows.addAll(0, added);
        } else {
            envRows.addAll(added);
        }
        PeerCsv.writeAtomically(csv, csvText(kept));
        StringBuilder env = new StringBuilder("\"Scope\",\"Key\",\"Value\"\r\n");
        for (List<String> r : envRows) {
            env.append(PeerCsv.quote(r.get(0))).append(',').append(PeerCsv.quote(r.get(1))).append(',')
                    .append(PeerCsv.quote(r.get(2))).append("\r\n");
        }
        PeerCsv.writeAtomically(envCsv, env.toString());
        System.err.println("java-peers: " + rows.size() + " rows added to " + csv + " (" + kept.size() + " in all)");
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isEmpty()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The peer of a row name: peers.djl.Epoch → djl. */
    static String lib(String benchmark) {
        String rest = benchmark.substring("peers.".length());
        return rest.substring(0, rest.indexOf('.'));
    }

    /**
     * The env scope of a merge's runner notes: {@value #RUNNER_SCOPE} when it holds every Java peer,
     * else {@value #RUNNER_SCOPE}/&lt;peers&gt; (a later run of one peer keeps the first run's notes).
     */
    static String runnerScope(java.util.Set<String> libs, boolean allPeers) {
        return allPeers ? RUNNER_SCOPE : RUNNER_SCOPE + "/" + String.join(",", libs);
    }

    static boolean isJavaPeer(String benchmark) {
        return benchmark != null && (benchmark.startsWith("peers.dl4j.") || benchmark.startsWith("peers.djl."));
    }

    /** io.fdbench.peers.Dl4jBenchmark.backpropGradient → peers.dl4j.BackpropGradient. */
    static String rowName(Path file, String benchmark) throws Failure {
        int dot = benchmark == null ? -1 : benchmark.lastIndexOf('.');
        String peer = dot < 0 ? null : PEERS.get(benchmark.substring(0, dot));
        if (peer == null) {
            throw new Failure(2, file + ": benchmark '" + benchmark + "' is not a Java peer's");
        }
        String method = benchmark.substring(dot + 1);
        return "peers." + peer + "." + Character.toUpperCase(method.charAt(0)) + method.substring(1);
    }

    /** The file's rows as column → cell, checking the JMH columns are there. */
    static List<Map<String, String>> records(Path file) throws IOException, Failure {
        List<List<String>> all = PeerCsv.read(file);
        if (all.isEmpty() || !all.get(0).subList(0, Math.min(FIXED.size(), all.get(0).size())).equals(FIXED)) {
            throw new Failure(2, file + ": line 1: not a JMH CSV (expected the columns " + String.join(",", FIXED) + ")");
        }
        List<String> header = all.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            List<String> cells = all.get(i);
            if (cells.size() != header.size()) {
                throw new Failure(2, file + ": line " + (i + 1) + ": " + cells.size() + " cells, the header has "
                        + header.size());
            }
            Map<String, String> r = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                r.put(header.get(c), cells.get(c));
            }
            out.add(r);
        }
        return out;
    }

    /** JMH's CSV: the fixed columns, then every "Param: k" in alphabetical order; CRLF. */
    static String csvText(List<Map<String, String>> rows) {
        TreeSet<String> params = new TreeSet<>();
        for (Map<String, String> r : rows) {
            for (String k : r.keySet()) {
                if (k.startsWith("Param: ")) {
                    params.add(k);
                }
            }
        }
        List<String> columns = new ArrayList<>(FIXED);
        columns.addAll(params);
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>();
        for (String c : columns) {
            head.add(PeerCsv.quote(c));
        }
        sb.append(String.join(",", head)).append("\r\n");
        for (Map<String, String> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                String v = r.getOrDefault(c, "");
                boolean alwaysQuoted = c.equals("Benchmark") || c.equals("Mode") || c.equals("Unit");
                cells.add(alwaysQuoted ? PeerCsv.quote(v) : v.isEmpty() ? "" : PeerCsv.emit(v));
            }
            sb.append(String.join(",", cells)).append("\r\n");
        }
        return sb.toString();
    }
}
