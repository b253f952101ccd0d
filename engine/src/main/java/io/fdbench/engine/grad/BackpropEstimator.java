package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Backprop;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact gradient by backpropagation on the float kernel: one forward and one backward pass.
 *
 * <p>With more than one thread the batch is split into contiguous row ranges, each thread
 * computes the mean-loss gradient of its rows, and the parts are combined in a fixed order
 * weighted by their row counts, so a given thread count always gives the same bits. Close the
 * estimator to stop its threads.
 */
public final class BackpropEstimator implements GradientEstimator, AutoCloseable {

    private final Mlp model;
    private final ForwardState[] states;
    private final float[][] parts;
    private final float[] losses;
    private final ExecutorService pool;

    /** A single-threaded estimator for batches of up to {@code capacity} rows. */
    public BackpropEstimator(Mlp model, int capacity) {
        this(model, capacity, 1);
    }

    /** An estimator that splits each batch over {@code threads} threads. */
    public BackpropEstimator(Mlp model, int capacity, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.model = model;
        int share = (capacity + threads - 1) / threads;
        this.states = new ForwardState[threads];
        this.parts = new float[threads][];
        this.losses = new float[threads];
        for (int t = 0; t < threads; t++) {
            states[t] = model.newState(threads == 1 ? capacity : share);
            parts[t] = threads == 1 ? null : new float[model.parameterCount()];
        }
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
            Thread th = new Thread(r, "fdbench-backprop");
            th.setDaemon(true);
            return th;
        }) : null;
    }

    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        if (pool == null) {
            return Backprop.gradient(model, theta, batch, states[0], grad);
        }
        int n = batch.size();
        int threads = states.length;
        int share = (n + threads - 1) / threads;
        Future<?>[] futures = new Future<?>[threads - 1];
        for (int t = 1; t < threads; t++) {
            int id = t;
            futures[t - 1] = pool.submit(() -> part(id, theta, batch, share));
        }
        part(0, theta, batch, share);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while computing a gradient", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException) {
                    throw (RuntimeException) e.getCause();
                }
                throw new IllegalStateException("a backprop worker failed: " + e.getCause(), e.getCause());
            }
        }
        // Thread 0 always has rows; the first part is assigned, the others added in order
        // (the sums of adding every part to zeros, up to the sign of a zero; one pass fewer).
        double loss = 0;
        for (int t = 0; t < threads; t++) {
            int rows = rows(t, n, share);
            if (rows == 0) {
                continue;
            }
            float weight = (float) rows / n;
            float[] p = parts[t];
            if (t == 0) {
                for (int i = 0; i < grad.length; i++) {
                    grad[i] = weight * p[i];
                }
            } else {
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += weight * p[i];
                }
            }
            loss += (double) losses[t] * rows / n;
        }
        return loss;
    }

    private void part(int t, float[] theta, Batch batch, int share) {
        int rows = rows(t, batch.size(), share);
        if (rows > 0) {
            losses[t] = Backprop.gradient(model, theta, batch, t * share, rows, states[t], parts[t]);
        }
    }

    private static int rows(int t, int n, int share) {
        return Math.max(0, Math.min(share, n - t * share));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
