package io.fdbench.bench.command;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.Progress;
import io.fdbench.bench.cli.ResultOutput;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.VanishedStepException;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.numerics.CurveSummary;
import io.fdbench.engine.numerics.Estimator;
import io.fdbench.engine.numerics.MlpStepSizeSweep;
import io.fdbench.engine.numerics.ScalarTestFunction;
import io.fdbench.engine.numerics.StepGrid;
import io.fdbench.engine.numerics.StepSizeSweep;
import io.fdbench.engine.numerics.SweepCsv;
import io.fdbench.engine.numerics.SweepResult;
import io.fdbench.engine.numerics.SweepRow;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sweep}: step-size error curves of the scalar test functions and of the 784-50-10 MNIST
 * loss gradient, written to {@code stepsize.csv} (one row per target, precision, estimator,
 * evaluation and h) and {@code stepsize-summary.csv} (fitted order, best h, theoretical best h).
 */
public final class SweepCommand extends FlagCommand {

    /** The MLP target's label in the CSV. */
    public static final String MLP_TARGET = "mlp 784-50-10 sigmoid softmax-ce mnist-10k[0:100]";

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    protected String summary() {
        return "Sweep finite-difference step sizes and write the error curves (stepsize.csv, stepsize-summary.csv)";
    }

    @Override
    protected Flags flags() {
        return CommonFlags.output(new Flags())
                .value("targets", "LIST", "scalar, mlp or scalar,mlp (default scalar,mlp)")
                .value("points", "N", "grid points per precision (default 40; 12 with --quick)")
                .value("max-h", "H", "largest step (default 1e-1)")
                .value("min-h-float", "H", "smallest step in float (default 1e-8)")
                .value("min-h-double", "H", "smallest step in double (default 1e-14)")
                .value("samples", "N", "MLP parameters compared, a seeded sample over every block (default 120;"
                        + " 40 with --quick)")
                .value("parameter-workers", "N", "threads the MLP curves' finite differences split the parameters"
                        + " over (default 2)");
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws Exception {
        Path dir = CommonFlags.outDir(p);
        boolean quick = p.has("quick");
        List<String> targetList = p.list("targets", "scalar,mlp");
        String targets = String.join(",", targetList);
        boolean scalar = false;
        boolean mlp = false;
        for (String t : targetList) {
            switch (t) {
                case "scalar":
                    scalar = true;
                    break;
                case "mlp":
                    mlp = true;
                    break;
                default:
                    throw new UsageException("--targets", "unknown target '" + t + "' (expected scalar or mlp)");
            }
        }
        int points = p.integer("points", quick ? 12 : StepGrid.DEFAULT_POINTS, 2, 1000);
        double maxH = p.decimal("max-h", StepGrid.DEFAULT_FROM, Double.MIN_VALUE, 1.0);
        double minF = p.decimal("min-h-float", StepGrid.DEFAULT_TO_FLOAT, Double.MIN_VALUE, 1.0);
        double minD = p.decimal("min-h-double", StepGrid.DEFAULT_TO_DOUBLE, Double.MIN_VALUE, 1.0);
        int samples = p.integer("samples", quick ? 40 : 120, 1, Integer.MAX_VALUE);
        int parameterWorkers = p.integer("parameter-workers", 2, 1, 256);
        StepGrid floatGrid = grid("--min-h-float", maxH, minF, points);
        StepGrid doubleGrid = grid("--min-h-double", maxH, minD, points);
        Mlp model = Mlp.of("784-50-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
        if (mlp && samples > model.parameterCount()) {
            throw new UsageException("--samples", "the MLP target has only " + model.parameterCount() + " parameters");
        }
        int curves = (scalar ? ScalarTestFunction.standard().size() * 2 * Estimator.values().length : 0)
                + (mlp ? Scheme.values().length * Evaluation.values().length * Precision.values().length : 0);
        // The output folder is checked before any work: ~120 bytes per row, plus summary and env.
        ResultFiles.checkWritable(dir, 65_536 + 120L * curves * points);

        List<SweepRow> rows = new ArrayList<>();
        List<CurveSummary> summaries = new ArrayList<>();
        if (scalar) {
            SweepResult r = refusingVanishedSteps(() -> StepSizeSweep.run(ScalarTestFunction.standard(),
                    List.of(Precision.DOUBLE, Precision.FLOAT), List.of(Estimator.values()),
                    pr -> pr == Precision.FLOAT ? floatGrid : doubleGrid));
            rows.addAll(r.rows());
            summaries.addAll(r.summaries());
        }
        int compared = 0;
        if (mlp) {
            long t0 = System.nanoTime();
            Batch batch = Workload.data(784, 10, 100).batch(0, 100);
            float[] theta = model.initialise(Init.NORMAL_001, Workload.SEED);
            MlpStepSizeSweep.Settings s = new MlpStepSizeSweep.Settings(MLP_TARGET, List.of(Scheme.values()),
                    List.of(Evaluation.values()), List.of(Precision.values()), floatGrid, doubleGrid, samples,
                    Workload.SEED, parameterWorkers);
            SweepResult r;
            try (Progress progress = Progress.start(name(), "MLP points",
                    (long) s.schemes().size() * s.evaluations().size() * s.precisions().size() * points, err)) {
                r = refusingVanishedSteps(() -> MlpStepSizeSweep.run(model, theta, batch, s,
                        (done, total) -> progress.advance(done - progress.done())));
            }
            rows.addAll(r.rows());
            summaries.addAll(r.summaries());
            compared = ParameterSample.stratified(model, samples, Workload.SEED).length;
            out.printf(Locale.ROOT, "MLP curves: %d parameters compared, %.1f s%n", compared,
                    (System.nanoTime() - t0) / 1e9);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".csv", SweepCsv.rows(rows));
        files.put("-summary.csv", SweepCsv.summaries(summaries));
        Map<String, String> env = Environment.host("stepsize", quick ? "quick" : "full");
        env.put("targets", targets);
        env.put("grid.points", Integer.toString(points));
        env.put("grid.float", maxH + " .. " + minF);
        env.put("grid.double", maxH + " .. " + minD);
        env.put("mlp.samples", Integer.toString(samples));
        env.put("mlp.samples.compared", Integer.toString(compared));
        env.put("mlp.parameterWorkers", Integer.toString(parameterWorkers));
        env.put("mlp.seed", Long.toString(Workload.SEED));
        files.put("-env.csv", Environment.format(env));
        Map<String, Path> written = ResultOutput.writeOrPrint(new ResultFiles(), dir, "stepsize",
                List.copyOf(files.keySet()), names -> files, name(), err);
        printSummary(summaries, out);
        written.values().forEach(w -> out.println("wrote " + w));
        return Exit.OK;
    }

    private static StepGrid grid(String flag, double from, double to, int points) {
        try {
            return StepGrid.logarithmic(from, to, points);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag, e.getMessage());
        }
    }

    /** A sweep whose grid reaches a step that vanishes (refused before any point) as a usage error of its flag. */
    private static SweepResult refusingVanishedSteps(java.util.function.Supplier<SweepResult> sweep) {
        try {
            return sweep.get();
        } catch (VanishedStepException e) {
            throw new UsageException(e.precision() == Precision.FLOAT ? "--min-h-float" : "--min-h-double",
                    e.getMessage());
        }
    }

    static void printSummary(List<CurveSummary> summaries, PrintStream out) {
        out.printf(Locale.ROOT, "%-52s %-6s %-17s %-14s %6s %9s %9s %9s%n", "target", "prec", "estimator", "evaluation",
                "order", "best h", "best err", "theory h");
        for (CurveSummary s : summaries) {
            out.printf(Locale.ROOT, "%-52.52s %-6s %-17s %-14s %6.2f %9.1e %9.1e %9.1e%n", s.target(),
                    s.precision().label(), s.estimator(), s.evaluation(), s.fittedOrder(), s.bestH(), s.bestError(),
                    s.theoreticalBestH());
        }
    }
}
