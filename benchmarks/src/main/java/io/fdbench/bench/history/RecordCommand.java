package io.fdbench.bench.history;

import io.fdbench.bench.cli.ErrorReport;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.ResultFileException;
import io.fdbench.bench.results.RunFolders;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code record RUN_DIR... [--db PATH_OR_JDBC_URL]}: stores results folders in the history
 * database (see {@link HistoryStore}). Every folder is read and checked first, and none may be
 * recorded already; only then is each stored, in a transaction of its own. So a bad folder, a
 * duplicate, a corrupt or newer database writes nothing, and the database can be rebuilt at any
 * time from the run folders kept in git.
 */
public final class RecordCommand extends FlagCommand {

    public static final String NAME = "record";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected String summary() {
        return "Store results folders (every JMH row with its env) in the history database";
    }

    @Override
    public String help() {
        String nl = System.lineSeparator();
        return summary() + nl + nl + "usage: java -jar benchmarks.jar record RUN_DIR... [--db PATH_OR_JDBC_URL]" + nl
                + "  RUN_DIR  a results folder (results/, a run folder, a run's name or 'latest'); a run is identified"
                + nl + "           by its env files and is recorded once" + nl + flags().usage();
    }

    @Override
    protected Flags flags() {
        return HistoryLocation.declare(new Flags());
    }

    @Override
    protected boolean acceptsPositional() {
        return true;
    }

    @Override
    protected int execute(Flags.Parsed flags, PrintStream out, PrintStream err) throws IOException {
        if (flags.positional().isEmpty()) {
            throw new UsageException("RUN_DIR", "missing: name at least one results folder to record");
        }
        HistoryLocation location = HistoryLocation.of(flags);
        List<RunRecord> runs = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        RunFolders folders = new RunFolders(Path.of("results"));
        for (String word : flags.positional()) {
            Path folder;
            try {
                folder = folders.resolve(word);
            } catch (IllegalArgumentException e) {
                throw new ResultFileException(Path.of(word), e.getMessage());
            }
            RunRecord run = RunReader.read(folder);
            Path earlier = seen.putIfAbsent(run.key(), folder);
            if (earlier != null) {
                throw new ResultFileException(folder, "the same run as " + earlier + " (identical env files);"
                        + " a run is recorded once");
            }
            runs.add(run);
        }
        try (HistoryStore store = HistoryStore.open(location, HistoryStore.Access.WRITE)) {
            for (RunRecord run : runs) {
                store.recorded(run.key()).ifPresent(where -> {
                    throw new ResultFileException(run.folder(), "already recorded as run " + run.shortKey() + " in "
                            + location.shown() + ": " + where + "; a run is recorded once, nothing was written");
                });
            }
            for (RunRecord run : runs) {
                store.record(run);
                out.println(describe(run));
            }
            int n = store.runCount();
            out.println("history: " + n + (n == 1 ? " run" : " runs") + " in " + location.shown());
        }
        return Exit.OK;
    }

    /**
     * For {@code suite --record}: the {@code --db} location, checked without writing (the server
     * answers, the file is a history or can be created, the schema is not newer), so a run of an
     * hour does not end in a history it cannot be stored in.
     */
    public static HistoryLocation checkBeforeRun(Flags.Parsed flags) {
        HistoryLocation location = HistoryLocation.of(flags);
        HistoryStore.check(location);
        return location;
    }

    /**
     * For {@code suite --record}: records the finished run folder and returns the exit code; on
     * failure prints one line saying why and how to record the kept run later.
     */
    public static int recordFinishedRun(Path runFolder, HistoryLocation location, PrintStream out, PrintStream err) {
        try {
            RunRecord run = RunReader.read(runFolder);
            try (HistoryStore store = HistoryStore.open(location, HistoryStore.Access.WRITE)) {
                store.record(run);
            }
            out.println(describe(run));
            return Exit.OK;
        } catch (RuntimeException e) {
            ErrorReport r = ErrorReport.of(e);
            err.println("suite: error: the run was not recorded: " + r.message() + "; it is kept in " + runFolder
                    + ": record it with java -jar benchmarks.jar record " + runFolder + " --db "
                    + (location.kind() == HistoryLocation.Kind.SQLITE ? location.shown() : "<the same URL>"));
            return r.exitCode();
        }
    }

    /** What was recorded, one line, plus the files skipped. */
    static String describe(RunRecord run) {
        StringBuilder sb = new StringBuilder("recorded ").append(run.folder()).append(": run ").append(run.shortKey())
                .append(", commit ").append(shortCommit(run.commit())).append(", ").append(run.tables().size())
                .append(run.tables().size() == 1 ? " table, " : " tables, ").append(run.rowCount()).append(" rows (");
        for (int i = 0; i < run.tables().size(); i++) {
            ResultTable t = run.tables().get(i);
            sb.append(i == 0 ? "" : ", ").append(t.stem()).append(' ').append(t.rows().size());
        }
        sb.append(")");
        List<String> machines = run.tables().stream().map(t -> t.machine().key() + " " + t.machine().label())
                .distinct().toList();
        sb.append(System.lineSeparator()).append("  machine").append(machines.size() == 1 ? " " : "s ")
                .append(String.join("; ", machines));
        if (!run.skipped().isEmpty()) {
            sb.append(System.lineSeparator()).append("  skipped ").append(String.join(", ", run.skipped()));
        }
        return sb.toString();
    }

    private static String shortCommit(String commit) {
        return commit.length() > 7 && commit.matches("[0-9a-f]+") ? commit.substring(0, 7) : commit;
    }
}
