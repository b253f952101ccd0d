package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.engine.memory.HeapBudget;
import io.fdbench.engine.memory.InsufficientHeapException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the IDX reader over mutated slices of the embedded MNIST-10k files (raw and
 * gzip) and the embedded label file itself: bit flips, byte changes, truncation, insertion,
 * deletion, header fields set to edge values, gzip members split or concatenated, trailing junk.
 * Every input must either load or raise the reader's own exception ({@link IdxFormatException},
 * or {@link InsufficientHeapException} for a header claiming more than the heap), with a
 * one-line message naming the source; never anything else. Inputs that are valid by
 * construction (a file split into several gzip members) must load to the original content.
 *
 * <p>Each case is derived from {@code SEED + case number}, and a failure names the case and its
 * mutations, so any failure repeats.
 */
class IdxFuzzTest {

    private static final long SEED = 20_241_123L;
    private static final int STREAM_CASES = 4000;
    private static final int FILE_CASES = 300;
    private static final int FOLDER_CASES = 120;
    /** The fuzzed reader's heap: a header may claim up to 2 GB, which this budget refuses. */
    private static final HeapBudget BUDGET = HeapBudget.fixed(256L << 20, 0);

    /** Seeds: raw IDX bytes, their kind, and gzip or not. */
    private record Seed(String name, Idx.Kind kind, byte[] raw, boolean gzip, byte[] encoded) {
    }

    private enum Outcome { LOADED, FORMAT_ERROR, HEAP_REFUSED }

    private static final List<Seed> SEEDS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void seeds() throws IOException {
        byte[] images = IdxBytes.gunzip(IdxBytes.embedded("t10k-images-idx3-ubyte.gz"));
        byte[] labelsGz = IdxBytes.embedded("t10k-labels-idx1-ubyte.gz");
        byte[] labels = IdxBytes.gunzip(labelsGz);
        byte[] imageSlice = slice(images, Idx.Kind.IMAGES, 12, 28 * 28);
        byte[] labelSlice = slice(labels, Idx.Kind.LABELS, 12, 1);
        byte[] longLabels = slice(labels, Idx.Kind.LABELS, 400, 1);
        for (boolean gz : new boolean[] {false, true}) {
            SEEDS.add(new Seed("images[12]", Idx.Kind.IMAGES, imageSlice, gz, gz ? IdxBytes.gzip(imageSlice) : imageSlice));
            SEEDS.add(new Seed("labels[12]", Idx.Kind.LABELS, labelSlice, gz, gz ? IdxBytes.gzip(labelSlice) : labelSlice));
            SEEDS.add(new Seed("labels[400]", Idx.Kind.LABELS, longLabels, gz, gz ? IdxBytes.gzip(longLabels) : longLabels));
        }
        // the embedded label file as shipped (its own gzip header fields), 2,000 labels
        SEEDS.add(new Seed("t10k-labels-idx1-ubyte.gz", Idx.Kind.LABELS, labels, true, labelsGz));
    }

    /** The first {@code count} items of an IDX file, re-encoded with a header saying so. */
    private static byte[] slice(byte[] raw, Idx.Kind kind, int count, int itemBytes) {
        int header = kind.headerBytes();
        byte[] out = Arrays.copyOf(raw, header + count * itemBytes);
        ByteBuffer.wrap(out).putInt(4, count);
        return out;
    }

    // ---------------------------------------------------------------- the properties

