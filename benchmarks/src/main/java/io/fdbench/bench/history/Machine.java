package io.fdbench.bench.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What measured a result: host name, CPU, operating system with its kernel, and the JDK (or
 * {@value #NONE} for the Python peers). A series of the history holds points of one machine only:
 * a figure from another CPU, kernel or JDK is another series, never a point of the same line.
 *
 * @param host host name, or {@value #UNKNOWN}
 * @param cpu  model and core count, e.g. {@code AMD EPYC, 2 cores}
 * @param os   system, kernel and architecture as the env file says, e.g. {@code Linux 6.18.44 amd64}
 * @param jdk  vendor and version of the JVM that ran the benchmarks (the forks'), e.g. {@code Debian 17.0.15}
 */
public record Machine(String host, String cpu, String os, String jdk) {

    /** A field the env file does not give. */
    public static final String UNKNOWN = "unknown";
    /** The JDK of results no JVM measured (the NumPy and PyTorch peers). */
    public static final String NONE = "none";

    /**
     * The machine an env file describes. The suite's keys ({@code host}, {@code cpu.model},
     * {@code cpu.cores}, {@code os}, {@code fork.jdk.*}, else {@code host.jdk.*} or {@code jdk.*})
     * are read first; the peers' ({@code runner.host}, {@code runner.os}, the per-peer {@code cpu}
     * and {@code cpus.online}) otherwise.
     */
    public static Machine of(Map<String, String> env) {
        String host = first(env, "host", "runner.host");
        String cpuModel = first(env, "cpu.model");
        String cores = first(env, "cpu.cores");
        if (cpuModel.equals(UNKNOWN)) {
            cpuModel = scoped(env, "cpu");
            cores = scoped(env, "cpus.online");
        }
        String cpu = cores.equals(UNKNOWN) ? cpuModel : cpuModel + ", " + cores + " cores";
        String os = first(env, "os", "runner.os");
        String jdk = UNKNOWN;
        for (String prefix : new String[] {"fork.jdk.", "host.jdk.", "jdk."}) {
            if (env.containsKey(prefix + "version")) {
                String vendor = env.getOrDefault(prefix + "vendor", "");
                jdk = (vendor.isBlank() ? "" : vendor.strip() + " ") + env.get(prefix + "version").strip();
                break;
            }
        }
        if (jdk.equals(UNKNOWN) && env.keySet().stream().anyMatch(k -> k.startsWith("runner."))) {
            jdk = NONE;
        }
        return new Machine(host, cpu, os, jdk);
    }

    /** A short stable identity: the first 12 hex digits of the SHA-256 of the four fields. */
    public String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest(String.join("\u0000", host, cpu, os, jdk).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** One line for people: {@code vm, AMD EPYC, 2 cores, Linux 6.18.44 amd64, JDK Debian 17.0.15}. */
    public String label() {
        return host + ", " + cpu + ", " + os + ", JDK " + jdk;
    }

    private static String first(Map<String, String> env, String... keys) {
        for (String k : keys) {
            String v = env.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return UNKNOWN;
    }

    /** The value of {@code key} in the first scope that has it (peers' env: {@code "<scope> <key>"}). */
    private static String scoped(Map<String, String> env, String key) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().endsWith(" " + key) && !e.getValue().isBlank()) {
                return e.getValue().strip();
            }
        }
        return UNKNOWN;
    }
}
