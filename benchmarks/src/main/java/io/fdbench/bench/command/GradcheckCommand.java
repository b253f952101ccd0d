package io.fdbench.bench.command;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.GradientCheck;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.nn.Mlp;

import java.io.PrintStream;

/**
 * {@code gradcheck}: compares two gradient estimators on one model and batch (default: float
 * backprop against central differences on the double reference) and prints the relative error
 * overall and per block, the worst entries, and PASS or FAIL; exits 1 on FAIL.
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
        return f.value("batch", "N", "batch rows (default 100; MNIST-10k for 784 inputs, synthetic otherwise)")
                .value("samples", "N", "compare a seeded sample of N parameters (default: all, or 2000 when the"
                        + " model has more than 50,000)")
                .value("tolerance", "T", "PASS when the relative error is below T (default 1e-4)")
                .value("worst", "N", "list the N worst entries (default 10)");
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) {
        Mlp model = ModelFlags.model(p);
        int batchSize = p.integer("batch", 100, 1, 60_000);
        int parameterWorkers = ModelFlags.parameterWorkers(p, 2);
        int batchWorkers = ModelFlags.batchWorkers(p);
        double tolerance = p.decimal("tolerance", GradientCheck.DEFAULT_TOLERANCE, 0, 1e6);
        int worst = p.integer("worst", 10, 0, 10_000);
        long seed = ModelFlags.seed(p);
        int defaultSamples = model.parameterCount() > 50_000 ? 2_000 : model.parameterCount();
        int samples = p.integer("samples", defaultSamples, 1, Integer.MAX_VALUE);
        if (samples > model.parameterCount()) {
            throw new UsageException("--samples", "the model " + model.describe() + " has only "
                    + model.parameterCount() + " parameters; omit --samples to compare them all");
        }
        // The Mlp above is a description (sizes and offsets); nothing large is allocated before this.
        int[] sizes = model.sizes();
        ModelFlags.requireHeap(name(), sizes, Footprint.gradientCheck(sizes),
                ModelFlags.estimatorFootprint(p, "", "backprop", "float", sizes, batchSize, parameterWorkers,
                        batchWorkers),
                ModelFlags.estimatorFootprint(p, "vs-", "central", "double", sizes, batchSize, parameterWorkers,
                        batchWorkers));
        Batch batch = Workload.data(model.inputs(), model.outputs(), batchSize).batch(0, batchSize);
        float[] theta = model.initialise(ModelFlags.init(p), seed);
        int[] subset = samples >= model.parameterCount() ? null : ParameterSample.stratified(model, samples, seed);
        if (subset != null && subset.length != samples) {
            // ParameterSample.stratified: a rounded share of every block, at least 4 (or all) of each.
            err.println(name() + ": note: --samples " + samples + " compares " + subset.length + " parameters: the"
                    + " sample takes a rounded share of each of the " + model.blocks().size()
                    + " blocks, and at least 4 of each");
        }
        try (GradientEstimator a = ModelFlags.estimator(p, "", "backprop", "float", model, batchSize,
                parameterWorkers, batchWorkers);
             GradientEstimator b = ModelFlags.estimator(p, "vs-", "central", "double", model, batchSize,
                     parameterWorkers, batchWorkers)) {
            GradientCheck.Report r = GradientCheck.run(model, theta, batch, a, b, subset, tolerance, worst);
            out.println("model " + model.describe() + ", batch " + batchSize + " (" + batch.size() + " rows), "
                    + model.parameterCount() + " parameters, kernel " + model.kernel().name());
            out.print(r.format());
            return r.passed() ? Exit.OK : Exit.FAILURE;
        }
    }
}
