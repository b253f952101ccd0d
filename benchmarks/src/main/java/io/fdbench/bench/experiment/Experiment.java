package io.fdbench.bench.experiment;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.ResultOutput;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.ResultFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One experiment of the {@code experiment} command: its name, its own flags, and the run. */
interface Experiment {

    /** The word after {@code experiment}, e.g. {@code classic}; also the file stem {@code experiment-<name>}. */
    String name();

    /** One line for {@code --help}. */
    String summary();

    /** Declares the flags only this experiment reads ({@code --out} and {@code --quick} are common). */
    Flags declare(Flags flags);

    /** Runs into {@code dir} and returns the exit code. */
    int run(Flags.Parsed flags, Path dir, PrintStream out, PrintStream err) throws IOException;

    /** The file stem of the experiment's results. */
    default String stem() {
        return "experiment-" + name();
    }

    /**
     * Writes the experiment's three files together, atomically and never over an existing one:
     * the curves ({@code <stem>.csv}), a second table ({@code <stem><suffix>.csv}, e.g. {@code -table})
     * and the env file, which names the other two ({@code results.file} and, for {@code -table},
     * {@code table.file}); prints each path written.
     */
    default int writeResults(Path dir, String curves, String suffix, String second, Map<String, String> env,
                             PrintStream out, PrintStream err) throws IOException {
        String secondFile = suffix + ".csv";
        Map<String, Path> written = ResultOutput.writeOrPrint(new ResultFiles(), dir, stem(),
                List.of(".csv", secondFile, "-env.csv"), names -> {
                    env.put("results.file", names.get(".csv").getFileName().toString());
                    env.put(suffix.substring(1) + ".file", names.get(secondFile).getFileName().toString());
                    return Map.of(".csv", curves, secondFile, second, "-env.csv", Environment.format(env));
                }, "experiment", err);
        written.values().forEach(w -> out.println("wrote " + w));
        return Exit.OK;
    }
}
