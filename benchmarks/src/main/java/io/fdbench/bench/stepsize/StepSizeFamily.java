package io.fdbench.bench.stepsize;

import io.fdbench.bench.command.SweepCommand;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Figure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code stepsize} family: step-size error curves of the finite-difference schemes on scalar
 * test functions and on the 784-50-10 MNIST loss gradient, in float and double. Not timed by JMH:
 * the suite and the {@code sweep} subcommand run the same sweep with the profile's defaults.
 */
public final class StepSizeFamily implements ComputedFamily {

    public static final String NAME = "stepsize";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "step-size error curves of every scheme, float and double: fitted order and best step h";
    }

    @Override
    public double estimatedSeconds(Profile profile) {
        return profile == Profile.QUICK ? 15 : 90;
    }

    @Override
    public List<Path> run(Context context) throws Exception {
        List<String> args = new ArrayList<>(List.of("--out", context.folder().toString()));
        if (context.profile() == Profile.QUICK) {
            args.add("--quick");
        }
        List<Path> before = list(context.folder());
        int code = new SweepCommand().run(args.toArray(new String[0]), context.out(), context.err());
        if (code != 0) {
            throw new IllegalStateException("the step-size sweep failed (exit " + code + ")");
        }
        List<Path> written = new ArrayList<>(list(context.folder()));
        written.removeAll(before);
        return written;
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** The sweep's second file: fitted order and best h per curve. */
    public static final String SUMMARY = NAME + "-summary";

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(NAME).map(t -> StepSizeCharts.draw(t, run.provenance(NAME))).orElse(List.of());
    }

    @Override
    public List<String> tableInputs() {
        return List.of(SUMMARY);
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        return run.table(SUMMARY).map(StepSizeCharts::tables).orElse(List.of());
    }
}
