package io.fdbench.bench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one place that writes result files. Policy: <b>an existing file is never overwritten</b>.
 *
 * <p>A result set is a group of files sharing a stem, e.g. {@code kernel.csv} and
 * {@code kernel-env.csv}. If any file of the group already exists, the whole group gets a
 * timestamped stem, {@code kernel-20250601-142233.csv} / {@code kernel-20250601-142233-env.csv},
 * then {@code -2}, {@code -3}, ... if that exists too; the chosen names are printed by the caller.
 *
 * <p>Each name is first reserved with an exclusive create (atomic, so two concurrent runs never
 * pick the same name), the content is written to a temp file in the same folder and moved over the
 * reservation with {@code ATOMIC_MOVE}: readers see either nothing or the whole file. On failure
 * the reservations and temp files are removed.
 */
public final class ResultFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Clock clock;

    public ResultFiles() {
        this(Clock.systemDefaultZone());
    }

    /** With a fixed clock, for tests of the timestamped names. */
    public ResultFiles(Clock clock) {
        this.clock = clock;
    }

    /**
     * Writes {@code suffix → text} files named {@code stem + suffix} into {@code dir} (created if
     * missing) and returns the paths written, in the same order.
     */
    public Map<String, Path> write(Path dir, String stem, Map<String, String> contentBySuffix) throws IOException {
        return write(dir, stem, List.copyOf(contentBySuffix.keySet()), paths -> contentBySuffix);
    }

    /**
     * Like {@link #write(Path, String, Map)}, but the content is computed once the names are
     * reserved, so a file can mention its siblings' final names.
     */
    public Map<String, Path> write(Path dir, String stem, List<String> suffixes,
                                   Function<Map<String, Path>, Map<String, String>> content) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> reserved = reserve(dir, stem, suffixes);
        List<Path> temps = new ArrayList<>();
        boolean ok = false;
        try {
            Map<String, String> texts = content.apply(Collections.unmodifiableMap(reserved));
            for (String suffix : suffixes) {
                Path target = reserved.get(suffix);
                String text = texts.get(suffix);
                if (text == null) {
                    throw new IllegalArgumentException("no content for " + target.getFileName());
                }
                replacePlaceholder(dir, target, text.getBytes(StandardCharsets.UTF_8), temps);
            }
            ok = true;
            return reserved;
        } finally {
            if (!ok) {
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
                for (Path p : reserved.values()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A single binary file (a plot) under the same policy: never overwrites, written atomically. */
    public Path write(Path dir, String stem, String suffix, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path target = reserve(dir, stem, List.of(suffix)).get(suffix);
        List<Path> temps = new ArrayList<>();
        boolean ok = false;
        try {
            replacePlaceholder(dir, target, content, temps);
            ok = true;
            return target;
        } finally {
            if (!ok) {
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
                Files.deleteIfExists(target);
            }
        }
    }

    /**
     * Writes the content to a temp file beside the reserved (empty) target and moves it over the
     * target atomically: this replaces only the placeholder reserved a moment ago.
     */
    private static void replacePlaceholder(Path dir, Path target, byte[] content, List<Path> temps)
            throws IOException {
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        temps.add(tmp);
        Files.write(tmp, content);
        copyPermissions(target, tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Convenience for a single file: writes {@code dir/stem+suffix} under the same policy. */
    public Path write(Path dir, String stem, String suffix, String content) throws IOException {
        return write(dir, stem, Map.of(suffix, content)).get(suffix);
    }

    /** Temp files are private (0600); give the result the permissions a plain create got (umask). */
    private static void copyPermissions(Path from, Path to) throws IOException {
        if (Files.getFileStore(from).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        }
    }

    private Map<String, Path> reserve(Path dir, String stem, List<String> suffixes) throws IOException {
        String stamp = LocalDateTime.now(clock).format(STAMP);
        for (int attempt = 0; attempt < 1000; attempt++) {
            String s = attempt == 0 ? stem : attempt == 1 ? stem + "-" + stamp : stem + "-" + stamp + "-" + attempt;
            Map<String, Path> got = tryReserve(dir, s, suffixes);
            if (got != null) {
                return got;
            }
        }
        throw new IOException("no free file name for " + stem + " in " + dir);
    }

    private static Map<String, Path> tryReserve(Path dir, String stem, List<String> suffixes) throws IOException {
        Map<String, Path> got = new LinkedHashMap<>();
        for (String suffix : suffixes) {
            Path p = dir.resolve(stem + suffix);
            try {
                Files.createFile(p);
                got.put(suffix, p);
            } catch (FileAlreadyExistsException e) {
                for (Path q : got.values()) {
                    Files.deleteIfExists(q);
                }
                return null;
            }
        }
        return got;
    }
}
