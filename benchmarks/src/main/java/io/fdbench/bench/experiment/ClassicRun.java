package io.fdbench.bench.experiment;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;

import java.util.Arrays;
import java.util.Random;

/**
 * One method's training run of the classic experiment: plain SGD θ ← θ − lr·g in float on the
 * batches of a {@link Schedule}, so every method with the same seed sees the same batches.
 * Records each step's batch loss (at θ before the step, as the estimator computed it), the
 * cumulative wall time of the gradients and updates (evaluations excluded), the loss evaluations,
 * and the test accuracy at the evaluated steps.
 *
 * @param method            the method's name
 * @param lr                learning rate
 * @param stepsPlanned      steps the experiment asked for
 * @param batchLoss         per step (index 0 = step 1), float mean batch loss
 * @param seconds           cumulative seconds after each step (gradient and update only)
 * @param testAccuracy      per step, NaN where the test set was not evaluated
 * @param evaluationsPerStep loss evaluations of one gradient (backprop 1, central 2P + 1)
 * @param theta             parameters after the last step run
 * @param snapshot          parameters after step {@code snapshotStep}, or null
 * @param trainLoss         mean loss over the whole training set at the final θ (float forward passes)
 * @param finalAccuracy     test accuracy at the final θ
 */
record ClassicRun(String method, double lr, int stepsPlanned, double[] batchLoss, double[] seconds,
                  double[] testAccuracy, long evaluationsPerStep, float[] theta, float[] snapshot, double trainLoss,
                  double finalAccuracy) {

    int stepsRun() {
        return batchLoss.length;
    }

    double totalSeconds() {
        return seconds.length == 0 ? 0 : seconds[seconds.length - 1];
    }

    double secondsPerStep() {
        return seconds.length == 0 ? Double.NaN : totalSeconds() / seconds.length;
    }

    /** Whether fewer steps ran than planned (the full-evaluation method in quick runs). */
    boolean partial() {
        return stepsRun() < stepsPlanned;
    }

    /** The first evaluated step whose test accuracy is at least {@code target}, or -1. */
    int firstStepReaching(double target) {
        for (int i = 0; i < testAccuracy.length; i++) {
            if (testAccuracy[i] >= target) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The batches of a run: the training rows reshuffled at each epoch by Fisher–Yates with a
     * {@link Random} of the seed, walked in full batches (a last partial batch of an epoch is
     * skipped, so every step has the same batch size). The same seed gives the same batches.
     */
    static final class Schedule {
        private final Dataset train;
        private final int batch;
        private final int[] order;
        private final Random rnd;
        private int next;

        Schedule(Dataset train, int batch, long seed) {
            if (batch > train.rows()) {
                throw new IllegalArgumentException("batch " + batch + " exceeds the " + train.rows() + " training rows");
            }
            this.train = train;
            this.batch = batch;
            this.order = new int[train.rows()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            this.rnd = new Random(seed);
            this.next = order.length; // shuffle before the first batch
        }

        void fill(Batch b, Mlp model) {
            if (next + batch > order.length) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                next = 0;
            }
            b.fillGather(train, order, next, batch, model.kernel());
            next += batch;
        }
    }

    /** What a run needs besides the method: data, model, start, schedule and evaluation settings. */
    record Setup(Mlp model, Dataset train, Dataset test, float[] theta0, int batch, long seed) {
    }

    /**
     * Trains {@code estimator} for up to {@code steps} steps (stopping early once the test accuracy
     * reaches {@code stopAtAccuracy} at an evaluated step, when it is positive), evaluating the test
     * set every {@code evalEvery} steps and at the last one.
     */
    static ClassicRun train(Setup s, String method, GradientEstimator estimator, long evaluationsPerStep, double lr,
                            int stepsPlanned, int steps, int evalEvery, double stopAtAccuracy, int snapshotStep,
                            StepProgress.Run progress) {
        Mlp model = s.model();
        int p = model.parameterCount();
        float[] theta = s.theta0().clone();
        float[] grad = new float[p];
        Batch b = Batch.allocate(s.batch(), s.train().features(), s.train().outputs(), true);
        int chunk = Math.min(1000, Math.max(s.train().rows(), s.test().rows()));
        ForwardState evalState = model.newState(chunk);
        Batch evalBatch = Batch.allocate(chunk, s.train().features(), s.train().outputs(), true);
        Schedule schedule = new Schedule(s.train(), s.batch(), s.seed());
        double[] losses = new double[steps];
        double[] seconds = new double[steps];
        double[] accuracy = new double[steps];
        Arrays.fill(accuracy, Double.NaN);
        float[] snapshot = null;
        float rate = (float) lr;
        long elapsed = 0;
        int run = 0;
        for (int step = 1; step <= steps; step++) {
            schedule.fill(b, model);
            long t0 = System.nanoTime();
            double loss = estimator.gradient(theta, b, grad);
            for (int i = 0; i < p; i++) {
                theta[i] -= rate * grad[i];
            }
            elapsed += System.nanoTime() - t0;
            losses[step - 1] = loss;
            seconds[step - 1] = elapsed * 1e-9;
            run = step;
            if (step == snapshotStep) {
                snapshot = theta.clone();
            }
            if (progress != null) {
                progress.step(step, loss);
            }
            if (!Double.isFinite(loss)) {
                break;
            }
            if (step % evalEvery == 0 || step == steps) {
                accuracy[step - 1] = model.evaluate(theta, s.test(), evalState, evalBatch).accuracy();
                if (stopAtAccuracy > 0 && accuracy[step - 1] >= stopAtAccuracy) {
                    break;
                }
            }
        }
        double trainLoss = model.evaluate(theta, s.train(), evalState, evalBatch).loss();
        double finalAccuracy = model.evaluate(theta, s.test(), evalState, evalBatch).accuracy();
        if (run < steps && Double.isNaN(accuracy[run - 1])) {
            accuracy[run - 1] = finalAccuracy;
        }
        return new ClassicRun(method, lr, stepsPlanned, Arrays.copyOf(losses, run), Arrays.copyOf(seconds, run),
                Arrays.copyOf(accuracy, run), evaluationsPerStep, theta, snapshot, trainLoss, finalAccuracy);
    }
}
