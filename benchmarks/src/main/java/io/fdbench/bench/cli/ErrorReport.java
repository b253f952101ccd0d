package io.fdbench.bench.cli;

import io.fdbench.bench.results.ResultFileException;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.engine.data.IdxFormatException;
import io.fdbench.engine.memory.InsufficientHeapException;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * What a failed command tells its user: an {@link Exit} code by the class of failure and one
 * line without Java class names.
 *
 * <ul>
 *   <li>{@link Exit#USAGE} (2): a {@link UsageException}; an {@link IllegalArgumentException}
 *       from a value; a data or result file in the wrong format ({@link IdxFormatException},
 *       {@link ResultFileException}, a truncated or corrupt file); an input file the user may
 *       not read ({@link AccessDeniedException}: writes fail as a
 *       {@link ResultFiles.WriteException} instead).</li>
 *   <li>{@link Exit#ENVIRONMENT} (3): an {@link EnvironmentException}; a result file that could
 *       not be written ({@link ResultFiles.WriteException}); any other I/O error (no space left
 *       on device, a read-only file system); a run the heap cannot hold
 *       ({@link InsufficientHeapException}, which names the {@code -Xmx} to use) or running out
 *       of memory.</li>
 *   <li>{@link Exit#FAILURE} (1): anything else, as an unexpected internal error.</li>
 * </ul>
 *
 * @param exitCode the process exit code
 * @param message  one line, no class names
 */
public record ErrorReport(int exitCode, String message) {

    /** A qualified or bare exception class name with its colon, as Throwable.toString() writes it. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*|\\b[A-Z][A-Za-z0-9_$]*)(?:Exception|Error)\\b:?\\s*");

    /** Classifies {@code t} (unwrapping the usual wrappers) and words it in one line. */
    public static ErrorReport of(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof UsageException || e instanceof IllegalArgumentException) {
            return new ErrorReport(Exit.USAGE, text(e, "invalid value"));
        }
        if (e instanceof IdxFormatException || e instanceof ResultFileException || e instanceof EOFException
                || e instanceof ZipException || e instanceof CharacterCodingException) {
            return new ErrorReport(Exit.USAGE, text(e, "malformed input file"));
        }
        if (e instanceof AccessDeniedException a) {
            return new ErrorReport(Exit.USAGE, (a.getFile() == null ? "" : a.getFile() + ": ") + ResultFiles.reason(a));
        }
        if (e instanceof EnvironmentException || e instanceof ResultFiles.WriteException
                || e instanceof InsufficientHeapException) {
            return new ErrorReport(Exit.ENVIRONMENT, text(e, "environment problem"));
        }
        if (e instanceof FileSystemException f) {
            String where = f.getFile() == null ? "" : f.getFile() + ": ";
            return new ErrorReport(Exit.ENVIRONMENT, where + ResultFiles.reason(f));
        }
        if (e instanceof IOException io) {
            return new ErrorReport(Exit.ENVIRONMENT, "I/O error: " + ResultFiles.reason(io));
        }
        if (e instanceof OutOfMemoryError) {
            return new ErrorReport(Exit.ENVIRONMENT, "out of memory: give the JVM more heap (-Xmx) or choose a"
                    + " smaller model, batch or sample");
        }
        String m = clean(e.getMessage());
        return new ErrorReport(Exit.FAILURE, "unexpected internal error" + (m.isEmpty() ? "" : ": " + m)
                + " (-Dfdbench.stacktrace=true prints the trace)");
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e.getCause() != null && e.getCause() != e && (e instanceof UncheckedIOException
                || e instanceof ExecutionException || e instanceof CompletionException
                || e instanceof ExceptionInInitializerError)) {
            e = e.getCause();
        }
        return e;
    }

    private static String text(Throwable e, String fallback) {
        String m = clean(e.getMessage());
        return m.isEmpty() ? fallback : m;
    }

    /** The first line of {@code message} without exception class names; "" for none. */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        String first = message.strip().lines().findFirst().orElse("");
        return CLASS_NAME.matcher(first).replaceAll("").strip();
    }
}
