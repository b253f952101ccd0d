package io.fdbench.bench.cli;

import java.io.PrintStream;

/**
 * Placeholder for a subcommand whose body lands on another branch: it already parses and checks
 * the common flags ({@code --out DIR}, {@code --quick}), answers {@code --help}, and otherwise
 * exits with {@link Exit#FAILURE} saying it is not implemented yet. Replace its line in
 * {@link io.fdbench.bench.Subcommands#ALL} with the real command.
 */
public final class PendingCommand extends FlagCommand {

    private final String name;
    private final String summary;

    public PendingCommand(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected String summary() {
        return summary + " (not implemented yet)";
    }

    @Override
    protected Flags flags() {
        return CommonFlags.output(new Flags());
    }

    @Override
    protected int execute(Flags.Parsed flags, PrintStream out, PrintStream err) {
        CommonFlags.outDir(flags);
        err.println(name + ": not implemented in this build");
        return Exit.FAILURE;
    }
}
