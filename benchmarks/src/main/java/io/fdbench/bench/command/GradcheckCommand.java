package io.fdbench.bench.command;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.DirectionalCheck;
import io.fdbench.engine.grad.EstimatorOption;
import io.fdbench.engine.grad.GradientCheck;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.grad.TaylorCheck;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.nn.Mlp;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code gradcheck}: checks a gradient estimator on one model and batch and prints PASS or FAIL;
 * exits 1 on FAIL. Three modes:
 * <ul>
 *   <li>{@code full} (default): compares two estimators (default: float backprop against central
 *       differences on the double reference), the relative error overall and per block and the
 *       worst entries ({@link GradientCheck});</li>
 *   <li>{@code fast}: the first estimator's vᵀg against double central differences along a few
 *       random unit directions, two loss evaluations each ({@link DirectionalCheck}); on FAIL it
 *       falls back to the full per-block report, to say where;</li>
 *   <li>{@code taylor}: the Taylor-remainder test of the first estimator's gradient, PASS when the
 *       remainder's fitted order exceeds 1.8 ({@link TaylorCheck}).</li>
 * </ul>
 */
public final class GradcheckCommand extends FlagCommand {

    @Override
    public String name() {
        return "gradcheck";
    }

    @Override
    protected String summary() {
        return "Compare two gradient estimators (default: float backprop vs central differences in double)";
    }

    @Override
    protected Flags flags() {
        Flags f = ModelFlags.declareModel(new Flags());
        ModelFlags.declareEstimator(f, "", "first estimator (default backprop)", "float");
        ModelFlags.declareEstimator(f, "vs-", "second estimator (default central, incremental, double)", "double");
        ModelFlags.declareWorkers(f, 2);
        return f.value("mode", "NAME", "full (compare the two estimators entry by entry), fast (directional"
                        + " derivatives against double central differences, the full report on FAIL) or taylor"
                        + " (Taylor-remainder order of the first estimator's gradient) (default full)")
                .value("check-directions", "K", "random unit directions of --mode fast (default "
                        + DirectionalCheck.DEFAULT_DIRECTIONS + ") or taylor (default " + TaylorCheck.DEFAULT_DIRECTIONS
                        + "), seeded by --seed")
                .value("batch", "N", "batch rows (default 100; MNIST-10k for 784 inputs, synthetic otherwise)")
                .value("samples", "N", "compare a seeded sample of N parameters (default: all, or 2000 when the"
                        + " model has more than 50,000)")
                .value("tolerance", "T", "PASS when the relative error is below T (default 1e-4)")
                .value("worst", "N", "list the N worst entries (default 10)");
    }

