package io.fdbench.bench.history;

import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which series {@code history} and {@code trend} show: {@code --benchmark REGEX} (found anywhere
 * in the full name, as JMH matches), {@code -p name=value} (repeatable; every one must hold) and
 * {@code --machine TEXT} (a machine key prefix, or text found in its host, CPU, OS or JDK).
 *
 * @param benchmark the regex, or null for every benchmark
 * @param params    required parameter values
 * @param machine   the machine text, or null for every machine
 */
public record SeriesFilter(Pattern benchmark, Map<String, String> params, String machine) {

    public SeriesFilter {
        params = Map.copyOf(params);
    }

    /** Declares {@code --benchmark}, {@code --machine} and the single-dash {@code -p}. */
    public static Flags declare(Flags flags) {
        return flags
                .value("benchmark", "REGEX", "only benchmarks whose full name contains a match of REGEX")
                .value("machine", "TEXT", "only the machine whose key starts with TEXT or whose host, CPU, OS or JDK"
                        + " contains TEXT")
                .passSingleDash(java.util.Set.of());
    }

    /** Reads the flags {@link #declare} declared; {@code -p} comes through as single-dash pairs. */
    public static SeriesFilter of(Flags.Parsed flags) {
        Pattern regex = null;
        if (flags.has("benchmark")) {
            String r = flags.string("benchmark", "");
            try {
                regex = Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw new UsageException("--benchmark", "invalid regex '" + r + "': " + e.getDescription());
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String> passed = flags.passedThrough();
        for (int i = 0; i < passed.size(); i++) {
            String flag = passed.get(i);
            if (!flag.equals("-p")) {
                throw new UsageException(flag, "unknown flag");
            }
            if (i + 1 >= passed.size()) {
                throw new UsageException("-p", "missing value name=value");
            }
            String pair = passed.get(++i);
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("-p", "expected name=value, got '" + pair + "'");
            }
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String machine = flags.string("machine").orElse(null);
        if (machine != null && machine.isBlank()) {
            throw new UsageException("--machine", "empty value");
        }
        return new SeriesFilter(regex, params, machine);
    }

    /** Whether a series passes. */
    public boolean test(SeriesKey key) {
        if (benchmark != null && !benchmark.matcher(key.benchmark()).find()) {
            return false;
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!p.getValue().equals(key.params().get(p.getKey()))) {
                return false;
            }
        }
        return machine == null || matchesMachine(key.machine());
    }

    private boolean matchesMachine(Machine m) {
        String t = machine.toLowerCase(Locale.ROOT);
        return m.key().startsWith(t) || m.label().toLowerCase(Locale.ROOT).contains(t);
    }

    /** The filter in words, for "no series matches ..." messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (benchmark != null) {
            sb.append(" --benchmark ").append(benchmark.pattern());
        }
        params.forEach((k, v) -> sb.append(" -p ").append(k).append('=').append(v));
        if (machine != null) {
            sb.append(" --machine ").append(machine);
        }
        return sb.length() == 0 ? "(no filter)" : sb.toString().strip();
    }
}
