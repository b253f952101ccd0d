package io.fdbench.bench;

import io.fdbench.bench.cli.PendingCommand;
import io.fdbench.bench.suite.SuiteCommand;

import java.util.List;
import java.util.Optional;

/**
 * The registry of subcommands. Adding one is a one-line change to {@link #ALL}; its name then
 * takes precedence over a JMH regex as the first argument of benchmarks.jar.
 */
public final class Subcommands {

    /** Every subcommand, in the order {@code --help} lists them. */
    public static final List<Subcommand> ALL = List.of(
            new SuiteCommand(),
            new PendingCommand("sweep", "Sweep finite-difference step sizes and write error curves"),
            new PendingCommand("gradcheck", "Compare finite-difference gradients with backpropagation"),
            new PendingCommand("train", "Train the MLP with a chosen gradient estimator"));

    private Subcommands() {
    }

    public static Optional<Subcommand> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
