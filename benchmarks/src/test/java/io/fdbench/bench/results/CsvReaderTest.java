package io.fdbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming CSV reader: records, line numbers, and what it refuses. */
class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRecordsWithTheLineTheyStartOn() throws IOException {
        String text = "\uFEFFa,b\r\n\"x,1\",\"two\r\nlines\"\n\n\"q\"\"q\",\rlast,";
        try (CsvReader r = new CsvReader(new StringReader(text))) {
            assertEquals(List.of("a", "b"), r.next());
            assertEquals(1, r.line());
            assertEquals(List.of("x,1", "two\r\nlines"), r.next());
            assertEquals(2, r.line());
            assertEquals(List.of("q\"q", ""), r.next());
            assertEquals(5, r.line(), "after a quoted line break and a blank line");
            assertEquals(List.of("last", ""), r.next());
            assertEquals(6, r.line());
            assertNull(r.next());
        }
        assertEquals(CsvReader.records(text), Csv.records(text));
    }

    @Test
    void refusesWhatABinaryFileLooksLike() {
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.records("a,b\r\nc,\0d\r\n"));
        assertTrue(nul.getMessage().startsWith("line 2: a NUL character"), nul.getMessage());
        String endless = "a,b\n" + "x".repeat(CsvReader.MAX_RECORD_CHARS + 1);
        IllegalArgumentException longRecord = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.records(endless));
        assertTrue(longRecord.getMessage().startsWith("line 2: a record longer than"), longRecord.getMessage());
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> CsvReader.records("a\n\"open,b\n"));
        assertTrue(quote.getMessage().startsWith("line 2: unterminated"), quote.getMessage());
    }

    @Test
    void filesAreStrictUtf8AndTheBadLineIsNamed() throws IOException {
        // Multi-byte characters straddle the 64 KiB read buffer and still decode.
        StringBuilder sb = new StringBuilder("name,value\n");
        for (int i = 0; sb.length() < 200_000; i++) {
            sb.append("\u00e9\u20ac").append(i).append(",\uD83D\uDE00\n");
        }
        Path good = dir.resolve("good.csv");
        Files.writeString(good, sb, StandardCharsets.UTF_8);
        int rows = 0;
        try (CsvReader r = CsvReader.open(good)) {
            for (List<String> rec = r.next(); rec != null; rec = r.next()) {
                if (rows++ > 0) {
                    assertEquals("\u00e9\u20ac" + (rows - 2), rec.get(0));
                    assertEquals("\uD83D\uDE00", rec.get(1));
                }
            }
        }
        assertEquals(sb.toString().split("\n").length, rows);

        // A Latin-1 byte far into the file: every line before it is delivered, then the error names its line.
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[text.length + 3];
        System.arraycopy(text, 0, bad, 0, text.length);
        bad[text.length] = 'z';
        bad[text.length + 1] = (byte) 0xE9;
        bad[text.length + 2] = '\n';
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, bad);
        int[] seen = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (CsvReader r = CsvReader.open(latin1)) {
                while (r.next() != null) {
                    seen[0]++;
                }
            }
        });
        assertEquals(rows, seen[0]);
        assertTrue(e.getMessage().startsWith("line " + (rows + 1) + ": not UTF-8 text (byte offset " + (text.length + 1)),
                e.getMessage());
    }
}
