package io.fdbench.bench.cli;

/**
 * A command-line mistake: an unknown flag, a missing or malformed value. The message names the
 * flag first ({@code "--out: not a directory: x.csv"}) and fits on one line; commands print it
 * and exit with {@link Exit#USAGE}.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String flag;

    public UsageException(String flag, String problem) {
        super(flag + ": " + problem);
        this.flag = flag;
    }

    /** The flag as the user typed it, e.g. {@code --out} or {@code -rff}. */
    public String flag() {
        return flag;
    }
}
