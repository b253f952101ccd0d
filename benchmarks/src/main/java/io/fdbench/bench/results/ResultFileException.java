package io.fdbench.bench.results;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A result or env file that cannot be used: unreadable, empty, not UTF-8, not the expected
 * format, or holding a value that cannot be measured. The message is one line that starts with
 * the file ({@code results/kernel.csv: line 4: Score 'NaN' is not a finite number}); commands
 * print it as is and exit 2.
 */
public final class ResultFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ResultFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that is wrong. */
    public Path file() {
        return file;
    }

    /** A read failure, said without Java class names. */
    public static ResultFileException of(Path file, IOException e) {
        return new ResultFileException(file, describe(e));
    }

    /** What went wrong reading, in words: "no such file", "permission denied", the system's reason. */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return "cannot be read: " + f.getReason();
        }
        return e.getMessage() != null ? "cannot be read: " + e.getMessage() : "cannot be read";
    }
}
