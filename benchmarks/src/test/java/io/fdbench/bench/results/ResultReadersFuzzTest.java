package io.fdbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the result readers ({@link Csv#parse}, {@link JmhCsv#parse},
 * {@link JmhCsv#read}) over mutations of the committed {@code results/*.csv}: characters that
 * matter to CSV (quotes, commas, line ends, a byte-order mark) inserted, text deleted, lines
 * dropped, duplicated or swapped, cells replaced by edge values (empty, {@code 1,5}, {@code NaN},
 * huge numbers), truncation, and for files bit flips and random bytes. Every input must either
 * load or raise the reader's own exception, never another one (a {@link NumberFormatException}
 * or an index error escaping, say).
 *
 * <p>The readers' own exception is {@link IllegalArgumentException} itself (not a subclass from
 * elsewhere such as {@link NumberFormatException}) or any exception type of this package. Each
 * case is derived from {@code SEED + case number} and a failure names it, so it repeats.
 */
class ResultReadersFuzzTest {

    private static final long SEED = 20_241_123L;
    private static final int TEXT_CASES = 3000;
    private static final int FILE_CASES = 300;
    private static final String[] INSERTS = {"\"", ",", "\r", "\n", "\r\n", "\uFEFF", "\"\"", " ", "x", "0", ".",
        "-", "E", "é", "\u0000"};
    private static final String[] CELLS = {"", "NaN", "1,5", "-", "1e999", "-1e-999", "0x10", " 1 ", "\"",
        "Infinity", "+", "1.2.3", "99999999999999999999999", "Param: x", "Score", "\"a,b\""};

    private static final List<String> SEEDS = new ArrayList<>();
    private static final List<String> NAMES = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void seeds() throws IOException {
        List<Path> runs = CommittedRunsTest.committedRuns();
        assertTrue(!runs.isEmpty(), "no committed runs found from " + Path.of("").toAbsolutePath());
        // The committed runs (not the local runs of this machine).
        for (Path run : runs) {
            try (Stream<Path> files = Files.walk(run, 2)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    // long files are cut to their first lines (whole records) to keep each case fast
                    String[] lines = text.split("(?<=\n)");
                    SEEDS.add(String.join("", Arrays.copyOf(lines, Math.min(lines.length, 12))));
                    NAMES.add(f.getFileName().toString());
                }
            }
        }
        assertTrue(SEEDS.size() >= 10, "seeds: " + NAMES);
    }

    @Test
    void seedsLoad() {
        int jmh = 0;
        for (int i = 0; i < SEEDS.size(); i++) {
            Csv.parse(SEEDS.get(i));
            try {
                JmhCsv.parse(SEEDS.get(i));
                jmh++;
            } catch (IllegalArgumentException e) {
                // post-processed files (derived columns) are not plain JMH files
            }
        }
        assertTrue(jmh >= 3, "plain JMH seeds: " + jmh);
    }

    @Test
    void csvParseLoadsOrRaisesItsOwnException() {
        fuzzText("Csv.parse", Csv::parse, true);
    }

    @Test
    void jmhCsvParseLoadsOrRaisesItsOwnException() {
        fuzzText("JmhCsv.parse", JmhCsv::parse, false);
    }

    @Test
    void jmhCsvParseMessagesAreOneLine() {
        fuzzText("JmhCsv.parse", JmhCsv::parse, true);
    }

    /** What JMH's own writer makes of a table the reader accepted reads back as the same table. */
    @Test
    void jmhCsvTablesThatLoadRoundTrip() {
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        for (int c = 0; c < TEXT_CASES; c++) {
            Random rnd = new Random(SEED + c);
            int s = rnd.nextInt(SEEDS.size());
            Mutated m = mutateText(SEEDS.get(s), rnd);
            CsvTable t;
            try {
                t = JmhCsv.parse(m.text);
            } catch (RuntimeException e) {
                continue;
            }
            loaded++;
            try {
                CsvTable again = JmhCsv.parse(JmhCsv.format(t));
                if (!again.equals(t)) {
                    failures.add(describe(c, s, m) + ": read back differently");
                }
            } catch (RuntimeException e) {
                failures.add(describe(c, s, m) + ": written table does not read back: " + e);
            }
        }
        assertNoFailures(failures);
        assertTrue(loaded > TEXT_CASES / 50, "only " + loaded + " mutated inputs loaded");
    }

    @Test
    void jmhCsvReadOfMutatedTextFilesLoadsOrRaisesItsOwnException() throws IOException {
        fuzzFiles(false);
    }

    @Test
    void jmhCsvReadOfFilesWithFlippedBitsLoadsOrRaisesItsOwnException() throws IOException {
        fuzzFiles(true);
    }

    /** JmhCsv.read on files of mutated text, or of the seeds' UTF-8 bytes with bits flipped. */
    private void fuzzFiles(boolean flipBits) throws IOException {
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < FILE_CASES; c++) {
            Random rnd = new Random(SEED + 1_000_000 + c);
            int s = rnd.nextInt(SEEDS.size());
            byte[] bytes;
            String description;
            if (flipBits) {
                bytes = SEEDS.get(s).getBytes(StandardCharsets.UTF_8);
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                description = n + " bit flips";
            } else {
                Mutated m = mutateText(SEEDS.get(s), rnd);
                bytes = m.text.getBytes(StandardCharsets.UTF_8);
                description = m.description;
            }
            Path f = Files.write(dir.resolve("case-" + c + ".csv"), bytes);
            String what = "file case " + c + " (" + NAMES.get(s) + ", " + description + ")";
            try {
                JmhCsv.read(f);
            } catch (Exception e) {
                if (!isOwn(e)) {
                    failures.add(what + ": foreign " + e);
                }
            } finally {
                Files.delete(f);
            }
        }
        assertNoFailures(failures);
    }

    // ---------------------------------------------------------------- the property

    /**
     * Runs {@code parse} on the mutated texts: each loads (rows as wide as the header) or throws
     * the reader's own exception, with a one-line message when {@code oneLine} is set.
     */
    private static void fuzzText(String reader, Function<String, CsvTable> parse, boolean oneLine) {
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        int rejected = 0;
        for (int c = 0; c < TEXT_CASES; c++) {
            Random rnd = new Random(SEED + c);
            int s = rnd.nextInt(SEEDS.size());
            Mutated m = mutateText(SEEDS.get(s), rnd);
            try {
                CsvTable t = parse.apply(m.text);
                loaded++;
                for (List<String> row : t.rows()) {
                    assertEquals(t.header().size(), row.size(), describe(c, s, m));
                }
            } catch (Exception e) {
                if (!isOwn(e)) {
                    failures.add(reader + " " + describe(c, s, m) + ": foreign " + e);
                } else if (oneLine && (e.getMessage() == null || e.getMessage().contains("\n")
                        || e.getMessage().contains("\r"))) {
                    failures.add(reader + " " + describe(c, s, m) + ": message not one line: " + e.getMessage());
                } else {
                    rejected++;
                }
            }
        }
        assertNoFailures(failures);
        assertTrue(loaded > TEXT_CASES / 50 && rejected > TEXT_CASES / 50,
                reader + ": loaded " + loaded + ", rejected " + rejected);
    }

    /** The reader's own exception: IllegalArgumentException itself, or a type of this package. */
    private static boolean isOwn(Throwable t) {
        return t.getClass() == IllegalArgumentException.class
                || t.getClass().getPackageName().equals(Csv.class.getPackageName());
    }

    // ---------------------------------------------------------------- mutations

    private record Mutated(String text, String description) {
    }

    private static Mutated mutateText(String seed, Random rnd) {
        int rounds = 1 + (rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 0);
        String text = seed;
        StringBuilder d = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
            Mutated m = mutateOnce(text, rnd);
            text = m.text;
            d.append(r == 0 ? "" : "; ").append(m.description);
        }
        return new Mutated(text, d.toString());
    }

    private static Mutated mutateOnce(String text, Random rnd) {
        if (text.isEmpty()) {
            return new Mutated("\"", "a lone quote");
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("(?<=\n)")));
        switch (rnd.nextInt(8)) {
            case 0: {
                int at = rnd.nextInt(text.length() + 1);
                String s = INSERTS[rnd.nextInt(INSERTS.length)];
                return new Mutated(text.substring(0, at) + s + text.substring(at), "inserted " + escape(s) + " at " + at);
            }
            case 1: {
                int at = rnd.nextInt(text.length());
                int n = Math.min(text.length() - at, 1 + rnd.nextInt(8));
                return new Mutated(text.substring(0, at) + text.substring(at + n), "deleted " + n + " at " + at);
            }
            case 2: {
                int len = rnd.nextInt(text.length());
                return new Mutated(text.substring(0, len), "truncated to " + len);
            }
            case 3: {
                int i = rnd.nextInt(lines.size());
                String op;
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        lines.remove(i);
                        op = "dropped line ";
                    }
                    case 1 -> {
                        lines.add(i, lines.get(i));
                        op = "duplicated line ";
                    }
                    default -> {
                        int j = rnd.nextInt(lines.size());
                        String t = lines.get(i);
                        lines.set(i, lines.get(j));
                        lines.set(j, t);
                        op = "swapped with line " + j + " line ";
                    }
                }
                return new Mutated(String.join("", lines), op + i);
            }
            case 4, 5: {
                int i = rnd.nextInt(lines.size());
                String line = lines.get(i);
                String[] cells = line.split(",", -1);
                int k = rnd.nextInt(cells.length);
                String v = CELLS[rnd.nextInt(CELLS.length)];
                String end = k == cells.length - 1 ? trailingEol(cells[k]) : "";
                cells[k] = v + end;
                lines.set(i, String.join(",", cells));
                return new Mutated(String.join("", lines), "line " + i + " cell " + k + " = " + escape(v));
            }
            case 6: {
                int i = rnd.nextInt(lines.size());
                String line = lines.get(i);
                String eol = trailingEol(line);
                String body = line.substring(0, line.length() - eol.length());
                String changed = rnd.nextBoolean() ? body + ",extra" : body.replaceFirst(",[^,]*$", "");
                lines.set(i, changed + eol);
                return new Mutated(String.join("", lines), "line " + i + " width changed");
            }
            default: {
                char[] chars = text.toCharArray();
                int n = 1 + rnd.nextInt(3);
                for (int k = 0; k < n; k++) {
                    chars[rnd.nextInt(chars.length)] = (char) rnd.nextInt(128);
                }
                return new Mutated(new String(chars), n + " random ASCII characters");
            }
        }
    }

    private static String trailingEol(String s) {
        return s.endsWith("\r\n") ? "\r\n" : s.endsWith("\n") ? "\n" : s.endsWith("\r") ? "\r" : "";
    }

    private static String escape(String s) {
        return "'" + s.replace("\r", "\\r").replace("\n", "\\n").replace("\uFEFF", "\\uFEFF").replace("\u0000", "\\0")
                + "'";
    }

    private static String describe(int c, int s, Mutated m) {
        return "case " + c + " (" + NAMES.get(s) + ", " + m.description + ")";
    }

    private static void assertNoFailures(List<String> failures) {
        assertTrue(failures.isEmpty(), () -> failures.size() + " inputs failed; first ones:\n  "
                + String.join("\n  ", failures.subList(0, Math.min(10, failures.size()))));
    }
}
