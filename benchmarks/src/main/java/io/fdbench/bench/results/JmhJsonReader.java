package io.fdbench.bench.results;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads JMH's JSON result format ({@code -rf json}, and the suite's {@code <family>.json}) into
 * the rows JMH's CSV of the same run has ({@link JmhCsvReader}): the header
 * {@link JmhCsv#COLUMNS} plus one {@code Param: name} column per parameter of any result
 * (alphabetical, empty where a result lacks it), and per result its primary row followed by one
 * {@code benchmark:label} row per secondary metric ({@code @AuxCounters}, {@code -prof}), as JMH
 * orders them.
 *
 * <p>Cells: {@code Threads} as JMH's integer; {@code Samples} as JMH counts them, the number of
 * raw measurements ({@code rawData}: one per iteration and fork; {@code rawDataHistogram} in
 * sample mode: the sum of its counts), 1 for a figure JMH derives without raw data (a
 * percentile); {@code Score} and {@code Score Error (99.9%)} as the JSON's number text, so they
 * keep all the digits JSON has (the CSV rounds to six decimals), and JMH's quoted {@code "NaN"}
 * becomes {@code NaN}.
 *
 * <p>Strict: the file must be UTF-8 JSON (gson in strict mode, nothing after the top-level
 * array), an array of objects each with {@code benchmark}, {@code mode}, {@code threads} and a
 * {@code primaryMetric} with {@code score}, {@code scoreError}, {@code scoreUnit} and raw data.
 * Problems are {@link IllegalArgumentException}s starting with {@code line N:} (the line of the
 * result's opening brace, or gson's position of a syntax error).
 */
public final class JmhJsonReader implements JmhRowSource {

    private final List<String> header;
    private final List<List<String>> rows;
    private final List<Long> lines;
    private int next;
    private long line;

    private JmhJsonReader(List<String> header, List<List<String>> rows, List<Long> lines) {
        this.header = List.copyOf(header);
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads and checks a whole JSON file (strict UTF-8). */
    public static JmhJsonReader open(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 text");
        }
        return of(text);
    }

    /** Parses and checks JMH JSON text. */
    public static JmhJsonReader of(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty file, not a JMH result JSON");
        }
        JsonElement root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("not JSON: more text after the top-level value ("
                        + where(reader) + ")");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new IllegalArgumentException(syntaxError(e));
        }
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException("line 1: not a JMH result JSON: the top level is "
                    + kind(root) + ", JMH writes an array of results");
        }
        JsonArray results = root.getAsJsonArray();
        List<Long> starts = elementLines(text);
        SortedSet<String> paramNames = new TreeSet<>();
        for (int i = 0; i < results.size(); i++) {
            long at = i < starts.size() ? starts.get(i) : 1;
            JsonObject r = object(results.get(i), "result " + (i + 1), at);
            JsonElement params = r.get("params");
            if (params != null && !params.isJsonNull()) {
                for (Map.Entry<String, JsonElement> e : object(params, "params", at).entrySet()) {
                    text(e.getValue(), "params." + e.getKey(), at);
                    paramNames.add(e.getKey());
                }
            }
        }
        List<String> header = new ArrayList<>(JmhCsv.COLUMNS);
        paramNames.forEach(n -> header.add(JmhCsv.PARAM_PREFIX + n));
        List<List<String>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            long at = i < starts.size() ? starts.get(i) : 1;
            JsonObject r = results.get(i).getAsJsonObject();
            String benchmark = text(required(r, "benchmark", at), "benchmark", at);
            String mode = text(required(r, "mode", at), "mode", at);
            String threads = integer(required(r, "threads", at), "threads", at);
            List<String> paramCells = new ArrayList<>();
            JsonObject params = r.has("params") && !r.get("params").isJsonNull() ? r.getAsJsonObject("params") : null;
            for (String n : paramNames) {
                paramCells.add(params != null && params.has(n) ? params.get(n).getAsString() : "");
            }
            JsonObject primary = object(required(r, "primaryMetric", at), benchmark + " primaryMetric", at);
            rows.add(row(benchmark, mode, threads, primary, paramCells, benchmark + " primaryMetric", at));
            lines.add(at);
            JsonElement secondary = r.get("secondaryMetrics");
            if (secondary != null && !secondary.isJsonNull()) {
                for (Map.Entry<String, JsonElement> e
                        : object(secondary, benchmark + " secondaryMetrics", at).entrySet()) {
                    String what = benchmark + " secondaryMetrics." + e.getKey();
                    rows.add(row(benchmark + ":" + e.getKey(), mode, threads, object(e.getValue(), what, at),
                            paramCells, what, at));
                    lines.add(at);
                }
            }
        }
        return new JmhJsonReader(header, rows, lines);
    }

    /** Reads a whole JSON file into the table JMH's CSV of the same run would give. */
    public static CsvTable read(Path file) throws IOException {
        return open(file).table();
    }

    /** Every row, as a table. */
    public CsvTable table() {
        return new CsvTable(header, rows);
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public JmhRow next() {
        if (next >= rows.size()) {
            return null;
        }
        line = lines.get(next);
        return new JmhRow(header, rows.get(next++));
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public void close() {
        // everything was read on open
    }

    private static List<String> row(String benchmark, String mode, String threads, JsonObject metric,
                                    List<String> params, String what, long at) {
        String score = number(required(metric, "score", at, what), what + ".score", at);
        String error = number(required(metric, "scoreError", at, what), what + ".scoreError", at);
        String unit = text(required(metric, "scoreUnit", at, what), what + ".scoreUnit", at);
        long samples = samples(metric, what, at);
        List<String> cells = new ArrayList<>(List.of(benchmark, mode, threads, Long.toString(samples), score, error,
                unit));
        cells.addAll(params);
        return cells;
    }

    /** JMH's sample count: raw measurements, or the histogram's counts; 1 for a derived figure. */
    private static long samples(JsonObject metric, String what, long at) {
        JsonElement raw = metric.get("rawData");
        JsonElement histogram = metric.get("rawDataHistogram");
        long n;
        if (histogram != null) {
            n = 0;
            for (JsonElement fork : array(histogram, what + ".rawDataHistogram", at)) {
                for (JsonElement iteration : array(fork, what + ".rawDataHistogram[]", at)) {
                    for (JsonElement pair : array(iteration, what + ".rawDataHistogram[][]", at)) {
                        JsonArray p = array(pair, what + ".rawDataHistogram[][][]", at);
                        if (p.size() != 2) {
                            throw new IllegalArgumentException("line " + at + ": " + what
                                    + ".rawDataHistogram: a [value, count] pair has " + p.size() + " entries");
                        }
                        number(p.get(0), what + ".rawDataHistogram value", at);
                        n += Long.parseLong(integer(p.get(1), what + ".rawDataHistogram count", at));
                    }
                }
            }
        } else if (raw != null) {
            n = 0;
            for (JsonElement fork : array(raw, what + ".rawData", at)) {
                for (JsonElement value : array(fork, what + ".rawData[]", at)) {
                    number(value, what + ".rawData value", at);
                    n++;
                }
            }
        } else {
            throw new IllegalArgumentException("line " + at + ": " + what + " has neither rawData nor rawDataHistogram,"
                    + " so its sample count is unknown (written with -Djmh.json.rawData=false?)");
        }
        return n == 0 ? 1 : n;
    }

    private static JsonElement required(JsonObject o, String key, long at) {
        return required(o, key, at, "result");
    }

    private static JsonElement required(JsonObject o, String key, long at, String what) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("line " + at + ": not a JMH result: " + what + " has no '" + key + "'");
        }
        return e;
    }

    private static JsonObject object(JsonElement e, String what, long at) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("line " + at + ": " + JmhCsvReader.shown(what) + " is " + kind(e)
                    + ", expected an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonElement e, String what, long at) {
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("line " + at + ": " + JmhCsvReader.shown(what) + " is " + kind(e)
                    + ", expected an array");
        }
        return e.getAsJsonArray();
    }

    private static String text(JsonElement e, String what, long at) {
        if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString())) {
            throw new IllegalArgumentException("line " + at + ": " + JmhCsvReader.shown(what) + " is " + kind(e)
                    + ", expected a string");
        }
        return e.getAsString();
    }

    private static String integer(JsonElement e, String what, long at) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            String t = e.getAsString();
            try {
                Long.parseLong(t);
                return t;
            } catch (NumberFormatException ignored) {
                // falls through to the error
            }
        }
        throw new IllegalArgumentException("line " + at + ": " + JmhCsvReader.shown(what) + " '"
                + JmhCsvReader.shown(e.toString()) + "' is not an integer");
    }

    /** A JSON number's text, or JMH's quoted {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. */
    private static String number(JsonElement e, String what, long at) {
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            String t = p.getAsString();
            if (p.isNumber() || t.equals("NaN") || t.equals("Infinity") || t.equals("-Infinity")) {
                return t;
            }
        }
        throw new IllegalArgumentException("line " + at + ": " + JmhCsvReader.shown(what) + " '"
                + JmhCsvReader.shown(e.toString()) + "' is not a number");
    }

    private static String kind(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        return e.getAsJsonPrimitive().isString() ? "a string" : "a " + (e.getAsJsonPrimitive().isNumber()
                ? "number" : "boolean");
    }

    /** gson's message, one line, in words for a user (not its advice to developers, not its link). */
    private static String syntaxError(Exception e) {
        Throwable t = e instanceof JsonParseException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON")
                .replaceAll("\\s+", " ").trim();
        return "not JSON: " + m;
    }

    private static String where(JsonReader reader) {
        String s = reader.toString(); // "JsonReader at line L column C path P"
        int at = s.indexOf(" at ");
        return at < 0 ? s : s.substring(at + 1);
    }

    /**
     * The line on which each element of the top-level array starts, by a lexical scan of text
     * that is already known to be valid JSON (strings and their escapes skipped).
     */
    static List<Long> elementLines(String text) {
        List<Long> out = new ArrayList<>();
        long line = 1;
        int depth = 0;
        boolean inString = false;
        boolean expectElement = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                continue;
            }
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            if (depth == 1 && expectElement && c != ']') {
                out.add(line);
                expectElement = false;
            }
            switch (c) {
                case '"' -> inString = true;
                case '[', '{' -> {
                    depth++;
                    if (depth == 1) {
                        expectElement = true;
                    }
                }
                case ']', '}' -> depth--;
                case ',' -> expectElement = depth == 1;
                default -> {
                }
            }
        }
        return out;
    }
}
