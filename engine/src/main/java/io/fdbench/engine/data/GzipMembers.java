package io.fdbench.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict gzip decoder (RFC 1952): one or more members, each with its CRC-32 and length checked;
 * anything after the last member that is not another member is an error, where
 * {@link java.util.zip.GZIPInputStream} silently drops it. Every problem is an
 * {@link IdxFormatException} naming the source. Closing ends the inflater but leaves the
 * underlying stream open.
 */
final class GzipMembers extends InputStream {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;
    /** Trailing bytes are counted up to this many, for the message. */
    private static final long COUNT_LIMIT = 64L << 20;

    private final InputStream in;
    private final String source;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final CRC32 headerCrc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private final byte[] one = new byte[1];
    private int pos;
    private int end;
    private boolean inMember;
    private boolean finished;
    private int members;
    private long memberBytes;

    GzipMembers(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!finished) {
            if (!inMember) {
                if (!startMember()) {
                    finished = true;
                    break;
                }
                continue;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw corrupt(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                int remaining = inflater.getRemaining();
                pos = end - remaining;
                readTrailer();
                inMember = false;
            } else if (inflater.needsDictionary()) {
                throw corrupt("deflate data asks for a preset dictionary");
            } else if (inflater.needsInput()) {
                if (!fill()) {
                    throw corrupt("unexpected end of file inside gzip member " + members);
                }
                inflater.setInput(buf, pos, end - pos);
                pos = end;
            } else {
                throw corrupt("deflate decoder made no progress");
            }
        }
        return -1;
    }

    @Override
    public void close() {
        inflater.end();
    }

    /** Reads a member header; false at a clean end of input after at least one member. */
    private boolean startMember() throws IOException {
        int id1 = nextByte();
        if (id1 < 0) {
            if (members == 0) {
                throw corrupt("empty input");
            }
            return false;
        }
        int id2 = nextByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            if (members == 0) {
                throw corrupt("not in gzip format");
            }
            long trailing = 1 + (id2 < 0 ? 0 : 1) + countRest();
            throw new IdxFormatException(source, (trailing > COUNT_LIMIT ? "more than " + COUNT_LIMIT : trailing)
                    + " bytes of trailing garbage after the gzip data (expected end of file or another gzip member)");
        }
        headerCrc.reset();
        headerCrc.update(id1);
        headerCrc.update(id2);
        int method = headerByte();
        if (method != 8) {
            throw corrupt("unsupported compression method " + method + " in member " + (members + 1));
        }
        int flags = headerByte();
        if ((flags & RESERVED) != 0) {
            throw corrupt("reserved header flags set in member " + (members + 1));
        }
        for (int i = 0; i < 6; i++) { // modification time, extra flags, operating system
            headerByte();
        }
        if ((flags & FEXTRA) != 0) {
            int xlen = headerByte() | (headerByte() << 8);
            for (int i = 0; i < xlen; i++) {
                headerByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (headerByte() != 0) {
                // skip the zero-terminated original file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (headerByte() != 0) {
                // skip the zero-terminated comment
            }
        }
        if ((flags & FHCRC) != 0) {
            int expected = (int) (headerCrc.getValue() & 0xFFFF);
            int stored = headerByte() | (headerByte() << 8);
            if (stored != expected) {
                throw corrupt("header checksum mismatch in member " + (members + 1));
            }
        }
        members++;
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inMember = true;
        return true;
    }

    private void readTrailer() throws IOException {
        long storedCrc = trailerInt();
        long storedSize = trailerInt();
        if (storedCrc != crc.getValue()) {
            throw corrupt("CRC-32 mismatch in member " + members + " (the data is damaged)");
        }
        if (storedSize != (memberBytes & 0xFFFFFFFFL)) {
            throw corrupt("length mismatch in member " + members + ": trailer says " + storedSize
                    + " bytes, inflated " + memberBytes);
        }
    }

    private long trailerInt() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int b = nextByte();
            if (b < 0) {
                throw corrupt("unexpected end of file in the trailer of member " + members);
            }
            v |= (long) b << (8 * i);
        }
        return v;
    }

    private int headerByte() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw corrupt("unexpected end of file in the header of member " + (members + 1));
        }
        headerCrc.update(b);
        return b;
    }

    private int nextByte() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /** Refills the buffer if empty; false at end of input. */
    private boolean fill() throws IOException {
        if (pos < end) {
            return true;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            pos = end = 0;
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    /** Counts what is left, up to just past {@link #COUNT_LIMIT}. */
    private long countRest() throws IOException {
        long n = end - pos;
        pos = end;
        while (n <= COUNT_LIMIT) {
            int r = in.read(buf, 0, buf.length);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private IdxFormatException corrupt(String detail) {
        return new IdxFormatException(source, "corrupt or truncated gzip data (" + detail + ")");
    }
}
