package io.fdbench.bench.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that writes result files. Policy: <b>an existing file is never overwritten, and a
 * reader sees either no file or the whole file</b>, even when the process is killed mid-write.
 *
 * <p>A result set is a group of files sharing a stem, e.g. {@code kernel.csv} and
 * {@code kernel-env.csv}. If any file of the group already exists, the whole group gets a
 * timestamped stem, {@code kernel-20250601-142233.csv} / {@code kernel-20250601-142233-env.csv},
 * then {@code -2}, {@code -3}, ... if that exists too; the chosen names are printed by the caller.
 *
 * <p>How: each file is written (and forced to disk) under a hidden temporary name in the same
 * folder, {@code .kernel.csv.tmp-<pid>-<random>}, then published with a hard link to the real
 * name. A link, unlike a rename, fails when the name exists, so publishing never replaces anyone's
 * file and two concurrent runs never take the same name; the temporary is then deleted. Nothing
 * ever exists under a real name before its content is complete. Temporaries are deleted by a
 * shutdown hook on a normal exit or SIGINT/SIGTERM; those of a killed process (SIGKILL, power
 * loss) are removed by {@link #sweepStale} on the next write into the folder, which recognises
 * them by the pid in their name. A group is linked under a lock the shutdown hook takes too, so
 * SIGINT leaves it whole or not at all; only a SIGKILL in the microseconds between two links can
 * leave part of a group (each of its files whole). On a file system without hard links the
 * publish falls back to an atomic move after an existence check (a narrow race with a concurrent
 * writer of the same name).
 *
 * <p>Every I/O failure surfaces as a {@link WriteException} whose one-line message names the file
 * or folder and the cause ("no space left on device", "permission denied").
 */
public final class ResultFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** {@code .<name>.tmp-<pid>-<random>}: the pid tells a dead writer's leftovers from a live one's. */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.tmp-([0-9]{1,18})-[0-9a-z]+");
    private static final long PID = ProcessHandle.current().pid();
    /** What {@link #checkWritable} writes and forces to find a full disk or a read-only folder. */
    private static final int PROBE_BYTES = 4096;

    private final Clock clock;

    public ResultFiles() {
        this(Clock.systemDefaultZone());
    }

    /** With a fixed clock, for tests of the timestamped names. */
    public ResultFiles(Clock clock) {
        this.clock = clock;
    }

    /** Streams a file's content; called once per attempt to publish it. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A result file could not be written; the message names the file or folder and the cause. */
    public static final class WriteException extends IOException {
        private static final long serialVersionUID = 1L;

        public WriteException(String message, Throwable cause) {
            super(message, cause);
        }
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
     * chosen, so a file can mention its siblings' final names. {@code content} is called again
     * with other names in the rare case that a concurrent run takes a name in the meantime.
     */
    public Map<String, Path> write(Path dir, String stem, List<String> suffixes,
                                   Function<Map<String, Path>, Map<String, String>> content) throws IOException {
        return publishGroup(dir, stem, suffixes, names -> {
            Map<String, String> texts = content.apply(names);
            Map<String, Content> out = new LinkedHashMap<>();
            texts.forEach((suffix, text) -> out.put(suffix, o -> o.write(text.getBytes(StandardCharsets.UTF_8))));
            return out;
        });
    }

    /** Convenience for a single file: writes {@code dir/stem+suffix} under the same policy. */
    public Path write(Path dir, String stem, String suffix, String content) throws IOException {
        return write(dir, stem, Map.of(suffix, content)).get(suffix);
    }

    /** A single binary file (a plot) under the same policy. */
    public Path write(Path dir, String stem, String suffix, byte[] content) throws IOException {
        return writeStream(dir, stem, suffix, out -> out.write(content));
    }

    /** A single file streamed to disk (for results too large to hold as one string). */
    public Path writeStream(Path dir, String stem, String suffix, Content content) throws IOException {
        return publishGroup(dir, stem, List.of(suffix), names -> Map.of(suffix, content)).get(suffix);
    }

    private Map<String, Path> publishGroup(Path dir, String stem, List<String> suffixes,
                                           Function<Map<String, Path>, Map<String, Content>> content)
            throws IOException {
        prepare(dir);
        String stamp = LocalDateTime.now(clock).format(STAMP);
        for (int attempt = 0; attempt < 1000; attempt++) {
            String s = attempt == 0 ? stem : attempt == 1 ? stem + "-" + stamp : stem + "-" + stamp + "-" + attempt;
            Map<String, Path> names = new LinkedHashMap<>();
            boolean free = true;
            for (String suffix : suffixes) {
                Path p = dir.resolve(s + suffix);
                names.put(suffix, p);
                free &= !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
            }
            if (free && publish(dir, names, content.apply(Collections.unmodifiableMap(names)))) {
                return names;
            }
        }
        throw new WriteException("cannot write " + dir.resolve(stem + suffixes.get(0)) + ": no free file name after"
                + " 1000 tries", null);
    }

    /** Writes every file to a temporary, then links all; false (and nothing left) if a name was taken. */
    private static boolean publish(Path dir, Map<String, Path> names, Map<String, Content> contents)
            throws IOException {
        List<TempFile> temps = new ArrayList<>();
        List<Path> published = new ArrayList<>();
        boolean complete = false;
        try {
            for (Map.Entry<String, Path> e : names.entrySet()) {
                Content c = contents.get(e.getKey());
                if (c == null) {
                    throw new IllegalArgumentException("no content for " + e.getValue().getFileName());
                }
                TempFile t = temporary(dir, e.getValue().getFileName().toString());
                temps.add(t);
                t.fill(c, e.getValue());
            }
            // Under the lock the shutdown hook takes too: a SIGINT sees the group whole or removes it.
            synchronized (Live.LOCK) {
                try {
                    int i = 0;
                    for (Path target : names.values()) {
                        if (!link(temps.get(i++).path(), target)) {
                            return false;
                        }
                        published.add(target);
                        Live.GROUP.add(target);
                    }
                    complete = true;
                    return true;
                } finally {
                    Live.GROUP.clear();
                    if (!complete) {
                        for (int i = 0; i < published.size(); i++) {
                            unpublish(published.get(i), temps.get(i).path());
                        }
                    }
                }
            }
        } finally {
            for (TempFile t : temps) {
                t.close();
            }
        }
    }

    /** Publishes {@code temp} as {@code target} unless that name exists; false if it does. */
    private static boolean link(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof FileSystemException f && !hardLinksUnsupported(f)) {
                throw new WriteException("cannot write " + target + ": " + reason(f), f);
            }
            // No hard links here (FAT, some FUSE and network file systems): a move cannot refuse an
            // existing target, so check first; only a concurrent writer of the same name can slip in.
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException m) {
                throw new WriteException("cannot write " + target + ": " + reason(m), m);
            }
            return true;
        }
    }

    private static boolean hardLinksUnsupported(FileSystemException e) {
        String r = e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT);
        return r.contains("not permitted") || r.contains("not supported");
    }

    /** Removes a file this run published, when the rest of its group could not be. */
    private static void unpublish(Path target, Path temp) {
        try {
            if (!Files.exists(temp) || Files.isSameFile(target, temp)) {
                Files.deleteIfExists(target);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the file is complete, only its group is not
        }
    }

    private static void prepare(Path dir) throws WriteException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new WriteException("cannot write into " + dir + ": " + e.getFile() + " is not a folder", e);
        } catch (IOException e) {
            throw new WriteException("cannot create the folder " + dir + ": " + reason(e), e);
        }
        try {
            sweepStale(dir);
        } catch (IOException e) {
            throw new WriteException("cannot list the folder " + dir + ": " + reason(e), e);
        }
    }

    /**
     * Checks before a run that {@code dir} can take its results: creates the folder if needed,
     * writes and forces a small probe file (which finds a read-only, unwritable or full folder),
     * and checks that the file store has {@code bytesNeeded} bytes free. Also removes stale
     * temporaries ({@link #sweepStale}).
     *
     * @throws WriteException naming the folder and the cause, e.g. "no space left on device"
     */
    public static void checkWritable(Path dir, long bytesNeeded) throws WriteException {
        prepare(dir);
        try (TempFile probe = temporary(dir, "write-probe")) {
            probe.fill(out -> out.write(new byte[PROBE_BYTES]), dir);
        } catch (WriteException e) {
            String why = e.getCause() instanceof IOException c ? reason(c) : e.getMessage();
            throw new WriteException("cannot write results into " + dir + ": " + why, e.getCause());
        }
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return; // unknown; the probe was written
        }
        if (free < bytesNeeded) {
            throw new WriteException(String.format(Locale.ROOT, "cannot write results into %s: no space left on"
                    + " device (%s free, the run writes about %s)", dir, bytes(free), bytes(bytesNeeded)), null);
        }
    }

    private static String bytes(long n) {
        if (n < 10_000) {
            return n + " bytes";
        }
        if (n < 10_000_000) {
            return (n / 1000) + " kB";
        }
        return (n / 1_000_000) + " MB";
    }

    /**
     * A hidden temporary file in {@code dir} named {@code .<name>.tmp-<pid>-<random>}, created
     * empty and deleted by {@link TempFile#close()}, by the shutdown hook, or by the next
     * {@link #sweepStale} after this process died. For a file another tool fills, such as the
     * CSV JMH writes before the suite reads it.
     */
    public static TempFile temporary(Path dir, String name) throws WriteException {
        for (int attempt = 0; ; attempt++) {
            String random = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
            Path p = dir.resolve("." + name + ".tmp-" + PID + "-" + random);
            Live.PATHS.add(p); // before it exists: a shutdown in between finds it registered
            try {
                Files.createFile(p);
                return new TempFile(p);
            } catch (FileAlreadyExistsException e) {
                Live.PATHS.remove(p);
                if (attempt > 100) {
                    throw new WriteException("cannot create a temporary file in " + dir + ": names exhausted", e);
                }
            } catch (IOException e) {
                Live.PATHS.remove(p);
                throw new WriteException("cannot write into " + dir + ": " + reason(e), e);
            }
        }
    }

    /** A temporary from {@link #temporary}: its path, and {@link #close()} to delete it. */
    public static final class TempFile implements AutoCloseable {
        private final Path path;

        private TempFile(Path path) {
            this.path = path;
        }

        public Path path() {
            return path;
        }

        /** Writes the content, flushes and forces it to the device; errors name {@code target}. */
        void fill(Content content, Path target) throws WriteException {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            } catch (IOException e) {
                throw new WriteException("cannot write " + target + ": " + reason(e), e);
            }
        }

        /** Deletes the file (best effort; what stays is swept by a later run). */
        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
                Live.PATHS.remove(path);
            } catch (IOException e) {
                // kept registered: the shutdown hook tries again
            }
        }
    }

    /**
     * Deletes the temporaries in {@code dir} left by processes that no longer run: the pid in the
     * name is dead, or belongs to a process started after the file was last written (a reused
     * pid), or is this process's pid but the file is not one of this process's live temporaries.
     *
     * @return the files deleted
     */
    public static List<Path> sweepStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*")) {
            for (Path p : files) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (m.matches() && isStale(p, Long.parseLong(m.group(1))) && Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    private static boolean isStale(Path p, long pid) {
        if (pid == PID) {
            return !Live.PATHS.contains(p);
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !h.get().isAlive()) {
            return true;
        }
        Optional<Instant> started = h.get().info().startInstant();
        try {
            // The start time is coarse (clock ticks): allow 2 s before calling the pid reused.
            return started.isPresent()
                    && started.get().isAfter(Files.getLastModifiedTime(p).toInstant().plusSeconds(2));
        } catch (IOException e) {
            return false;
        }
    }

    /** A short lower-case cause for a message: "permission denied", "no space left on device". */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        // A FileSystemException's message repeats the file; its reason alone is the cause.
        String r = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (r == null || r.isBlank()) {
            return "input/output error";
        }
        r = r.strip().lines().findFirst().orElse(r);
        return Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }

    /**
     * This process's temporaries, and the files of a group being published, deleted by a shutdown
     * hook (normal exit, SIGINT, SIGTERM). Publishing a group holds {@link #LOCK}.
     */
    private static final class Live {
        static final Object LOCK = new Object();
        static final Set<Path> PATHS = ConcurrentHashMap.newKeySet();
        static final List<Path> GROUP = new ArrayList<>();

        static {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Live::deleteAll, "fdbench-result-temporaries"));
            } catch (IllegalStateException shuttingDown) {
                // already exiting: the next run's sweep removes what is left
            }
        }

        private static void deleteAll() {
            synchronized (LOCK) {
                for (Path p : GROUP) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException | RuntimeException e) {
                        // a whole file, only its group is not
                    }
                }
            }
            for (Path p : PATHS) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException | RuntimeException e) {
                    // the next run's sweep removes it
                }
            }
        }
    }
}
