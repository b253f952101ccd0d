package io.fdbench.engine.train;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.train.TrainingResult.StopReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch stochastic gradient descent with classic momentum, on gradients from any
 * {@link GradientEstimator}, over one training set (and optionally one test set).
 *
 * <p>Each epoch shuffles the row order with a seeded {@link Random} (Fisher–Yates on an
 * {@code int[]}), walks it in batches of {@link TrainingConfig#batchSize()} rows (the last batch
 * of an epoch may be smaller) and after each batch updates v = μ·v − lr·g, θ += v in float. A
 * batch size ≥ the training set's rows is full-batch gradient descent: the whole set is copied
 * into the batch once, when the trainer is built, and never reshuffled.
 *
 * <p>Every buffer of a run (the batch, gradient, velocity, row order, evaluation state) is made
 * when the trainer is built, so {@link #train} allocates only θ's copy and the per-epoch
 * statistics, and copies no data set inside an epoch (a full-batch Fashion-MNIST epoch copied
 * 188 MB of inputs in every run before). The estimator must accept batches of
 * {@code min(batchSize, rows)} rows (e.g. a {@code BackpropEstimator} built with that capacity).
 *
 * <p>Deterministic: the same model, estimator, configuration, initial θ and data give bit-identical
 * results (for a deterministic estimator and kernel), run after run. A trainer may be reused for
 * several runs but not by several threads at once (it shares its buffers and the estimator).
 */
public final class Trainer {

    private final Mlp model;
    private final GradientEstimator estimator;
    private final TrainingConfig config;
    private final Dataset train;
    private final Dataset test;
    private final int batchRows;
    private final boolean fullBatch;
    private final float[] grad;
    private final float[] velocity;
    private final int[] order;
    private final Batch batch;
    /** Chunked forward passes of the end-of-epoch evaluations; null when nothing is evaluated. */
    private final ForwardState evalState;
    private final Batch evalBatch;

    /** A trainer on {@code train} without a test set. */
    public Trainer(Mlp model, GradientEstimator estimator, TrainingConfig config, Dataset train) {
        this(model, estimator, config, train, null);
    }

    /**
     * A trainer on {@code train}, evaluating {@code test} (may be null) after every epoch; checks
     * the sets' shapes against the model and makes every buffer of a run.
     */
    public Trainer(Mlp model, GradientEstimator estimator, TrainingConfig config, Dataset train, Dataset test) {
        if (model == null || estimator == null || config == null || train == null) {
            throw new IllegalArgumentException("model, estimator, config and training set are required");
        }
        this.model = model;
        this.estimator = estimator;
        this.config = config;
        checkData(model, "training set", train);
        if (test != null) {
            checkData(model, "test set", test);
        }
        this.train = train;
        this.test = test;
        int rows = train.rows();
        this.batchRows = Math.min(config.batchSize(), rows);
        this.fullBatch = batchRows == rows;
        this.grad = new float[model.parameterCount()];
        this.velocity = new float[model.parameterCount()];
        this.order = new int[rows];
        this.batch = Batch.allocate(batchRows, train.features(), train.outputs(), train.isClassification());
        if (fullBatch) {
            batch.fillRange(train, 0, rows);
        }
        int evalRows = Math.max(config.evaluateTrainingSet() ? rows : 0, test != null ? test.rows() : 0);
        if (evalRows > 0) {
            int chunk = Math.min(config.evalChunk(), evalRows);
            evalState = model.newState(chunk);
            evalBatch = Batch.allocate(chunk, train.features(), train.outputs(), train.isClassification());
        } else {
            evalState = null;
            evalBatch = null;
        }
    }

    public TrainingConfig config() {
        return config;
    }

    public GradientEstimator estimator() {
        return estimator;
    }

    /** Trains from {@code theta0} (left untouched). */
    public TrainingResult train(float[] theta0) {
        return train(theta0, EpochListener.none());
    }

    /** As {@link #train(float[])}, calling {@code listener} after every epoch. */
    public TrainingResult train(float[] theta0, EpochListener listener) {
        if (theta0.length != model.parameterCount()) {
            throw new IllegalArgumentException("theta has " + theta0.length + " entries, the model "
                    + model.describe() + " has " + model.parameterCount() + " parameters");
        }
        final int rows = train.rows();
        final int p = model.parameterCount();
        final float lr = (float) config.learningRate();
        final float mu = (float) config.momentum();

        float[] theta = theta0.clone();
        Arrays.fill(grad, 0f);
        Arrays.fill(velocity, 0f);
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random rnd = new Random(config.seed());

        List<EpochStats> history = new ArrayList<>();
        long iterations = 0;
        double previous = Double.NaN;
        StopReason reason = StopReason.EPOCHS;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            if (iterations >= config.maxIterations()) {
                reason = StopReason.ITERATIONS;
                break;
            }
            long epochStart = System.nanoTime();
            if (config.shuffle() && !fullBatch) {
                shuffle(order, rnd);
            }
            double lossSum = 0;
            long seen = 0;
            long steps = 0;
            boolean diverged = false;
            for (int from = 0; from < rows && iterations < config.maxIterations(); from += batchRows) {
                int count = Math.min(batchRows, rows - from);
                if (!fullBatch) {
                    batch.fillGather(train, order, from, count, model.kernel());
                }
                double loss = estimator.gradient(theta, batch, grad);
                steps++;
                iterations++;
                lossSum += loss * count;
                seen += count;
                if (!Double.isFinite(loss)) {
                    diverged = true;
                    break;
                }
                for (int i = 0; i < p; i++) {
                    float v = mu * velocity[i] - lr * grad[i];
                    velocity[i] = v;
                    theta[i] += v;
                }
            }
            double trainSeconds = (System.nanoTime() - epochStart) * 1e-9;
            double trainLoss = lossSum / seen;
            double trainEval = Double.NaN;
            double trainAcc = Double.NaN;
            if (config.evaluateTrainingSet()) {
                Mlp.Score s = model.evaluate(theta, train, evalState, evalBatch);
                trainEval = s.loss();
                trainAcc = s.accuracy();
            }
            double testLoss = Double.NaN;
            double testAcc = Double.NaN;
            if (test != null) {
                Mlp.Score s = model.evaluate(theta, test, evalState, evalBatch);
                testLoss = s.loss();
                testAcc = s.accuracy();
            }
            EpochStats stats = new EpochStats(epoch, steps, iterations, trainLoss, trainEval, trainAcc, testLoss,
                    testAcc, trainSeconds, (System.nanoTime() - start) * 1e-9);
            history.add(stats);
            listener.onEpoch(stats);

            double monitored = stats.monitoredLoss();
            if (diverged || !Double.isFinite(monitored)) {
                reason = StopReason.DIVERGED;
                break;
            }
            if (iterations >= config.maxIterations()) {
                reason = StopReason.ITERATIONS;
                break;
            }
            if (config.tolerance() > 0 && !Double.isNaN(previous)
                    && Math.abs(monitored - previous) < config.tolerance()) {
                reason = StopReason.CONVERGED;
                break;
            }
            previous = monitored;
        }
        return new TrainingResult(theta, history, iterations, reason);
    }

    /** Fisher–Yates: a uniformly random permutation of {@code order} in place. */
    static void shuffle(int[] order, Random rnd) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static void checkData(Mlp model, String what, Dataset d) {
        if (d.features() != model.inputs() || d.outputs() != model.outputs()) {
            throw new IllegalArgumentException(what + " " + d + " does not match the model " + model.describe());
        }
        if (d.isClassification() != model.loss().needsLabels()) {
            throw new IllegalArgumentException(what + " " + d + ": loss " + model.loss().label()
                    + (model.loss().needsLabels() ? " needs class labels" : " needs regression targets"));
        }
    }
}
