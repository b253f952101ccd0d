package io.fdbench.bench.experiment;

import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.RunFolders;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.grad.EstimatorOptions;
import io.fdbench.engine.grad.Estimators;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code experiment classic}: the two-layer network experiment of the textbook post, 784-50-10
 * with a sigmoid hidden layer, softmax cross-entropy, N(0, 0.01²) weights, batch 100 and 100
 * gradient steps on the embedded MNIST-10k, every method from the same θ₀ on the same batches,
 * all in float. First a learning-rate grid for backprop (the post does not state its rate), then
 * the table at 0.1 and at the grid's rate closest to the published row, the published rows and
 * the NumPy peer's classic loop below it, the finite-difference runs' distance from backprop,
 * and the longer run to the step where backprop first passes 90 % test accuracy.
 */
final class ClassicExperiment implements Experiment {

    static final int HIDDEN = 50;
    static final int BATCH = 100;
    static final int STEPS = 100;
    static final int QUICK_STEPS = 20;
    static final int QUICK_FULL_STEPS = 1;
    static final int LONG_MAX_STEPS = 20_000;
    static final int QUICK_LONG_MAX_STEPS = 200;
    static final int EVAL_EVERY = 10;
    static final double TARGET_ACCURACY = 0.9;
    static final long SEED = 20261123L;
    static final String LR_GRID = "0.1,0.2,0.3,0.4,0.5,1.0";
    static final double TEXTBOOK_LR = 0.1;

    /** The published rows (full MNIST, NumPy): backprop, then numerical differentiation. */
    static final double PUBLISHED_BACKPROP_SECONDS = 3.1;
    static final double PUBLISHED_LOSS = 1.6676;
    static final double PUBLISHED_ACCURACY = 0.6783;
    static final double PUBLISHED_FD_SECONDS = 141 * 60 + 55.3;
    static final double PUBLISHED_FD_LOSS = 1.5788;
    static final double PUBLISHED_FD_ACCURACY = 0.6309;

    /**
     * Loss evaluations per step given to the stochastic methods, counted: of the order of what one
     * incremental central-difference gradient of 784-50-10 costs in loss evaluations of time (about
     * 100 in the cost family), not its 2P + 1 counted evaluations. In time a stochastic step costs
     * more than its forward passes: regenerating each direction from its seed is measured in the
     * classic table (about 60 ms per SPSA step against 6 ms for the incremental central difference).
     */
    static final int MATCHED_EVALUATIONS = 128;

    /**
     * The methods of the table, in order: backprop; the classic central difference with full
     * re-evaluation; the same with incremental evaluation; SPSA (Rademacher two-point, 64
     * directions: 128 evaluations) and the forward gradient (128 directions, one tangent pass
     * each) at {@link #MATCHED_EVALUATIONS} per step. All from the estimator registry.
     */
    static final List<String> METHODS = List.of("backprop", "central-full", "central-incremental",
            "spsa-" + MATCHED_EVALUATIONS / 2, "forward-gradient-" + MATCHED_EVALUATIONS);
    /** The method that re-evaluates the whole network per perturbation: run for real only when allowed. */
    static final String FULL_METHOD = "central-full";

    @Override
    public String name() {
        return "classic";
    }

    @Override
    public String summary() {
        return "784-50-10 on MNIST-10k, 100 steps: backprop vs central differences (full and incremental), SPSA and"
                + " the forward gradient";
    }

    @Override
    public Flags declare(Flags f) {
        return f.value("steps", "N", "steps of the table runs (default " + STEPS + "; " + QUICK_STEPS + " with --quick)")
                .value("full-steps", "N", "steps the full-evaluation method really runs; the rest of its time is"
                        + " extrapolated and marked (default: all; " + QUICK_FULL_STEPS + " with --quick)")
                .value("lr-grid", "LIST", "backprop learning rates tried (default " + LR_GRID + ")")
                .value("hidden", "N", "hidden units (default " + HIDDEN + ")")
                .value("batch", "N", "rows per step (default " + BATCH + ")")
                .value("long-max-steps", "N", "step limit of the run to " + (int) (TARGET_ACCURACY * 100)
                        + " % test accuracy (default " + LONG_MAX_STEPS + "; " + QUICK_LONG_MAX_STEPS + " with --quick)")
                .value("eval-every", "N", "test-set evaluation interval of that run, in steps (default " + EVAL_EVERY + ")")
                .flag("full-long", "run the full-evaluation method in that run too (hours at 784-50-10)")
                .value("parameter-workers", "N", "threads finite differences split the parameters over (default 1)")
                .value("seed", "N", "seed of θ₀ and of the batch order, the same for every method (default " + SEED + ")");
    }

