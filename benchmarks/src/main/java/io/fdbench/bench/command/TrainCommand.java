package io.fdbench.bench.command;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.train.EpochStats;
import io.fdbench.engine.train.Trainer;
import io.fdbench.engine.train.TrainingConfig;
import io.fdbench.engine.train.TrainingResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code train}: mini-batch SGD of an MLP on MNIST-format data with any gradient estimator,
 * printing and writing per-epoch statistics ({@code train.csv}: loss, test loss and accuracy,
 * seconds).
 */
public final class TrainCommand extends FlagCommand {

    @Override
    public String name() {
        return "train";
    }

    @Override
    protected String summary() {
        return "Train an MLP on MNIST-format data with a chosen gradient estimator (writes train.csv)";
    }

    @Override
    protected Flags flags() {
        Flags f = ModelFlags.declareModel(CommonFlags.output(new Flags()));
        ModelFlags.declareEstimator(f, "", "gradient estimator (default backprop)");
        return f.value("data", "DIR", "MNIST-format folder (default: the embedded MNIST-10k)")
                .value("batch", "N", "mini-batch size, 1 to the training set size (default 100)")
                .value("lr", "RATE", "learning rate (default 0.1)")
                .value("momentum", "MU", "classic momentum in [0, 1) (default 0)")
                .value("epochs", "N", "epochs (default 10; 1 with --quick)")
                .value("iterations", "N", "stop after N steps instead (overrides --epochs)")
                .value("tolerance", "T", "stop when the training loss changes by less than T between epochs")
                .value("threads", "N", "finite-difference threads (default 1)");
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws IOException {
        Path dir = CommonFlags.outDir(p);
        Mlp model = ModelFlags.model(p);
        MnistData.Split data = data(p);
        if (data.train().features() != model.inputs() || data.train().outputs() != model.outputs()) {
            throw new UsageException("--model", model.describe() + " does not fit the data ("
                    + data.train().features() + " inputs, " + data.train().outputs() + " classes)");
        }
        int batch = p.integer("batch", 100, 1, data.train().rows());
        int threads = p.integer("threads", 1, 1, 256);
        TrainingConfig.Builder b = TrainingConfig.builder().batchSize(batch)
                .learningRate(p.decimal("lr", 0.1, Double.MIN_VALUE, 1e6))
                .momentum(p.decimal("momentum", 0, 0, 0.999999))
                .epochs(p.integer("epochs", p.has("quick") ? 1 : 10, 1, 1_000_000))
                .tolerance(p.decimal("tolerance", 0, 0, 1e9))
                .seed(ModelFlags.seed(p));
        if (p.has("iterations")) {
            b.iterations(p.integer("iterations", 1, 1, Integer.MAX_VALUE));
        }
        String name = ModelFlags.estimator(p, "", "backprop");
        GradientEstimator estimator = name.equals("backprop") ? new BackpropEstimator(model, batch)
                : new FiniteDifference(model, batch, ModelFlags.fdConfig(p, "", name, "incremental", "float", threads));
        float[] theta0 = model.initialise(ModelFlags.init(p), ModelFlags.seed(p));
        StringBuilder csv = new StringBuilder("epoch,steps,train_loss,test_loss,test_accuracy,train_seconds\n");
        out.printf(Locale.ROOT, "training %s with %s on %s (%d rows), batch %d, kernel %s%n", model.describe(),
                estimator.name(), data.train().name(), data.train().rows(), batch, model.kernel().name());
        out.printf(Locale.ROOT, "%6s %8s %11s %11s %9s %9s%n", "epoch", "steps", "train loss", "test loss", "test acc",
                "seconds");
        TrainingResult r;
        try {
            r = new Trainer(model, estimator, b.build(), data.train(), data.test()).train(theta0, (EpochStats e) -> {
                out.printf(Locale.ROOT, "%6d %8d %11.5f %11.5f %9.4f %9.3f%n", e.epoch(), e.steps(), e.trainLoss(),
                        e.testLoss(), e.testAccuracy(), e.trainSeconds());
                csv.append(String.format(Locale.ROOT, "%d,%d,%.8g,%.8g,%.6f,%.6f%n", e.epoch(), e.steps(),
                        e.trainLoss(), e.testLoss(), e.testAccuracy(), e.trainSeconds()));
            });
        } catch (IllegalArgumentException e) {
            throw new UsageException("--batch", e.getMessage());
        } finally {
            if (estimator instanceof FiniteDifference) {
                ((FiniteDifference) estimator).close();
            }
        }
        out.println("stopped: " + r.stopReason());
        out.println("wrote " + new ResultFiles().write(dir, "train", ".csv", csv.toString()));
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
}
