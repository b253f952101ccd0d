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
import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.grad.EstimatorKind;
import io.fdbench.engine.grad.EstimatorOptions;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.kernel.ParallelKernel;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.train.EpochStats;
import io.fdbench.engine.train.Trainer;
import io.fdbench.engine.train.TrainingConfig;
import io.fdbench.engine.train.TrainingResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train}: mini-batch SGD of an MLP on MNIST-format data with any gradient estimator,
 * printing per-epoch statistics and writing them to {@code train.csv} (loss, test loss and
 * accuracy, seconds) with {@code train-env.csv} beside it (the machine, the model, the estimator
 * and every hyper-parameter). Progress and the time left go to stderr. A run whose loss became
 * NaN or infinite exits 1.
 */
public final class TrainCommand extends FlagCommand {

    /** --quick: one epoch that visibly learns in about a second (≈ 0.89 test accuracy on MNIST-10k). */
    static final double QUICK_LR = 0.5;
    static final double QUICK_MOMENTUM = 0.9;
    static final int QUICK_BATCH = 50;

    @Override
    public String name() {
        return "train";
    }

    @Override
    protected String summary() {
        return "Train an MLP on MNIST-format data with a chosen gradient estimator (writes train.csv, train-env.csv)";
    }

    @Override
    protected Flags flags() {
        Flags f = ModelFlags.declareModel(CommonFlags.output(new Flags()));
        ModelFlags.declareEstimator(f, "", "gradient estimator (default backprop)", "float");
        ModelFlags.declareWorkers(f, 1);
        return f.value("gemm-workers", "N", "threads each large matrix product is split over (default 1)")
                .value("data", "DIR", "MNIST-format folder (default: the embedded MNIST-10k)")
                .value("batch", "N", "mini-batch size, 1 to the training set size (default 100; " + QUICK_BATCH
                        + " with --quick)")
                .value("lr", "RATE", "learning rate (default 0.1; " + QUICK_LR + " with --quick)")
                .value("momentum", "MU", "classic momentum in [0, 1) (default 0; " + QUICK_MOMENTUM + " with --quick)")
                .value("epochs", "N", "epochs (default 10; 1 with --quick)")
                .value("iterations", "N", "stop after N steps instead (overrides --epochs)")
                .value("tolerance", "T", "stop when the training loss changes by less than T between epochs");
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws IOException {
        Path dir = CommonFlags.outDir(p);
        int gemmWorkers = p.integer("gemm-workers", 1, 1, 256);
        int parameterWorkers = ModelFlags.parameterWorkers(p, 1);
        int batchWorkers = ModelFlags.batchWorkers(p);
        try (ParallelKernel gemm = gemmWorkers > 1 ? new ParallelKernel(Kernels.best(), gemmWorkers) : null) {
            Kernel kernel = gemm != null ? Kernel.of(gemm) : Kernels.best();
            return train(p, dir, ModelFlags.model(p, kernel), gemmWorkers, parameterWorkers, batchWorkers, out, err);
        }
    }

    private int train(Flags.Parsed p, Path dir, Mlp model, int gemmWorkers, int parameterWorkers, int batchWorkers,
                      PrintStream out, PrintStream err) throws IOException {
        boolean quick = p.has("quick");
        EstimatorKind kind = ModelFlags.kind(p, "", "backprop");
        EstimatorOptions options = ModelFlags.options(p, "", kind, "float", parameterWorkers, batchWorkers);
        int batchFlag = p.integer("batch", quick ? QUICK_BATCH : 100, 1, Integer.MAX_VALUE);
        double lr = p.decimal("lr", quick ? QUICK_LR : 0.1, Double.MIN_VALUE, 1e6);
        double momentum = p.decimal("momentum", quick ? QUICK_MOMENTUM : 0, 0, 0.999999);
        int epochs = p.integer("epochs", quick ? 1 : 10, 1, 1_000_000);
        long iterations = p.longInteger("iterations", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        double tolerance = p.decimal("tolerance", 0, 0, 1e9);
        long seed = ModelFlags.seed(p);

        MnistData.Split data = data(p);
        if (data.train().features() != model.inputs() || data.train().outputs() != model.outputs()) {
            throw new UsageException("--model", model.describe() + " does not fit the data ("
                    + data.train().features() + " inputs, " + data.train().outputs() + " classes)");
        }
        if (!model.loss().needsLabels()) {
            throw new UsageException("--loss", model.loss().label() + " needs regression targets; "
                    + data.train().name() + " has class labels (use softmax-ce)");
        }
        int rows = data.train().rows();
        if (batchFlag > rows) {
            throw new UsageException("--batch", "expected an integer from 1 to " + rows + " (the training set's"
                    + " rows), got " + batchFlag);
        }
        int batch = batchFlag;
        TrainingConfig.Builder b = TrainingConfig.builder().batchSize(batch).learningRate(lr).momentum(momentum)
                .epochs(epochs).tolerance(tolerance).seed(seed);
        if (p.has("iterations")) {
            b.iterations(iterations);
        }
        TrainingConfig config = b.build();
        long stepsPerEpoch = (rows + batch - 1) / batch;
        long plannedSteps = Math.min(config.maxIterations(), config.epochs() * stepsPerEpoch);
        long plannedEpochs = (plannedSteps + stepsPerEpoch - 1) / stepsPerEpoch;
        // Nothing large is allocated before the heap is checked (the Mlp is sizes and offsets) ...
        int evalRows = Math.min(config.evalChunk(), Math.max(config.evaluateTrainingSet() ? rows : 0,
                data.test().rows()));
        ModelFlags.requireHeap(name(), model.sizes(), Footprint.training(model.sizes(), batch, evalRows),
                ModelFlags.estimatorFootprint(p, "", "backprop", "float", model.sizes(), batch, parameterWorkers,
                        batchWorkers));
        // ... and the output folder: ~100 bytes per epoch row, plus the env file.
        ResultFiles.checkWritable(dir, 65_536 + 100 * plannedEpochs);

        float[] theta0 = model.initialise(ModelFlags.init(p), seed);
        StringBuilder csv = new StringBuilder("epoch,steps,train_loss,test_loss,test_accuracy,train_seconds\n");
        TrainingResult r;
        String estimatorName;
        try (Progress progress = Progress.start(name(), "steps", plannedSteps, err);
             GradientEstimator estimator = new CountingEstimator(ModelFlags.create(kind, "", model, batch, options),
                     progress)) {
            estimatorName = estimator.name();
            out.printf(Locale.ROOT, "training %s with %s on %s (%d rows), batch %d, lr %s, momentum %s,"
                    + " kernel %s (float)%n",
                    model.describe(), estimatorName, data.train().name(), rows, batch, lr, momentum,
                    model.kernel().name());
            out.printf(Locale.ROOT, "%6s %8s %11s %11s %9s %9s%n", "epoch", "steps", "train loss", "test loss",
                    "test acc", "seconds");
            r = new Trainer(model, estimator, config, data.train(), data.test()).train(theta0, (EpochStats e) -> {
                boolean finite = Double.isFinite(e.trainLoss()) && Double.isFinite(e.testLoss());
                progress.clear();
                out.printf(Locale.ROOT, "%6d %8d %11.5g %11.5g %9s %9.3f%n", e.epoch(), e.steps(), e.trainLoss(),
                        e.testLoss(), finite ? String.format(Locale.ROOT, "%.4f", e.testAccuracy()) : "diverged",
                        e.trainSeconds());
                csv.append(String.format(Locale.ROOT, "%d,%d,%.8g,%.8g,%.6f,%.6f%n", e.epoch(), e.steps(),
                        e.trainLoss(), e.testLoss(), finite ? e.testAccuracy() : Double.NaN, e.trainSeconds()));
            });
        }
        out.println("stopped: " + r.stopReason());

        Map<String, String> env = Environment.host("train", quick ? "quick" : "full");
        env.put("command.line", "train " + String.join(" ", p.arguments()));
        env.put("model", model.describe());
        env.put("parameters", Integer.toString(model.parameterCount()));
        env.put("init", p.string("init", "normal"));
        env.put("seed", Long.toString(seed));
        env.put("arithmetic", "float (losses, accuracy and updates)");
        env.put("estimator", estimatorName);
        env.put("estimator.kind", kind.name());
        kind.settings(options).forEach((flag, value) -> env.put("estimator." + flag, value));
        env.put("gemmWorkers", Integer.toString(gemmWorkers));
        env.put("data", data.train().name() + " / " + data.test().name());
        env.put("data.train.rows", Integer.toString(rows));
        env.put("data.test.rows", Integer.toString(data.test().rows()));
        env.put("batch", Integer.toString(batch));
        env.put("lr", Double.toString(lr));
        env.put("momentum", Double.toString(momentum));
        env.put("epochs.limit", p.has("iterations") ? "none" : Integer.toString(config.epochs()));
        env.put("iterations.limit", config.maxIterations() == Long.MAX_VALUE ? "none"
                : Long.toString(config.maxIterations()));
        env.put("tolerance", Double.toString(tolerance));
        env.put("shuffle.seed", Long.toString(seed));
        env.put("stop.reason", r.stopReason().name());
        env.put("steps", Long.toString(r.iterations()));
        env.put("epochs.run", Integer.toString(r.epochs().size()));
        Map<String, Path> written = ResultOutput.writeOrPrint(new ResultFiles(), dir, "train",
                List.of(".csv", "-env.csv"), names -> {
                    env.put("results.file", names.get(".csv").getFileName().toString());
                    return Map.of(".csv", csv.toString(), "-env.csv", Environment.format(env));
                }, name(), err);
        written.values().forEach(w -> out.println("wrote " + w));
        if (r.stopReason() == TrainingResult.StopReason.DIVERGED) {
            err.println(name() + ": error: training diverged at step " + r.iterations() + ": the loss became NaN or"
                    + " infinite, so there is no test accuracy (try a smaller --lr)");
            return Exit.FAILURE;
        }
        return Exit.OK;
    }

    private static MnistData.Split data(Flags.Parsed p) throws IOException {
        if (!p.has("data")) {
            return MnistData.embedded();
        }
        Path folder = p.path("data", null);
        if (!Files.isDirectory(folder)) {
            throw new UsageException("--data", "not a folder: " + folder);
        }
        return MnistData.fromFolder(folder);
    }

    /**
     * Counts the trainer's steps (one gradient per step) for the progress line; it owns the
     * estimator it wraps and closes it.
     */
    private static final class CountingEstimator implements GradientEstimator {
        private final GradientEstimator estimator;
        private final Progress progress;

        CountingEstimator(GradientEstimator estimator, Progress progress) {
            this.estimator = estimator;
            this.progress = progress;
        }

        @Override
        public String name() {
            return estimator.name();
        }

        @Override
        public double gradient(float[] theta, Batch batch, float[] grad) {
            double loss = estimator.gradient(theta, batch, grad);
            progress.advance(1);
            return loss;
        }

        @Override
        public double gradient(float[] theta, Batch batch, float[] grad, int[] parameters) {
            double loss = estimator.gradient(theta, batch, grad, parameters);
            progress.advance(1);
            return loss;
        }

        @Override
        public long lossEvaluations() {
            return estimator.lossEvaluations();
        }

        @Override
        public void close() {
            estimator.close();
        }
    }
}
