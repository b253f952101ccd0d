package io.fdbench.bench;

import io.fdbench.bench.cli.Subcommand;
import io.fdbench.bench.command.GradcheckCommand;
import io.fdbench.bench.compare.CompareCommand;
import io.fdbench.bench.experiment.ExperimentCommand;
import io.fdbench.bench.history.HistoryCommand;
import io.fdbench.bench.history.RecordCommand;
import io.fdbench.bench.history.TrendCommand;
import io.fdbench.bench.report.ReportCommand;
import io.fdbench.bench.command.SweepCommand;
import io.fdbench.bench.command.TrainCommand;
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
            new SuiteCommand(Families.ALL),
            new SweepCommand(),
            new GradcheckCommand(),
            new TrainCommand(),
            new ExperimentCommand(),
            new CompareCommand(Families.ALL),
            new ReportCommand(Families.ALL),
            new RecordCommand(),
            new HistoryCommand(),
            new TrendCommand());

    private Subcommands() {
    }

    public static Optional<Subcommand> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