    /** The kinds of check. */
    private enum Mode {
        FULL, FAST, TAYLOR;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) {
        Mode mode = mode(p);
        Mlp model = ModelFlags.model(p);
        int batchSize = p.integer("batch", 100, 1, 60_000);
        int parameterWorkers = ModelFlags.parameterWorkers(p, 2);
        int batchWorkers = ModelFlags.batchWorkers(p);
        double tolerance = p.decimal("tolerance", GradientCheck.DEFAULT_TOLERANCE, 0, 1e6);
        int worst = p.integer("worst", 10, 0, 10_000);
        long seed = ModelFlags.seed(p);
        int defaultSamples = model.parameterCount() > 50_000 ? 2_000 : model.parameterCount();
        int samples = p.integer("samples", defaultSamples, 1, Integer.MAX_VALUE);
        refuseUnread(p, mode);
        int checkDirections = p.integer("check-directions", mode == Mode.TAYLOR ? TaylorCheck.DEFAULT_DIRECTIONS
                : DirectionalCheck.DEFAULT_DIRECTIONS, 1, 1000);
        if (samples > model.parameterCount()) {
            throw new UsageException("--samples", "the model " + model.describe() + " has only "
                    + model.parameterCount() + " parameters; omit --samples to compare them all");
        }
        // The Mlp above is a description (sizes and offsets); nothing large is allocated before this.
        int[] sizes = model.sizes();
        ModelFlags.requireHeap(name(), sizes, Footprint.gradientCheck(sizes),
                mode == Mode.FULL ? 0 : Footprint.directionChecks(sizes),
                ModelFlags.estimatorFootprint(p, "", "backprop", "float", sizes, batchSize, parameterWorkers,
                        batchWorkers),
                mode == Mode.TAYLOR ? 0 : ModelFlags.estimatorFootprint(p, "vs-", "central", "double", sizes,
                        batchSize, parameterWorkers, batchWorkers));
        Batch batch = Workload.data(model.inputs(), model.outputs(), batchSize).batch(0, batchSize);
        float[] theta = model.initialise(ModelFlags.init(p), seed);
        int[] subset = samples >= model.parameterCount() ? null : ParameterSample.stratified(model, samples, seed);
        if (subset != null && subset.length != samples) {
            // ParameterSample.stratified: a rounded share of every block, at least 4 (or all) of each.
            err.println(name() + ": note: --samples " + samples + " compares " + subset.length + " parameters: the"
                    + " sample takes a rounded share of each of the " + model.blocks().size()
                    + " blocks, and at least 4 of each");
        }
        String header = "model " + model.describe() + ", batch " + batchSize + " (" + batch.size() + " rows), "
                + model.parameterCount() + " parameters, kernel " + model.kernel().name();
        if (mode == Mode.TAYLOR) {
            try (GradientEstimator a = ModelFlags.estimator(p, "", "backprop", "float", model, batchSize,
                    parameterWorkers, batchWorkers)) {
                float[] g = new float[model.parameterCount()];
                a.gradient(theta, batch, g);
                TaylorCheck.Report r = TaylorCheck.run(model, theta, batch, a.name(), g, checkDirections, seed);
                out.println(header);
                out.print(r.format());
                return r.passed() ? Exit.OK : Exit.FAILURE;
            }
        }
        if (mode == Mode.FULL) {
            try (GradientEstimator a = ModelFlags.estimator(p, "", "backprop", "float", model, batchSize,
                    parameterWorkers, batchWorkers);
                 GradientEstimator b = ModelFlags.estimator(p, "vs-", "central", "double", model, batchSize,
                         parameterWorkers, batchWorkers)) {
                GradientCheck.Report r = GradientCheck.run(model, theta, batch, a, b, subset, tolerance, worst);
                out.println(header);
                out.print(r.format());
                for (GradientEstimator e : List.of(a, b)) {
                    e.lastErrorEstimates().ifPresent(est -> out.println(errorEstimateLine(e.name(), est, subset)));
                }
                return r.passed() ? Exit.OK : Exit.FAILURE;
            }
        }
        // fast: the whole gradient of the first estimator, checked along random directions
        float[] ga = new float[model.parameterCount()];
        String nameA;
        try (GradientEstimator a = ModelFlags.estimator(p, "", "backprop", "float", model, batchSize,
                parameterWorkers, batchWorkers)) {
            a.gradient(theta, batch, ga);
            nameA = a.name();
        }
        DirectionalCheck.Report fast = DirectionalCheck.run(model, theta, batch, nameA, ga, checkDirections, seed,
                DirectionalCheck.DEFAULT_STEP, tolerance);
        out.println(header);
        out.print(fast.format());
        if (fast.passed()) {
            return Exit.OK;
        }
        // on FAIL, where: the per-block report of the same gradient against the second estimator
        try (GradientEstimator b = ModelFlags.estimator(p, "vs-", "central", "double", model, batchSize,
                parameterWorkers, batchWorkers)) {
            out.println("directional check FAIL: the per-block report against " + b.name() + " follows");
            float[] gb = new float[model.parameterCount()];
            b.gradient(theta, batch, gb, subset);
            out.print(GradientCheck.compare(model, nameA, ga, b.name(), gb, subset, tolerance, worst).format());
            return Exit.FAILURE;
        }
    }

    private static Mode mode(Flags.Parsed p) {
        String m = p.string("mode", "full").trim().toLowerCase(Locale.ROOT);
        for (Mode mode : Mode.values()) {
            if (mode.label().equals(m)) {
                return mode;
            }
        }
        throw new UsageException("--mode", "expected full, fast or taylor, got '" + p.string("mode", "") + "'");
    }

    /**
     * The flags a mode does not read, refused rather than ignored: --check-directions in full mode;
     * the second estimator, the tolerance, the sample and the worst-entry list in taylor mode.
     */
    private static void refuseUnread(Flags.Parsed p, Mode mode) {
        List<String> unread = new ArrayList<>();
        if (mode == Mode.FULL) {
            unread.add("check-directions");
        }
        if (mode == Mode.TAYLOR) {
            unread.addAll(List.of("tolerance", "samples", "worst", "vs-estimator", "vs-h", "vs-relative"));
            for (EstimatorOption o : EstimatorOption.values()) {
                if (o != EstimatorOption.STEP && o != EstimatorOption.PARAMETER_WORKERS
                        && o != EstimatorOption.BATCH_WORKERS) {
                    unread.add("vs-" + o.flag());
                }
            }
        }
        for (String flag : unread) {
            if (p.has(flag)) {
                throw new UsageException("--" + flag, "has no effect with --mode " + mode.label());
            }
        }
    }

    /**
     * The error estimates an estimator made of its own gradient (Richardson, the adaptive step),
     * over the compared parameters: their median and largest, in the estimator's precision.
     */
    static String errorEstimateLine(String name, double[] estimates, int[] subset) {
        int n = subset == null ? estimates.length : subset.length;
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = estimates[subset == null ? k : subset[k]];
        }
        java.util.Arrays.sort(v);
        return String.format(java.util.Locale.ROOT, "%s's own error estimate over the %d compared parameters:"
                + " median %.3e, largest %.3e", name, n, v[n / 2], v[n - 1]);
    }
}