    @Test
    void streamsEitherLoadOrRaiseTheReadersOwnException() {
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        List<String> failures = new ArrayList<>();
        int validByConstruction = 0;
        for (int c = 0; c < STREAM_CASES; c++) {
            Random rnd = new Random(SEED + c);
            Seed seed = SEEDS.get(rnd.nextInt(SEEDS.size()));
            Mutation m = mutate(seed, rnd);
            Idx.Kind asKind = rnd.nextInt(8) == 0 ? other(seed.kind) : seed.kind;
            String source = "case-" + c;
            String what = "case " + c + " (" + seed.name + (seed.gzip ? " gzip" : " raw") + ", " + m.description
                    + ", read as " + asKind + ")";
            try {
                Object loaded = asKind == Idx.Kind.IMAGES
                        ? Idx.readImages(new ByteArrayInputStream(m.bytes), source, BUDGET)
                        : Idx.readLabels(new ByteArrayInputStream(m.bytes), source, Idx.DEFAULT_CLASSES, BUDGET);
                outcomes.merge(Outcome.LOADED, 1, Integer::sum);
                if (m.valid && asKind == seed.kind) {
                    validByConstruction++;
                    assertSameContent(seed, loaded, what);
                }
            } catch (IdxFormatException e) {
                outcomes.merge(Outcome.FORMAT_ERROR, 1, Integer::sum);
                checkMessage(e, source, what, failures);
                if (m.valid && asKind == seed.kind) {
                    failures.add(what + ": a valid input was rejected: " + e.getMessage());
                }
            } catch (InsufficientHeapException e) {
                outcomes.merge(Outcome.HEAP_REFUSED, 1, Integer::sum);
                checkMessage(e, source, what, failures);
            } catch (Throwable t) {
                failures.add(what + ": foreign " + t);
            }
        }
        assertNoFailures(failures);
        int loaded = outcomes.getOrDefault(Outcome.LOADED, 0);
        // the generator must produce all three outcomes in quantity, or it tests little
        assertTrue(loaded > STREAM_CASES / 20, "only " + loaded + " inputs loaded: " + outcomes);
        assertTrue(outcomes.getOrDefault(Outcome.FORMAT_ERROR, 0) > STREAM_CASES / 2, outcomes::toString);
        assertTrue(outcomes.getOrDefault(Outcome.HEAP_REFUSED, 0) > STREAM_CASES / 200, outcomes::toString);
        assertTrue(validByConstruction > STREAM_CASES / 50, "valid-by-construction cases: " + validByConstruction);
    }

