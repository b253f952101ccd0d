package io.fdbench.bench.results;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 records one at a time: quoted cells with doubled quotes, commas and line breaks
 * inside quotes, CRLF, LF or CR line ends, an optional UTF-8 byte-order mark, blank lines skipped.
 * Memory stays bounded by one record, so a file of any size can be streamed; a record longer than
 * {@link #MAX_RECORD_CHARS} is refused (what a binary file without line breaks looks like).
 *
 * <p>Format problems are {@link IllegalArgumentException}s whose message starts with
 * {@code line N:}, the line the record starts on: an unterminated quote, a NUL character (a
 * binary file), a record that is too long, and, for files, bytes that are not UTF-8.
 * Read failures stay {@link IOException}s.
 */
public final class CsvReader implements Closeable {

    /** The longest record accepted, in characters; result rows are a few hundred. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    private static final int BUFFER = 1 << 16;

    /** Where characters come from: a {@link Reader}, or bytes through a strict UTF-8 decoder. */
    private interface Source extends Closeable {
        /** Fills {@code buf} from 0; the number of chars, or -1 at the end. */
        int fill(char[] buf) throws IOException;
    }

    private final Source in;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int len;
    private boolean eof;
    private boolean started;
    private long line = 1;
    private long recordLine;

    public CsvReader(Reader reader) {
        this.in = new Source() {
            @Override
            public int fill(char[] b) throws IOException {
                return reader.read(b, 0, b.length);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private CsvReader(Source in) {
        this.in = in;
    }

    /**
     * Reads a file as strict UTF-8: a byte sequence that is not UTF-8 is an error naming its line
     * and byte offset, never a silent U+FFFD.
     */
    public static CsvReader open(Path file) throws IOException {
        return new CsvReader(new Utf8Source(Files.newInputStream(file)));
    }

    /** All records of a text (for small in-memory CSV). */
    public static List<List<String>> records(String text) {
        try (CsvReader r = new CsvReader(new StringReader(text))) {
            List<List<String>> out = new ArrayList<>();
            for (List<String> rec = r.next(); rec != null; rec = r.next()) {
                out.add(rec);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
    }

    /** The line the last record returned by {@link #next} starts on (1-based). */
    public long line() {
        return recordLine;
    }

    /** The next record, or null at the end. */
    public List<String> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                pos++;
            }
        }
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        long chars = 0;
        recordLine = line;
        while (true) {
            int c = read();
            if (c < 0) {
                if (quoted) {
                    throw new IllegalArgumentException("line " + recordLine + ": unterminated quoted cell at the end");
                }
                if (any || cell.length() > 0) {
                    record.add(cell.toString());
                    return record;
                }
                return null;
            }
            char ch = (char) c;
            if (ch == '\0') {
                throw new IllegalArgumentException("line " + line + ": a NUL character (a binary file?)");
            }
            if (++chars > MAX_RECORD_CHARS) {
                throw new IllegalArgumentException("line " + recordLine + ": a record longer than "
                        + MAX_RECORD_CHARS + " characters (a binary file?)");
            }
            if (quoted) {
                if (ch == '"') {
                    if (peek() == '"') {
                        pos++;
                        cell.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n' || (ch == '\r' && peek() != '\n')) {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && peek() == '\n') {
                    pos++;
                }
                line++;
                if (any || cell.length() > 0) {
                    record.add(cell.toString());
                    return record;
                }
                recordLine = line; // a blank line: the record starts later
                chars = 0;
            } else {
                cell.append(ch);
                any = true;
            }
        }
    }

    private int read() throws IOException {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos >= len && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        try {
            n = in.fill(buf);
        } catch (NotUtf8 e) {
            throw new IllegalArgumentException("line " + line + ": not UTF-8 text (byte offset " + e.offset
                    + "; save the file as UTF-8)");
        }
        if (n <= 0) {
            eof = true;
            len = 0;
            pos = 0;
            return false;
        }
        len = n;
        pos = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Thrown by {@link Utf8Source} once every char before the bad bytes has been delivered. */
    private static final class NotUtf8 extends IOException {
        private static final long serialVersionUID = 1L;
        final long offset;

        NotUtf8(long offset) {
            super("not UTF-8 at byte " + offset);
            this.offset = offset;
        }
    }

    /** Bytes decoded as UTF-8 by hand, so the chars before a malformed sequence still arrive first. */
    private static final class Utf8Source implements Source {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
        private long consumed;
        private boolean end;
        private boolean flushed;
        private long badAt = -1;

        Utf8Source(InputStream in) {
            this.in = in;
            bytes.flip();
        }

        @Override
        public int fill(char[] b) throws IOException {
            if (badAt >= 0) {
                throw new NotUtf8(badAt);
            }
            CharBuffer out = CharBuffer.wrap(b);
            while (out.position() == 0) {
                if (!end && bytes.remaining() < 4) {
                    bytes.compact();
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        end = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                    bytes.flip();
                }
                int before = bytes.position();
                CoderResult r = decoder.decode(bytes, out, end);
                consumed += bytes.position() - before;
                if (r.isError()) {
                    badAt = consumed;
                    if (out.position() == 0) {
                        throw new NotUtf8(badAt);
                    }
                    break;
                }
                if (end && !bytes.hasRemaining()) {
                    if (!flushed) {
                        decoder.flush(out);
                        flushed = true;
                    }
                    if (out.position() == 0) {
                        return -1;
                    }
                    break;
                }
                if (r.isOverflow()) {
                    break;
                }
            }
            return out.position();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
