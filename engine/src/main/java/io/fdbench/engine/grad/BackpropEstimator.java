package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Backprop;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.parallel.WorkerTeam;

/**
 * Exact gradient by backpropagation on the float kernel: one forward and one backward pass.
 *
 * <p>With more than one batch worker the batch is split into contiguous row ranges
 * ({@link WorkerTeam#rangeStart}), each worker computes the mean-loss gradient of its rows into
 * its own preallocated buffer, and the parts are combined in part order weighted by their row
 * counts ({@link WorkerTeam#sum}), so a given worker count always gives the same bits. The
 * subset overload of {@link GradientEstimator} writes the whole gradient: backprop's cost does
 * not shrink with fewer parameters. Close the estimator to stop its threads.
 */
public final class BackpropEstimator implements GradientEstimator {

    private final Mlp model;
    private final WorkerTeam team;
    private final ForwardState[] states;
    /** Per-part gradients of the mean loss over the part's rows (null with one worker). */
    private final float[][] parts;
    /** Per-part weights, rows / batch rows, for the reduction. */
    private final float[] weights;
    private final float[] losses;
    private final WorkerTeam.RangeTask rowsTask = this::rows;
    /** The gradient in flight, read by every part. */
    private float[] runningTheta;
    private Batch runningBatch;
    private long lossEvaluations;

    /** A one-worker estimator for batches of up to {@code capacity} rows. */
    public BackpropEstimator(Mlp model, int capacity) {
        this(model, capacity, 1);
    }

    /** An estimator that splits each batch of up to {@code capacity} rows over {@code batchWorkers} threads. */
    public BackpropEstimator(Mlp model, int capacity, int batchWorkers) {
        if (batchWorkers < 1) {
            throw new IllegalArgumentException("batch workers must be at least 1, got " + batchWorkers);
        }
        this.model = model;
        // The longest row range of a split: the first one.
        int share = WorkerTeam.rangeStart(capacity, 1, batchWorkers);
        this.states = new ForwardState[batchWorkers];
        this.parts = new float[batchWorkers][];
        this.weights = new float[batchWorkers];
        this.losses = new float[batchWorkers];
        for (int t = 0; t < batchWorkers; t++) {
            states[t] = model.newState(batchWorkers == 1 ? capacity : Math.max(1, share));
            parts[t] = batchWorkers == 1 ? null : new float[model.parameterCount()];
        }
        this.team = new WorkerTeam("batch", batchWorkers);
    }

    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        int workers = team.workers();
        lossEvaluations++;
        if (workers == 1) {
            if (team.isClosed()) {
                throw new IllegalStateException("the backprop estimator is closed");
            }
            return Backprop.gradient(model, theta, batch, states[0], grad);
        }
        if (grad.length != model.parameterCount()) {
            throw new IllegalArgumentException("gradient has " + grad.length + " entries, expected "
                    + model.parameterCount());
        }
        int n = batch.size();
        runningTheta = theta;
        runningBatch = batch;
        try {
            team.forEachRange(n, rowsTask);
        } finally {
            runningTheta = null;
            runningBatch = null;
        }
        // The non-empty ranges are the first min(n, workers).
        int used = Math.min(n, workers);
        double loss = 0;
        for (int t = 0; t < used; t++) {
            int rows = team.rangeStart(n, t + 1) - team.rangeStart(n, t);
            weights[t] = (float) rows / n;
            loss += (double) losses[t] * rows / n;
        }
        // The first part is assigned, the others added in order (the sums of adding every part
        // to zeros, up to the sign of a zero; one pass fewer).
        team.sum(parts, 0, used, weights, grad, 0, grad.length, false);
        return loss;
    }

    private void rows(int part, int from, int to) {
        losses[part] = Backprop.gradient(model, runningTheta, runningBatch, from, to - from, states[part], parts[part]);
    }

    /** One per gradient: its forward pass (split over the workers or not). */
    @Override
    public long lossEvaluations() {
        return lossEvaluations;
    }

    /** Stops the batch workers' threads. */
    @Override
    public void close() {
        team.close();
    }
}
