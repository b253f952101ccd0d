package io.fdbench.bench.stepsize;

import io.fdbench.bench.cli.Progress;
import io.fdbench.bench.cli.ResultOutput;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.ComplexStep;
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

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step-size sweep, the same for the suite and for {@code sweep}: the error curves of the
 * scalar test functions and of the 784-50-10 MNIST loss gradient, written to
 * {@code stepsize.csv} (one row per target, precision, estimator, evaluation and h),
 * {@code stepsize-summary.csv} (fitted order, best h, theoretical best h) and
 * {@code stepsize-env.csv}, with progress and time left on stderr. The output folder is checked
 * before any work; a grid that reaches a step vanishing in its precision is refused before any
 * point ({@link VanishedStepException}), so no NaN row is ever written.
 */
public final class StepSizeSweepRun {

    /** The MLP target's label in the CSV. */
    public static final String MLP_TARGET = "mlp 784-50-10 sigmoid softmax-ce mnist-10k[0:100]";

    private StepSizeSweepRun() {
    }

    /** The MLP target's model. */
    private static Mlp mlpTarget() {
        return Mlp.of("784-50-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /** Parameters of the MLP target: the most {@code samples} can ask for. */
    public static int mlpParameterCount() {
        return mlpTarget().parameterCount();
    }

    /**
     * Runs the sweep and writes its three files into {@code dir}.
     *
     * @param command the name progress and errors are reported under
     * @return the files written
     * @throws IllegalArgumentException when a grid cannot be built (naming the bound), or
     *                                  {@link VanishedStepException} when it reaches a vanishing step
     */
    public static Map<String, Path> run(StepSizeSettings s, Path dir, String command, PrintStream out, PrintStream err)
            throws IOException {
        StepGrid floatGrid = StepGrid.logarithmic(s.maxH(), s.minHFloat(), s.points());
        StepGrid doubleGrid = StepGrid.logarithmic(s.maxH(), s.minHDouble(), s.points());
        Mlp model = mlpTarget();
        if (s.mlp() && s.samples() > model.parameterCount()) {
            throw new IllegalArgumentException("the MLP target has only " + model.parameterCount() + " parameters");
        }
        // every scalar estimator in both precisions but the complex step (double only, on the double grid
        // continued to 1e-200)
        int targets = ScalarTestFunction.standard().size();
        long scalarRows = s.scalar() ? (long) targets * (2 * Estimator.values().length - 1) * s.points()
                + (long) targets * StepGrid.COMPLEX_STEP_EXTRA_POINTS : 0;
        long mlpRows = s.mlp() ? (long) Scheme.values().length * Evaluation.values().length * Precision.values().length
                * s.points() : 0;
        // The output folder is checked before any work: ~120 bytes per row, plus summary and env.
        ResultFiles.checkWritable(dir, 65_536 + 120L * (scalarRows + mlpRows));
        out.println("step-size sweep: " + s.targets() + ", " + s.points() + " steps per curve, kernel "
                + model.kernel().name());

        List<SweepRow> rows = new ArrayList<>();
        List<CurveSummary> summaries = new ArrayList<>();
        if (s.scalar()) {
            SweepResult r = StepSizeSweep.run(ScalarTestFunction.standard(),
                    List.of(Precision.DOUBLE, Precision.FLOAT), List.of(Estimator.values()),
                    pr -> pr == Precision.FLOAT ? floatGrid : doubleGrid);
            rows.addAll(r.rows());
            summaries.addAll(r.summaries());
        }
        int compared = 0;
        if (s.mlp()) {
            long t0 = System.nanoTime();
            Batch batch = Workload.data(784, 10, 100).batch(0, 100);
            float[] theta = model.initialise(Init.NORMAL_001, Workload.SEED);
            MlpStepSizeSweep.Settings ms = new MlpStepSizeSweep.Settings(MLP_TARGET, List.of(Scheme.values()),
                    List.of(Evaluation.values()), List.of(Precision.values()), floatGrid, doubleGrid, s.samples(),
                    Workload.SEED, s.parameterWorkers());
            // Curves that are not finite-difference schemes: the complex step in double, incremental
            // (bit-identical with FULL at these steps), on the double grid's span and spacing from 1e-3
            // (its largest step) down, continued to 1e-200 where no real-valued scheme can go.
            StepGrid complexGrid = StepGrid.logarithmic(Math.min(s.maxH(), ComplexStep.MAX_STEP), s.minHDouble(),
                    s.points()).forComplexStep();
            List<MlpStepSizeSweep.ExtraCurve> extra = List.of(new MlpStepSizeSweep.ExtraCurve("complex-step",
                    Evaluation.INCREMENTAL.label(), Precision.DOUBLE, 2, Math.sqrt(Precision.DOUBLE.unitRoundoff()),
                    complexGrid, () -> {
                        ComplexStep cs = new ComplexStep(model, batch.size(), Evaluation.INCREMENTAL,
                                ComplexStep.DEFAULT_STEP);
                        return new MlpStepSizeSweep.SteppedGradient() {
                            @Override
                            public void gradient(double h, float[] t, Batch b, double[] g, int[] parameters) {
                                cs.setStep(h);
                                cs.gradient(t, b, g, parameters);
                            }

                            @Override
                            public void close() {
                                cs.close();
                            }
                        };
                    }));
            long extraPoints = extra.stream().mapToLong(c -> c.grid().size()).sum();
            SweepResult r;
            try (Progress progress = Progress.start(command, "MLP points",
                    (long) ms.schemes().size() * ms.evaluations().size() * ms.precisions().size() * s.points()
                            + extraPoints, err)) {
                r = MlpStepSizeSweep.run(model, theta, batch, ms,
                        (done, total) -> progress.advance(done - progress.done()), extra);
            }
            rows.addAll(r.rows());
            summaries.addAll(r.summaries());
            compared = ParameterSample.stratified(model, s.samples(), Workload.SEED).length;
            out.printf(Locale.ROOT, "MLP curves: %d parameters compared, %.1f s%n", compared,
                    (System.nanoTime() - t0) / 1e9);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".csv", SweepCsv.rows(rows));
        files.put("-summary.csv", SweepCsv.summaries(summaries));
        Map<String, String> env = Environment.host(StepSizeFamily.NAME, s.profile().label());
        env.put("targets", s.targets());
        env.put("grid.points", Integer.toString(s.points()));
        env.put("grid.float", s.maxH() + " .. " + s.minHFloat());
        env.put("grid.double", s.maxH() + " .. " + s.minHDouble());
        env.put("mlp.samples", Integer.toString(s.samples()));
        env.put("mlp.samples.compared", Integer.toString(compared));
        env.put("mlp.parameterWorkers", Integer.toString(s.parameterWorkers()));
        env.put("mlp.seed", Long.toString(Workload.SEED));
        files.put("-env.csv", Environment.format(env));
        Map<String, Path> written = ResultOutput.writeOrPrint(new ResultFiles(), dir, StepSizeFamily.NAME,
                List.copyOf(files.keySet()), names -> files, command, err);
        printSummary(summaries, out);
        written.values().forEach(w -> out.println("wrote " + w));
        return written;
    }

    static void printSummary(List<CurveSummary> summaries, PrintStream out) {
        out.printf(Locale.ROOT, "%-52s %-6s %-17s %-14s %6s %9s %9s %9s%n", "target", "prec", "estimator", "evaluation",
                "order", "best h", "best err", "theory h");
        boolean notFittable = false;
        for (CurveSummary c : summaries) {
            boolean nf = CurveSummary.NOT_FITTABLE.equals(c.orderNote());
            notFittable |= nf;
            out.printf(Locale.ROOT, "%-52.52s %-6s %-17s %-14s %6s %9.1e %9.1e %9.1e%n", c.target(),
                    c.precision().label(), c.estimator(), c.evaluation(),
                    nf ? "n/f" : String.format(Locale.ROOT, "%.2f", c.fittedOrder()), c.bestH(), c.bestError(),
                    c.theoreticalBestH());
        }
        if (notFittable) {
            out.println("n/f: order not fittable, the estimator is exact on that target up to round-off");
        }
    }
}