    @Test
    void filesEitherLoadOrRaiseTheReadersOwnException() throws IOException {
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < FILE_CASES; c++) {
            Random rnd = new Random(SEED + 1_000_000 + c);
            Seed seed = SEEDS.get(rnd.nextInt(SEEDS.size()));
            Mutation m = mutate(seed, rnd);
            String name = "file-" + c;
            Path f = IdxBytes.write(dir, name, m.bytes);
            String what = "file case " + c + " (" + seed.name + (seed.gzip ? " gzip" : " raw") + ", " + m.description + ")";
            try {
                Idx.Header h = Idx.readHeader(f, seed.kind);
                Object loaded = seed.kind == Idx.Kind.IMAGES ? Idx.readImages(f, BUDGET)
                        : Idx.readLabels(f, Idx.DEFAULT_CLASSES, BUDGET);
                int count = loaded instanceof Idx.Images i ? i.count() : ((Idx.Labels) loaded).count();
                if (count != h.count()) {
                    failures.add(what + ": header says " + h.count() + ", loaded " + count);
                }
                if (m.valid) {
                    assertSameContent(seed, loaded, what);
                }
            } catch (IdxFormatException e) {
                checkMessage(e, name, what, failures);
            } catch (InsufficientHeapException e) {
                checkMessage(e, name, what, failures);
            } catch (Throwable t) {
                failures.add(what + ": foreign " + t);
            } finally {
                Files.delete(f);
            }
        }
        assertNoFailures(failures);
    }

    @Test
    void foldersEitherLoadOrRaiseTheReadersOwnException() throws IOException {
        byte[] imagesRaw = null;
        byte[] labelsRaw = null;
        for (Seed s : SEEDS) {
            if (!s.gzip && s.name.equals("images[12]")) {
                imagesRaw = s.raw;
            } else if (!s.gzip && s.name.equals("labels[12]")) {
                labelsRaw = s.raw;
            }
        }
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        for (int c = 0; c < FOLDER_CASES; c++) {
            Random rnd = new Random(SEED + 2_000_000 + c);
            Path folder = Files.createDirectory(dir.resolve("folder-" + c));
            MnistData.Part victim = MnistData.Part.values()[rnd.nextInt(4)];
            String description = "";
            for (MnistData.Part p : MnistData.Part.values()) {
                boolean images = p == MnistData.Part.TRAIN_IMAGES || p == MnistData.Part.TEST_IMAGES;
                byte[] raw = images ? imagesRaw : labelsRaw;
                boolean gz = rnd.nextBoolean();
                Seed seed = new Seed(p.canonicalName(), images ? Idx.Kind.IMAGES : Idx.Kind.LABELS, raw, gz,
                        gz ? IdxBytes.gzip(raw) : raw);
                byte[] content = seed.encoded;
                if (p == victim) {
                    Mutation m = mutate(seed, rnd);
                    content = m.bytes;
                    description = p.canonicalName() + (gz ? ".gz " : " ") + m.description;
                }
                IdxBytes.write(folder, p.candidateNames().get(gz ? 0 : 1), content);
                if (rnd.nextInt(10) == 0) { // a second copy under the other name, same content or the original
                    IdxBytes.write(folder, p.candidateNames().get(gz ? 1 : 0), rnd.nextBoolean() ? content : raw);
                    description += ", second copy of " + p.canonicalName();
                }
            }
            String what = "folder case " + c + " (" + description + ")";
            try {
                MnistData.fromFolder(folder, BUDGET);
                loaded++;
            } catch (IdxFormatException | InsufficientHeapException e) {
                if (e.getMessage() == null || e.getMessage().contains("\n")) {
                    failures.add(what + ": message not one line: " + e.getMessage());
                }
            } catch (Throwable t) {
                failures.add(what + ": foreign " + t);
            }
        }
        assertNoFailures(failures);
        assertTrue(loaded > 0, "no folder loaded");
    }

    // ---------------------------------------------------------------- mutations

    /** Mutated bytes, what was done, and whether the result is valid by construction. */
    private record Mutation(byte[] bytes, String description, boolean valid) {
    }

    private static Mutation mutate(Seed seed, Random rnd) {
        int kind = rnd.nextInt(10);
        return switch (kind) {
            case 0 -> bitFlips(seed.encoded, rnd);
            case 1 -> byteChanges(seed.encoded, rnd);
            case 2 -> truncate(seed.encoded, rnd);
            case 3 -> insert(seed.encoded, rnd);
            case 4 -> delete(seed.encoded, rnd);
            case 5, 6 -> headerField(seed, rnd);
            case 7 -> members(seed, rnd);
            case 8 -> trailing(seed.encoded, rnd);
            default -> {
                Mutation a = headerField(seed, rnd);
                Mutation b = rnd.nextBoolean() ? bitFlips(a.bytes, rnd) : trailing(a.bytes, rnd);
                yield new Mutation(b.bytes, a.description + " then " + b.description, false);
            }
        };
    }

    private static Mutation bitFlips(byte[] in, Random rnd) {
        byte[] out = in.clone();
        int n = 1 + rnd.nextInt(4);
        StringBuilder d = new StringBuilder("bit flips at");
        for (int i = 0; i < n; i++) {
            int p = pick(out.length, rnd);
            int bit = rnd.nextInt(8);
            out[p] ^= (byte) (1 << bit);
            d.append(' ').append(p).append('.').append(bit);
        }
        return new Mutation(out, d.toString(), false);
    }

    private static Mutation byteChanges(byte[] in, Random rnd) {
        byte[] out = in.clone();
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            out[pick(out.length, rnd)] = (byte) rnd.nextInt(256);
        }
        return new Mutation(out, n + " random bytes", false);
    }

    private static Mutation truncate(byte[] in, Random rnd) {
        int len = rnd.nextInt(in.length);
        return new Mutation(Arrays.copyOf(in, len), "truncated to " + len, false);
    }

    private static Mutation insert(byte[] in, Random rnd) {
        int at = rnd.nextInt(in.length + 1);
        byte[] extra = randomBytes(1 + rnd.nextInt(16), rnd);
        byte[] out = new byte[in.length + extra.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(in, at, out, at + extra.length, in.length - at);
        return new Mutation(out, extra.length + " bytes inserted at " + at, false);
    }

    private static Mutation delete(byte[] in, Random rnd) {
        int at = rnd.nextInt(in.length);
        int n = Math.min(in.length - at, 1 + rnd.nextInt(16));
        byte[] out = new byte[in.length - n];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + n, out, at, in.length - at - n);
        return new Mutation(out, n + " bytes deleted at " + at, false);
    }

    /** A header field (magic bytes, count, rows, columns) set to an edge value, then re-encoded. */
    private static Mutation headerField(Seed seed, Random rnd) {
        byte[] raw = seed.raw.clone();
        ByteBuffer b = ByteBuffer.wrap(raw);
        int fields = seed.kind == Idx.Kind.IMAGES ? 4 : 2; // magic, count[, rows, cols]
        int field = rnd.nextInt(fields);
        int old = b.getInt(4 * field);
        int[] edges = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 2_700_000, 60_000, old + 1, old - 1,
            old * 2, rnd.nextInt(), Idx.IMAGES_MAGIC, Idx.LABELS_MAGIC, 0x00000D03, 0x00000802};
        int value = edges[rnd.nextInt(edges.length)];
        b.putInt(4 * field, value);
        String d = "header int " + field + " " + old + " -> " + value;
        return new Mutation(seed.gzip ? IdxBytes.gzip(raw) : raw, d, value == old);
    }

    /** The raw content split into gzip members (valid), or a member of other data appended (invalid). */
    private static Mutation members(Seed seed, Random rnd) {
        if (rnd.nextInt(3) > 0) {
            int parts = 2 + rnd.nextInt(4);
            int[] cuts = new int[parts + 1];
            cuts[parts] = seed.raw.length;
            for (int i = 1; i < parts; i++) {
                cuts[i] = rnd.nextInt(seed.raw.length + 1);
            }
            Arrays.sort(cuts);
            byte[] out = new byte[0];
            for (int i = 0; i < parts; i++) {
                out = IdxBytes.concat(out, IdxBytes.gzip(Arrays.copyOfRange(seed.raw, cuts[i], cuts[i + 1])));
            }
            return new Mutation(out, "split into gzip members at " + Arrays.toString(cuts), true);
        }
        byte[] more = IdxBytes.gzip(randomBytes(1 + rnd.nextInt(64), rnd));
        byte[] base = seed.gzip ? seed.encoded : IdxBytes.gzip(seed.raw);
        return new Mutation(IdxBytes.concat(base, more), "gzip member of " + more.length + " bytes appended", false);
    }

    private static Mutation trailing(byte[] in, Random rnd) {
        byte[] junk = rnd.nextBoolean() ? new byte[1 + rnd.nextInt(64)] : randomBytes(1 + rnd.nextInt(64), rnd);
        return new Mutation(IdxBytes.concat(in, junk), junk.length + " trailing bytes", false);
    }

    /** A position, biased towards the headers where a change matters most. */
    private static int pick(int length, Random rnd) {
        return rnd.nextBoolean() ? rnd.nextInt(Math.min(length, 32)) : rnd.nextInt(length);
    }

    private static byte[] randomBytes(int n, Random rnd) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static Idx.Kind other(Idx.Kind k) {
        return k == Idx.Kind.IMAGES ? Idx.Kind.LABELS : Idx.Kind.IMAGES;
    }

    // ---------------------------------------------------------------- checks

    private static void assertSameContent(Seed seed, Object loaded, String what) {
        int header = seed.kind.headerBytes();
        byte[] expected = Arrays.copyOfRange(seed.raw, header, seed.raw.length);
        byte[] got = loaded instanceof Idx.Images i ? i.pixels() : ((Idx.Labels) loaded).labels();
        assertArrayEquals(expected, got, what + ": loaded different content");
        assertEquals(ByteBuffer.wrap(seed.raw).getInt(4),
                loaded instanceof Idx.Images i ? i.count() : ((Idx.Labels) loaded).count(), what);
    }

    private static void checkMessage(RuntimeException e, String source, String what, List<String> failures) {
        checkMessage(e.getMessage(), source, what, failures);
    }

    private static void checkMessage(IdxFormatException e, String source, String what, List<String> failures) {
        checkMessage(e.getMessage(), source, what, failures);
        if (!source.equals(e.source())) {
            failures.add(what + ": source " + e.source() + ", expected " + source);
        }
    }

    private static void checkMessage(String m, String source, String what, List<String> failures) {
        if (m == null || !m.startsWith(source + ": ") && !m.startsWith(source + " (") || m.contains("\n")) {
            failures.add(what + ": message should be one line starting with " + source + ": " + m);
        }
    }

    private static void assertNoFailures(List<String> failures) {
        assertTrue(failures.isEmpty(), () -> failures.size() + " inputs failed; first ones:\n  "
                + String.join("\n  ", failures.subList(0, Math.min(10, failures.size()))));
    }
}
