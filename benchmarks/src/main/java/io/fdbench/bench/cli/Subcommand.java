package io.fdbench.bench.cli;

import java.io.PrintStream;

/**
 * A command of benchmarks.jar that is not a JMH run: {@code java -jar benchmarks.jar NAME args}.
 * Register an implementation in the registry ({@code io.fdbench.bench.Subcommands}); most implementations extend
 * {@link FlagCommand}, which handles {@code --help} and usage errors.
 */
public interface Subcommand {

    /** The word that selects this command; it can no longer be used as a JMH regex. */
    String name();

    /** The full {@code --help} text; its first line is the summary shown in the command list. */
    String help();

    /**
     * Runs the command. Returns the exit code ({@link Exit}): 0 success,
     * 1 a check that ran and failed, 2 bad usage or input, 3 an environment problem (after printing
     * one line that names the flag, file or folder to {@code err}).
     */
    int run(String[] args, PrintStream out, PrintStream err);
}
