package io.fdbench.bench.cli;

/**
 * Process exit codes shared by every subcommand, so a script can tell what went wrong without
 * reading the message: 0 success, 1 a check that ran and failed, 2 bad usage or bad input,
 * 3 an environment problem. {@link ErrorReport} maps an exception to one of them.
 */
public final class Exit {
    /** Success. */
    public static final int OK = 0;
    /**
     * A check ran and failed: a gradient check FAIL, a regression found, a training run that
     * diverged, a benchmark that threw. (An unexpected internal error also ends here.)
     */
    public static final int FAILURE = 1;
    /**
     * Bad usage or bad input: an unknown flag, a malformed value, a data or result file that
     * cannot be read as what it claims to be. Nothing was written.
     */
    public static final int USAGE = 2;
    /**
     * An environment problem: the output folder is not writable or has no space left, a lock is
     * held, a module that was asked for is missing, the JVM ran out of memory.
     */
    public static final int ENVIRONMENT = 3;

    private Exit() {
    }
}
