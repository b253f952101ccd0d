package io.fdbench.bench.compare;

import io.fdbench.bench.results.CsvReader;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.JmhCsvReader;
import io.fdbench.bench.results.JmhResults;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.JmhRowSource;
import io.fdbench.bench.results.ResultFileException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads result files for a comparison, streamed, and refuses what cannot be compared: an
 * unreadable, empty, non-UTF-8 or header-only file, a score that is not a finite number, a
 * time score that is not positive (any other unit: negative), a negative or infinite error.
 * Every refusal is a {@link ResultFileException} naming the file and line.
 */
final class Measurements {

    /** JMH's time units. */
    private static final Set<String> TIME_UNITS = Set.of("ns", "us", "ms", "s", "min", "hr", "day");

    /** What a file in a compared folder is. */
    enum Kind { JMH, OTHER_CSV }

    private Measurements() {
    }

    /** The header of a JMH result file (CSV or JSON, {@link JmhResults}). */
    static List<String> header(Path file) {
        try (JmhRowSource r = JmhResults.open(file)) {
            return r.header();
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, e.getMessage());
        } catch (IOException e) {
            throw ResultFileException.of(file, e);
        }
    }

    /** The {@code Param:} columns both headers have, in the first header's order. */
    static List<String> commonParams(List<String> a, List<String> b) {
        List<String> common = new ArrayList<>();
        for (String h : a) {
            if (h.startsWith(JmhCsv.PARAM_PREFIX) && b.contains(h)) {
                common.add(h);
            }
        }
        return common;
    }

    /** Every row of a JMH result file, keyed on {@code params}, checked; at least one row. */
    static List<Measurement> read(Path file, List<String> params) {
        List<Measurement> out = new ArrayList<>();
        Map<String, String> names = new HashMap<>(); // one copy of each benchmark, mode and unit text
        try (JmhRowSource r = JmhResults.open(file)) {
            for (JmhRow row = r.next(); row != null; row = r.next()) {
                Measurement m = measurement(row, params, r.line());
                out.add(new Measurement(names.computeIfAbsent(m.benchmark(), k -> k), m.params(),
                        names.computeIfAbsent(m.mode(), k -> k), names.computeIfAbsent(m.unit(), k -> k),
                        m.samples(), m.score(), m.error(), m.line()));
            }
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, e.getMessage());
        } catch (IOException e) {
            throw ResultFileException.of(file, e);
        }
        if (out.isEmpty()) {
            throw new ResultFileException(file, "no result rows (only a header): the run wrote nothing");
        }
        return out;
    }

    /**
     * Whether a file in a compared folder is a JMH result file or another CSV (such as the
     * step-size tables), after checking it reads as CSV to the end and has at least one row. A
     * JSON file is JMH's ({@link JmhResults}), checked as such.
     */
    static Kind kind(Path file) {
        if (JmhResults.isJson(file)) {
            header(file);
            return Kind.JMH;
        }
        try (CsvReader r = CsvReader.open(file)) {
            List<String> header = r.next();
            if (header == null) {
                throw new ResultFileException(file, "empty file");
            }
            if (JmhCsvReader.isJmhHeader(header)) {
                return Kind.JMH;
            }
            if (r.next() == null) {
                throw new ResultFileException(file, "no rows (only a header)");
            }
            while (r.next() != null) {
                // read to the end: a file that breaks further down is refused too
            }
            return Kind.OTHER_CSV;
        } catch (IllegalArgumentException e) {
            throw new ResultFileException(file, e.getMessage());
        } catch (IOException e) {
            throw ResultFileException.of(file, e);
        }
    }

    /** Whether a unit is a time per operation ({@code us/op}) or operations per time ({@code ops/ms}). */
    static boolean isTimeUnit(String unit) {
        String u = unit.trim().toLowerCase(Locale.ROOT);
        if (u.endsWith("/op")) {
            return TIME_UNITS.contains(u.substring(0, u.length() - 3));
        }
        return u.startsWith("ops/") && TIME_UNITS.contains(u.substring(4));
    }

    private static Measurement measurement(JmhRow row, List<String> params, long line) {
        double score = row.score();
        double error = row.scoreError();
        long samples = Long.parseLong(row.cell("Samples"));
        String unit = row.unit();
        String where = "line " + line + ": ";
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException(where + "Score '" + row.cell("Score") + "' is not a finite number");
        }
        if (isTimeUnit(unit) ? score <= 0 : score < 0) {
            throw new IllegalArgumentException(where + "Score " + row.cell("Score") + " " + unit
                    + (isTimeUnit(unit) ? " is not positive: no time was measured" : " is negative"));
        }
        if (Double.isInfinite(error) || error < 0) {
            throw new IllegalArgumentException(where + "Score Error (99.9%) '" + row.cell("Score Error (99.9%)")
                    + "' is not a finite, non-negative number (NaN, for no error, is allowed)");
        }
        if (samples < 1) {
            throw new IllegalArgumentException(where + "Samples " + samples + ": nothing was measured");
        }
        return new Measurement(row.benchmark(), params(row, params), row.mode(), unit, samples, score, error, line);
    }

    private static String params(JmhRow r, List<String> params) {
        StringBuilder sb = new StringBuilder();
        for (String p : params) {
            String v = r.cell(p);
            if (!v.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(p.substring(JmhCsv.PARAM_PREFIX.length())).append('=')
                        .append(v);
            }
        }
        return sb.toString();
    }
}
