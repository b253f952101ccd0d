package io.fdbench.bench.cli;

/** Process exit codes shared by every subcommand. */
public final class Exit {
    /** Success. */
    public static final int OK = 0;
    /** The command ran and failed (a benchmark threw, a file could not be written). */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown flag, bad value. Nothing was run. */
    public static final int USAGE = 2;
    /** The environment is in the way: a lock held by another run, no disk space, a missing module. */
    public static final int ENVIRONMENT = 3;

    private Exit() {
    }
}