    /**
     * The one place the methods' estimators are built, from the engine's estimator registry: backprop,
     * float central differences at the default step with FULL or INCREMENTAL evaluation, and the
     * stochastic estimators at the matched budget with the run's seed.
     */
    static GradientEstimator estimator(String method, Mlp model, int batch, int parameterWorkers) {
        EstimatorOptions o = EstimatorOptions.defaults().withParameterWorkers(parameterWorkers);
        switch (method) {
            case "backprop":
                return Estimators.kind("backprop").create(model, batch, o);
            case "central-full":
                return Estimators.kind("central").create(model, batch, o.withEvaluation(Evaluation.FULL));
            case "central-incremental":
                return Estimators.kind("central").create(model, batch, o.withEvaluation(Evaluation.INCREMENTAL));
            default:
                if (method.equals(METHODS.get(3))) {
                    return Estimators.kind("spsa").create(model, batch, o.withDirections(MATCHED_EVALUATIONS / 2)
                            .withDirectionSeed(SEED));
                }
                if (method.equals(METHODS.get(4))) {
                    return Estimators.kind("forward-gradient").create(model, batch,
                            o.withDirections(MATCHED_EVALUATIONS).withDirectionSeed(SEED));
                }
                throw new IllegalArgumentException("unknown method " + method);
        }
    }

    /** Loss evaluations of one step's gradient (backprop 1, central 2P + 1, the stochastic ones their budget). */
    static long evaluationsPerStep(String method, int parameters) {
        if (method.equals("backprop")) {
            return 1;
        }
        if (method.startsWith("central")) {
            return 2L * parameters + 1;
        }
        return MATCHED_EVALUATIONS;
    }

    /** The classic model with {@code hidden} units on the best kernel. */
    static Mlp model(int hidden) {
        return new Mlp(new int[] {784, hidden, 10}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, Kernels.best());
    }

    /** The setup every method of a run shares: same model, θ₀ and batches. */
    static ClassicRun.Setup setup(int hidden, int batch, long seed) {
        MnistData.Split data = MnistData.embedded();
        Mlp model = model(hidden);
        return new ClassicRun.Setup(model, data.train(), data.test(), model.initialise(Init.NORMAL_001, seed), batch, seed);
    }

    /** One method's run; {@code steps} may be fewer than planned (the full-evaluation method, extrapolated). */
    static ClassicRun run(ClassicRun.Setup s, String method, double lr, int planned, int steps, int evalEvery,
                          double stopAt, int snapshotStep, int parameterWorkers, StepProgress progress) {
        try (GradientEstimator e = estimator(method, s.model(), s.batch(), parameterWorkers)) {
            StepProgress.Run line = progress == null ? null
                    : progress.start(method + " lr " + lr, Math.min(planned, steps));
            return ClassicRun.train(s, method, e, evaluationsPerStep(method, s.model().parameterCount()), lr, planned,
                    steps, evalEvery, stopAt, snapshotStep, line);
        }
    }

    /** Relative distance of a backprop run from the published row: √((ΔL/L)² + (ΔA/A)²). */
    static double distanceFromPublished(double loss, double accuracy) {
        double dl = (loss - PUBLISHED_LOSS) / PUBLISHED_LOSS;
        double da = (accuracy - PUBLISHED_ACCURACY) / PUBLISHED_ACCURACY;
        return Math.sqrt(dl * dl + da * da);
    }

