package io.fdbench.bench.cli;

import java.io.PrintStream;

/**
 * Base class for subcommands driven by {@link Flags}: prints {@link #help()} for {@code --help},
 * turns a {@link UsageException} into one line on stderr and exit code {@link Exit#USAGE}, and
 * rejects positional arguments unless {@link #acceptsPositional()} says otherwise.
 */
public abstract class FlagCommand implements Subcommand {

    /** The flags this command declares ({@code --help} is implicit). */
    protected abstract Flags flags();

    /** One line: what the command does. */
    protected abstract String summary();

    /** Runs with parsed flags; may throw {@link UsageException} for semantic checks on values. */
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
        } catch (UsageException e) {
            err.println(name() + ": error: " + e.getMessage() + " (see " + name() + " --help)");
            return Exit.USAGE;
        } catch (Exception e) {
            err.println(name() + ": failed: " + e);
            return Exit.FAILURE;
        }
    }
}
