package io.fdbench.bench.cli;

import java.io.PrintStream;

/**
 * Base class for subcommands driven by {@link Flags}: prints {@link #help()} for {@code --help},
 * rejects positional arguments unless {@link #acceptsPositional()} says otherwise, and turns any
 * exception into one line on stderr, {@code <command>: error: <message>}, and the exit code of
 * its class ({@link ErrorReport}): 2 for bad usage or input, 3 for an environment problem, 1 for
 * anything unexpected. No class names and no stack trace, unless {@code -Dfdbench.stacktrace=true}.
 */
public abstract class FlagCommand implements Subcommand {

    /** The flags this command declares ({@code --help} is implicit). */
    protected abstract Flags flags();

    /** One line: what the command does. */
    protected abstract String summary();

    /**
     * Runs with parsed flags and returns the exit code; throws {@link UsageException} for semantic
     * checks on values, {@link EnvironmentException} for a problem with the machine.
     */
    protected abstract int execute(Flags.Parsed flags, PrintStream out, PrintStream err) throws Exception;

    /** Whether bare words are allowed; by default they are rejected as usage errors. */
    protected boolean acceptsPositional() {
        return false;
    }

    @Override
    public String help() {
        return summary() + System.lineSeparator() + System.lineSeparator()
                + "usage: java -jar benchmarks.jar " + name() + " [flags]" + System.lineSeparator()
                + flags().usage();
    }

    @Override
    public final int run(String[] args, PrintStream out, PrintStream err) {
        Flags.Parsed parsed;
        try {
            parsed = flags().parse(args);
            if (parsed.has("help")) {
                out.print(help());
                return Exit.OK;
            }
            if (!acceptsPositional() && !parsed.positional().isEmpty()) {
                throw new UsageException(parsed.positional().get(0), "unexpected argument");
            }
            return execute(parsed, out, err);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            ErrorReport r = ErrorReport.of(e);
            err.println(name() + ": error: " + r.message()
                    + (e instanceof UsageException ? " (see " + name() + " --help)" : ""));
            if (Boolean.getBoolean("fdbench.stacktrace")) {
                e.printStackTrace(err);
            }
            return r.exitCode();
        }
    }
}
