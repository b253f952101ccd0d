package io.fdbench.bench.stepsize;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code stepsize} family: step-size error curves of the finite-difference schemes on scalar
 * test functions and on the 784-50-10 MNIST loss gradient, in float and double. Not timed by JMH:
 * the suite runs {@link StepSizeSweepRun} with the profile's {@link StepSizeSettings#defaults
 * defaults}, and the {@code sweep} subcommand runs the same with settings from its flags.
 */
public final class StepSizeFamily implements ComputedFamily {

    public static final String NAME = "stepsize";

    /** The sweep's second file: fitted order and best h per curve. */
    public static final String SUMMARY = NAME + "-summary";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "step-size error curves of every scheme (and the complex step on scalar functions), float and double:"
                + " fitted order and best step h";
    }

    @Override
    public double estimatedSeconds(Profile profile) {
        // Five schemes on the MLP since the fourth-order ones (each 4P evaluations per gradient):
        // about three times the MLP work of the three textbook schemes.
        return profile == Profile.QUICK ? 40 : 240;
    }

    @Override
    public List<Path> run(Context context) throws Exception {
        return List.copyOf(StepSizeSweepRun.run(StepSizeSettings.defaults(context.profile()), context.folder(), NAME,
                context.out(), context.err()).values());
    }

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
