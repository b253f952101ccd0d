package io.fdbench.bench.experiment;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.KeyTable;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.CsvTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An experiment as a family of the registry, so {@code report} draws its curves from a results
 * folder and {@code suite --family experiment-<name>} can run it; never in the default suite (the
 * full classic run takes about half an hour). The files are {@code experiment-<name>.csv} (the
 * curves), its siblings and {@code experiment-<name>-env.csv}, as the {@code experiment} command
 * writes them.
 */
public final class ExperimentFamily implements ComputedFamily {

    private final Experiment experiment;
    private final String description;
    private final double quickSeconds;
    private final double fullSeconds;
    private final BiFunction<CsvTable, Provenance, List<Figure>> charts;
    /** The sibling table shown on the report page (its stem), or null. */
    private final String tableStem;
    private final Function<CsvTable, KeyTable> table;

    private ExperimentFamily(Experiment experiment, String description, double quickSeconds, double fullSeconds,
                             BiFunction<CsvTable, Provenance, List<Figure>> charts, String tableSuffix,
                             Function<CsvTable, KeyTable> table) {
        this.experiment = experiment;
        this.description = description;
        this.quickSeconds = quickSeconds;
        this.fullSeconds = fullSeconds;
        this.charts = charts;
        this.tableStem = tableSuffix == null ? null : experiment.stem() + tableSuffix;
        this.table = table;
    }

    /** The classic 784-50-10 table: about 30 s quick, 30 min full (the full-evaluation runs dominate). */
    public static ExperimentFamily classic() {
        return new ExperimentFamily(new ClassicExperiment(), "the classic experiment: 784-50-10 on MNIST-10k, backprop"
                + " vs central differences, curves against step, time and loss evaluations (experiment classic)",
                60, 1800, ExperimentCharts::classic, "-table", ExperimentCharts::classicTable);
    }

    /** The 2-2-2 derivation: seconds. */
    public static ExperimentFamily backpropToy() {
        return new ExperimentFamily(new BackpropToyExperiment(), "the 2-2-2 backprop derivation in double: RMSE"
                + " training with backprop and central differences (experiment backprop-toy)", 5, 5,
                ExperimentCharts::toy, null, null);
    }

    /** XOR: seconds. */
    public static ExperimentFamily xor() {
        return new ExperimentFamily(new XorExperiment(), "XOR 2-3-1: gradient descent variants with backprop and"
                + " central differences, CMA-ES and a GA (experiment xor)", 15, 30, ExperimentCharts::xor, "-table",
                ExperimentCharts::xorTable);
    }

    @Override
    public String name() {
        return experiment.stem();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean inDefaultSuite() {
        return false;
    }

    @Override
    public double estimatedSeconds(Profile profile) {
        return profile == Profile.QUICK ? quickSeconds : fullSeconds;
    }

    @Override
    public List<Path> run(Context context) throws Exception {
        List<String> args = new ArrayList<>(List.of(experiment.name(), "--out", context.folder().toString()));
        if (context.profile() == Profile.QUICK) {
            args.add("--quick");
        }
        int code = new ExperimentCommand().run(args.toArray(String[]::new), context.out(), context.err());
        if (code != 0) {
            throw new IllegalStateException("experiment " + experiment.name() + " exited with " + code);
        }
        try (Stream<Path> s = Files.list(context.folder())) {
            return s.filter(f -> f.getFileName().toString().startsWith(name())).sorted().toList();
        }
    }

    @Override
    public List<String> tableInputs() {
        return tableStem == null ? List.of() : List.of(tableStem);
    }

    @Override
    public List<KeyTable> keyTables(RunTables run) {
        return tableStem == null ? List.of() : run.table(tableStem).map(t -> List.of(table.apply(t))).orElse(List.of());
    }

    @Override
    public List<Figure> figures(RunTables run) {
        return run.table(name()).map(t -> charts.apply(t, run.provenance(name()))).orElse(List.of());
    }
}