    /** The largest |loss − backprop's loss| over the steps both ran. */
    static double maxLossDifference(ClassicRun run, ClassicRun backprop) {
        double worst = 0;
        int n = Math.min(run.stepsRun(), backprop.stepsRun());
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(run.batchLoss()[i] - backprop.batchLoss()[i]));
        }
        return worst;
    }

    /** ‖θ − θ_backprop‖₂ after the run's last step (backprop's snapshot at that step when it ran fewer). */
    static double parameterDistance(ClassicRun run, ClassicRun backprop) {
        float[] ref = run.stepsRun() == backprop.stepsRun() ? backprop.theta() : backprop.snapshot();
        if (ref == null) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = (double) run.theta()[i] - ref[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private record Settings(boolean quick, int steps, int fullSteps, List<Double> grid, int hidden, int batch,
                            int longMax, int evalEvery, boolean fullLong, int parameterWorkers, long seed) {
    }

    private static Settings settings(Flags.Parsed p) {
        boolean quick = p.has("quick");
        int steps = p.integer("steps", quick ? QUICK_STEPS : STEPS, 1, 10_000_000);
        int fullSteps = p.integer("full-steps", quick ? Math.min(QUICK_FULL_STEPS, steps) : steps, 1, 10_000_000);
        if (fullSteps > steps) {
            throw new UsageException("--full-steps", "expected at most --steps (" + steps + "), got " + fullSteps);
        }
        List<Double> grid = new ArrayList<>();
        for (String item : p.list("lr-grid", LR_GRID)) {
            double lr;
            try {
                lr = Double.parseDouble(item);
            } catch (NumberFormatException e) {
                throw new UsageException("--lr-grid", "'" + item + "' is not a learning rate (expected e.g. " + LR_GRID + ")");
            }
            if (!(lr > 0) || !Double.isFinite(lr) || lr > 1e3) {
                throw new UsageException("--lr-grid", "learning rates must be greater than 0 and at most 1000, got " + item);
            }
            grid.add(lr);
        }
        int hidden = p.integer("hidden", HIDDEN, 1, 100_000);
        int batch = p.integer("batch", BATCH, 1, 8000);
        int longMax = p.integer("long-max-steps", quick ? QUICK_LONG_MAX_STEPS : LONG_MAX_STEPS, 0, 100_000_000);
        int evalEvery = p.integer("eval-every", EVAL_EVERY, 1, 100_000_000);
        long seed = p.longInteger("seed", SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        return new Settings(quick, steps, fullSteps, grid, hidden, batch, longMax, evalEvery, p.has("full-long"),
                p.integer("parameter-workers", 1, 1, 256), seed);
    }

    @Override
    public int run(Flags.Parsed p, Path dir, PrintStream out, PrintStream err) throws IOException {
        Settings st = settings(p);
        ResultFiles.checkWritable(dir, 8L << 20);
        ClassicRun.Setup setup = setup(st.hidden(), st.batch(), st.seed());
        if (st.batch() > setup.train().rows()) {
            throw new UsageException("--batch", "expected at most the " + setup.train().rows() + " training rows, got "
                    + st.batch());
        }
        Mlp model = setup.model();
        int params = model.parameterCount();
        StepProgress progress = new StepProgress("experiment classic", err);
        out.printf(Locale.ROOT, "classic: %s (%d parameters), N(0, 0.01²) init, batch %d, %d steps of plain SGD on %s"
                + " (%d rows; test %d), seed %d, float arithmetic, kernel %s%s%n", model.describe(), params,
                st.batch(), st.steps(), setup.train().name(), setup.train().rows(), setup.test().rows(), st.seed(),
                model.kernel().name(), st.quick() ? "; QUICK profile (fewer steps, indicative only)" : "");

        StringBuilder curves = new StringBuilder("run,lr,method,step,batch_loss,test_accuracy,seconds,loss_evaluations\n");
        StringBuilder table = new StringBuilder("section,lr,method,steps,steps_planned,seconds,seconds_kind,train_loss,"
                + "test_accuracy,loss_evaluations,max_loss_difference_vs_backprop,parameter_distance_vs_backprop,note\n");

        // Warm-up, discarded: the first steps of a JVM compile the kernel's and the estimators'
        // loops, which would otherwise be charged to the first timed run of each method (the
        // full-evaluation method is left out: one step of it is seconds, and it runs many steps).
        for (String method : METHODS) {
            if (!method.equals(FULL_METHOD)) {
                run(setup, method, TEXTBOOK_LR, st.steps(), Math.min(st.steps(), 10), st.steps(), 0, -1,
                        st.parameterWorkers(), null);
            }
        }

        // 1. The learning-rate grid (backprop only).
        out.printf(Locale.ROOT, "%nlearning-rate grid, backprop, %d steps (the post does not state its rate; the one"
                + " closest to its row, loss %.4f and accuracy %.4f, is chosen by √((ΔL/L)² + (ΔA/A)²)):%n",
                st.steps(), PUBLISHED_LOSS, PUBLISHED_ACCURACY);
        double chosen = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        List<ClassicRun> gridRuns = new ArrayList<>();
        for (double lr : st.grid()) {
            ClassicRun r = run(setup, "backprop", lr, st.steps(), st.steps(), st.steps(), 0, -1, 1, progress);
            gridRuns.add(r);
            double d = distanceFromPublished(r.trainLoss(), r.finalAccuracy());
            if (d < best) {
                best = d;
                chosen = lr;
            }
            curve(curves, "grid", r);
        }
        for (ClassicRun r : gridRuns) {
            double d = distanceFromPublished(r.trainLoss(), r.finalAccuracy());
            out.printf(Locale.ROOT, "  lr %-5s training loss %.4f  test accuracy %.4f  distance %.3f%s%n", num(r.lr()),
                    r.trainLoss(), r.finalAccuracy(), d, r.lr() == chosen ? "  <- chosen" : "");
            row(table, "grid", r, r.totalSeconds(), "measured", Double.NaN, Double.NaN,
                    String.format(Locale.ROOT, "distance from the published row %.4f%s", d, r.lr() == chosen ? "; chosen" : ""));
        }

        // 2. The table at the textbook's 0.1 and at the chosen rate.
        List<Double> rates = new ArrayList<>(List.of(TEXTBOOK_LR));
        if (chosen != TEXTBOOK_LR) {
            rates.add(chosen);
        }
        Map<Double, Map<String, ClassicRun>> byRate = new LinkedHashMap<>();
        for (double lr : rates) {
            Map<String, ClassicRun> runs = new LinkedHashMap<>();
            for (String method : METHODS) {
                int steps = method.equals(FULL_METHOD) ? st.fullSteps() : st.steps();
                int snapshot = st.fullSteps() < st.steps() ? st.fullSteps() : -1;
                ClassicRun r = run(setup, method, lr, st.steps(), steps, 1, 0, snapshot, st.parameterWorkers(), progress);
                runs.put(method, r);
                curve(curves, "table", r);
            }
            byRate.put(lr, runs);
            printTable(lr, lr == TEXTBOOK_LR ? "the textbook's rate" : "the grid's rate closest to the published row",
                    runs, st, params, dir, out, table);
        }
        printPublished(out, table, st, params, dir);

        // 3. The longer run to the target accuracy at the chosen rate.
        if (st.longMax() > 0) {
            longRun(setup, st, chosen, byRate.get(chosen), params, progress, out, table, curves);
        }

        Map<String, String> env = Environment.host(stem(), st.quick() ? "quick" : "full");
        env.put("command.line", "experiment " + String.join(" ", p.arguments()));
        env.put("model", model.describe());
        env.put("parameters", Integer.toString(params));
        env.put("init", "normal (σ = 0.01), biases zero");
        env.put("seed", Long.toString(st.seed()));
        env.put("arithmetic", "float (losses, gradients, updates, accuracies)");
        env.put("data", setup.train().name() + " / " + setup.test().name());
        env.put("batch", Integer.toString(st.batch()));
        env.put("steps", Integer.toString(st.steps()));
        env.put("full.steps", Integer.toString(st.fullSteps()));
        env.put("lr.grid", st.grid().toString());
        env.put("lr.chosen", Double.toString(chosen));
        env.put("optimizer", "plain SGD θ ← θ − lr·g, the same batches for every method");
        env.put("methods", String.join(" ", METHODS));
        env.put("fd.step", "central, absolute h = " + FiniteDifferenceConfig.defaultStep(Scheme.CENTRAL, Precision.FLOAT)
                + " (float default)");
        env.put("fd.parameterWorkers", Integer.toString(st.parameterWorkers()));
        env.put("seconds", "wall time of the gradients and updates; test evaluations excluded");
        env.put("loss.evaluations", "backprop 1 per step (its forward pass); central 2P + 1 per step; spsa and the"
                + " forward gradient " + MATCHED_EVALUATIONS + " per step (2 per SPSA direction, 1 per tangent pass)");
        env.put("directions.seed", Long.toString(SEED));
        env.put("train_loss", "mean loss over the whole training set at the final parameters");
        env.put("long.max.steps", Integer.toString(st.longMax()));
        env.put("long.eval.every", Integer.toString(st.evalEvery()));
        env.put("long.full", Boolean.toString(st.fullLong()));
        env.put("kernel", model.kernel().name());
        String curveText = curves.toString();
        String tableText = table.toString();
        return writeResults(dir, curveText, "-table", tableText, env, out, err);
    }

    private void printTable(double lr, String why, Map<String, ClassicRun> runs, Settings st, int params, Path dir,
                            PrintStream out, StringBuilder table) {
        ClassicRun bp = runs.get("backprop");
        out.printf(Locale.ROOT, "%nlr %s (%s), %d steps, float:%n", num(lr), why, st.steps());
        out.printf(Locale.ROOT, "  %-22s %7s %26s %15s %14s%n", "method", "steps", "elapsed", "training loss",
                "test accuracy");
        for (ClassicRun r : runs.values()) {
            double seconds = r.partial() ? r.secondsPerStep() * r.stepsPlanned() : r.totalSeconds();
            String elapsed = r.partial() ? "≈ " + duration(seconds) + " (extrapolated)" : duration(seconds);
            String steps = r.partial() ? r.stepsRun() + "/" + r.stepsPlanned() : Integer.toString(r.stepsRun());
            out.printf(Locale.ROOT, "  %-22s %7s %26s %15s %14s%n", r.method(), steps, elapsed,
                    String.format(Locale.ROOT, "%.4f%s", r.trainLoss(), r.partial() ? "*" : ""),
                    String.format(Locale.ROOT, "%.4f%s", r.finalAccuracy(), r.partial() ? "*" : ""));
            double diff = r == bp ? Double.NaN : maxLossDifference(r, bp);
            double dist = r == bp ? Double.NaN : parameterDistance(r, bp);
            row(table, "table", r, seconds, r.partial() ? "extrapolated" : "measured", diff, dist,
                    r.partial() ? "ran " + r.stepsRun() + " of " + r.stepsPlanned() + " steps: loss and accuracy after step "
                            + r.stepsRun() + "; seconds = measured seconds per step × " + r.stepsPlanned() : "");
        }
        if (runs.values().stream().anyMatch(ClassicRun::partial)) {
            out.println("  * after the steps run, not after " + st.steps() + "; elapsed extrapolated from the measured"
                    + " seconds per step");
        }
        for (ClassicRun r : runs.values()) {
            if (r != bp) {
                out.printf(Locale.ROOT, "  %s vs backprop: largest batch-loss difference over %d steps %.3e,"
                        + " parameter distance ‖Δθ‖₂ %.3e after step %d%n", r.method(), Math.min(r.stepsRun(),
                        bp.stepsRun()), maxLossDifference(r, bp), parameterDistance(r, bp), r.stepsRun());
            }
        }
        out.println("  (the differences are the float central difference's error at h = 0.01: truncation h²·f‴/6 plus"
                + " rounding of order ε·|f|/h per component, see the step-size sweep; the batches are shared)");
    }

    private void printPublished(PrintStream out, StringBuilder table, Settings st, int params, Path dir) {
        out.println();
        out.println("published (full MNIST, 60,000 rows, NumPy; for reference):");
        out.printf(Locale.ROOT, "  %-22s %7s %26s %15s %14s%n", "backprop", 100, duration(PUBLISHED_BACKPROP_SECONDS),
                String.format(Locale.ROOT, "%.4f", PUBLISHED_LOSS), String.format(Locale.ROOT, "%.4f", PUBLISHED_ACCURACY));
        out.printf(Locale.ROOT, "  %-22s %7s %26s %15s %14s%n", "numerical diff.", 100, duration(PUBLISHED_FD_SECONDS),
                String.format(Locale.ROOT, "%.4f", PUBLISHED_FD_LOSS), String.format(Locale.ROOT, "%.4f", PUBLISHED_FD_ACCURACY));
        table.append(String.format(Locale.ROOT, "published,,backprop,100,100,%s,published,%s,%s,,,,\"full MNIST, NumPy\"%n",
                PUBLISHED_BACKPROP_SECONDS, PUBLISHED_LOSS, PUBLISHED_ACCURACY));
        table.append(String.format(Locale.ROOT, "published,,numerical-differentiation,100,100,%s,published,%s,%s,,,,"
                + "\"full MNIST, NumPy\"%n", PUBLISHED_FD_SECONDS, PUBLISHED_FD_LOSS, PUBLISHED_FD_ACCURACY));
        Optional<double[]> peer = numpyClassicLoop(dir);
        if (peer.isEmpty()) {
            out.println("  NumPy classic loop on this machine: no peers.csv in " + dir + " or results/ (run the suite"
                    + " with --with-peers)");
        } else if (params != 784 * HIDDEN + HIDDEN + HIDDEN * 10 + 10 || st.batch() != BATCH) {
            out.println("  NumPy classic loop on this machine: peers.csv measures 784-50-10 at batch 100, not this model");
        } else {
            double perParam = peer.get()[0];
            double perStep = perParam * params;
            out.printf(Locale.ROOT, "  NumPy classic loop on this machine (peers.csv, float, 1 thread): %.1f us per"
                    + " parameter × %d = %s per step, ≈ %s for %d steps%n", perParam * 1e6, params, duration(perStep),
                    duration(perStep * st.steps()), st.steps());
            table.append(String.format(Locale.ROOT, "peer,,numpy-classic-loop,%d,%d,%.6g,extrapolated,,,%d,,,"
                    + "\"peers.csv CentralDifferenceFullPerParameter %.6g s per parameter × %d parameters × %d steps\"%n",
                    st.steps(), st.steps(), perStep * st.steps(), evaluationsPerStep("central", params) * st.steps(),
                    perParam, params, st.steps()));
        }
    }

    /**
     * The NumPy peer's full central difference per parameter (seconds, float, 1 thread, 784-50-10,
     * batch 100) from {@code peers.csv} in the output folder, else in the committed baseline run
     * ({@code results/baseline} names it).
     */
    static Optional<double[]> numpyClassicLoop(Path dir) {
        List<Path> candidates = new java.util.ArrayList<>(List.of(dir.resolve("peers.csv")));
        try {
            candidates.add(new RunFolders(Path.of("results")).baseline().resolve("peers.csv"));
        } catch (RuntimeException noBaseline) {
            // optional: without a baseline run the table leaves the NumPy line out
        }
        for (Path f : candidates) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                CsvTable t = Csv.parse(Files.readString(f));
                for (List<String> cells : t.rows()) {
                    JmhRow r = new JmhRow(t, cells);
                    if (!r.secondary() && r.benchmark().equals("peers.numpy.CentralDifferenceFullPerParameter")
                            && r.param("precision").map("float"::equals).orElse(false)
                            && r.param("threads").map("1"::equals).orElse(false)
                            && r.param("model").map("784-50-10"::equals).orElse(false)
                            && r.param("batch").map("100"::equals).orElse(false)
                            && r.secondsPerOp().isPresent()) {
                        return Optional.of(new double[] {r.secondsPerOp().getAsDouble()});
                    }
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void longRun(ClassicRun.Setup setup, Settings st, double lr, Map<String, ClassicRun> table, int params,
                         StepProgress progress, PrintStream out, StringBuilder tableCsv, StringBuilder curves) {
        out.printf(Locale.ROOT, "%nlonger run at lr %s to the first evaluated step with test accuracy ≥ %.2f (evaluated"
                + " every %d steps, at most %d steps):%n", num(lr), TARGET_ACCURACY, st.evalEvery(), st.longMax());
        ClassicRun bp = run(setup, "backprop", lr, st.longMax(), st.longMax(), st.evalEvery(), TARGET_ACCURACY, -1, 1,
                progress);
        int target = bp.firstStepReaching(TARGET_ACCURACY);
        int steps = target > 0 ? target : bp.stepsRun();
        String reached = target > 0 ? "reached at step " + target : "not reached within " + st.longMax() + " steps";
        curve(curves, "long", bp);
        List<ClassicRun> runs = new ArrayList<>(List.of(bp));
        for (String method : METHODS) {
            if (method.equals("backprop") || (method.equals(FULL_METHOD) && !st.fullLong())) {
                continue;
            }
            ClassicRun r = run(setup, method, lr, steps, steps, st.evalEvery(), 0, -1, st.parameterWorkers(), progress);
            curve(curves, "long", r);
            runs.add(r);
        }
        out.printf(Locale.ROOT, "  backprop %s%n", reached);
        out.printf(Locale.ROOT, "  %-22s %7s %26s %15s %14s%n", "method", "steps", "elapsed", "training loss",
                "test accuracy");
        for (ClassicRun r : runs) {
            out.printf(Locale.ROOT, "  %-22s %7d %26s %15.4f %14.4f%n", r.method(), r.stepsRun(),
                    duration(r.totalSeconds()), r.trainLoss(), r.finalAccuracy());
            row(tableCsv, "long", r, r.totalSeconds(), "measured", r == bp ? Double.NaN : maxLossDifference(r, bp),
                    r == bp ? Double.NaN : parameterDistance(r, bp), r == bp ? "backprop " + reached : "");
        }
        if (!st.fullLong()) {
            ClassicRun measured = table.get(FULL_METHOD);
            double seconds = measured.secondsPerStep() * steps;
            out.printf(Locale.ROOT, "  %-22s %7d %26s %15s %14s%n", FULL_METHOD, steps,
                    "≈ " + duration(seconds) + " (extrapolated)", "—", "—");
            out.printf(Locale.ROOT, "  (%s not run: its time is %d steps × the %s s per step measured in the table run;"
                    + " --full-long runs it)%n", FULL_METHOD, steps, String.format(Locale.ROOT, "%.4g",
                    measured.secondsPerStep()));
            tableCsv.append(String.format(Locale.ROOT, "long,%s,%s,%d,%d,%.6g,extrapolated,,,%d,,,\"not run: %d steps ×"
                    + " %.6g s per step measured in the table run\"%n", num(lr), FULL_METHOD, steps, steps, seconds,
                    measured.evaluationsPerStep() * steps, steps, measured.secondsPerStep()));
        }
    }

    private static void row(StringBuilder t, String section, ClassicRun r, double seconds, String kind, double diff,
                            double dist, String note) {
        t.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.6g,%s,%.8g,%.6f,%d,%s,%s,\"%s\"%n", section, num(r.lr()),
                r.method(), r.stepsRun(), r.stepsPlanned(), seconds, kind, r.trainLoss(), r.finalAccuracy(),
                r.evaluationsPerStep() * r.stepsRun(), Double.isNaN(diff) ? "" : String.format(Locale.ROOT, "%.6g", diff),
                Double.isNaN(dist) ? "" : String.format(Locale.ROOT, "%.6g", dist), note));
    }

    private static void curve(StringBuilder c, String run, ClassicRun r) {
        for (int i = 0; i < r.stepsRun(); i++) {
            double acc = r.testAccuracy()[i];
            c.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.8g,%s,%.6g,%d%n", run, num(r.lr()), r.method(), i + 1,
                    r.batchLoss()[i], Double.isNaN(acc) ? "" : String.format(Locale.ROOT, "%.6f", acc),
                    r.seconds()[i], r.evaluationsPerStep() * (i + 1)));
        }
    }

    /** "0.015 s", "41.2 s", "9 min 20.5 s", "141 min 55.3 s (2.4 h)": minutes throughout, as the published table. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "—";
        }
        if (seconds < 1) {
            return String.format(Locale.ROOT, "%.3f s", seconds);
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        String minutes = String.format(Locale.ROOT, "%d min %.1f s", (long) seconds / 60, seconds % 60);
        return seconds < 3600 ? minutes : minutes + String.format(Locale.ROOT, " (%.1f h)", seconds / 3600);
    }

    static String num(double x) {
        return XorExperiment.num(x);
    }
}
