package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forward, backward or central finite differences of the mean batch loss, one parameter at a
 * time, with FULL or INCREMENTAL evaluation, in float or double.
 *
 * <p>The step actually applied is (θᵢ + h) − θᵢ as represented in the working precision, and the
 * quotient divides by that step. One-sided schemes evaluate f(θ) once per gradient (P + 1
 * evaluations); central needs 2P and also yields the Hessian diagonal
 * (f(θ+h) − 2f(θ) + f(θ−h)) / h² at no extra cost. Work is split over threads by parameter, and
 * every parameter's estimate depends only on that parameter, so the gradient is bit-identical
 * whatever the thread count. Close the estimator to stop its threads.
 */
public final class FiniteDifference implements GradientEstimator, AutoCloseable {

    private static final int CHUNK = 64;

    private final Mlp model;
    private final FiniteDifferenceConfig config;
    private final PerturbedLoss loss;
    private final PerturbedLoss.Worker[] workers;
    private final ExecutorService pool;
    private final float[] hessianDiagonal;

    /** An estimator for batches of up to {@code capacity} rows. */
    public FiniteDifference(Mlp model, int capacity, FiniteDifferenceConfig config) {
        this.model = model;
        this.config = config;
        this.loss = PerturbedLosses.create(model, capacity, config.precision(), config.evaluation());
        this.workers = new PerturbedLoss.Worker[config.threads()];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = loss.newWorker();
        }
        this.pool = config.threads() > 1 ? Executors.newFixedThreadPool(config.threads() - 1, r -> {
            Thread th = new Thread(r, "fdbench-fd");
            th.setDaemon(true);
            return th;
        }) : null;
        this.hessianDiagonal = new float[model.parameterCount()];
    }

    public FiniteDifferenceConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.scheme().label() + "-" + config.evaluation().label()
                + (config.precision() == Precision.DOUBLE ? "-double" : "");
    }

    /** Every parameter's estimate. */
    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        return gradient(theta, batch, grad, null);
    }

    /**
     * The estimates of the given parameter indices only (all when {@code subset} is null); the
     * other entries of grad are left untouched.
     */
    public double gradient(float[] theta, Batch batch, float[] grad, int[] subset) {
        if (grad.length != model.parameterCount()) {
            throw new IllegalArgumentException("gradient has " + grad.length + " entries, expected "
                    + model.parameterCount());
        }
        if (subset != null) {
            for (int i : subset) {
                if (i < 0 || i >= grad.length) {
                    throw new IllegalArgumentException("parameter subset: index " + i + " outside [0, "
                            + grad.length + ")");
                }
            }
        }
        double f0 = loss.prepare(theta, batch);
        int count = subset == null ? grad.length : subset.length;
        AtomicInteger next = new AtomicInteger();
        if (pool == null) {
            run(workers[0], next, count, subset, f0, grad);
            return f0;
        }
        Future<?>[] futures = new Future<?>[workers.length - 1];
        for (int t = 1; t < workers.length; t++) {
            PerturbedLoss.Worker w = workers[t];
            futures[t - 1] = pool.submit(() -> run(w, next, count, subset, f0, grad));
        }
        run(workers[0], next, count, subset, f0, grad);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while estimating a gradient", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a finite-difference worker failed: " + e.getCause(), e.getCause());
            }
        }
        return f0;
    }

    private void run(PerturbedLoss.Worker w, AtomicInteger next, int count, int[] subset, double f0, float[] grad) {
        w.sync();
        for (int from = next.getAndAdd(CHUNK); from < count; from = next.getAndAdd(CHUNK)) {
            int to = Math.min(count, from + CHUNK);
            for (int p = from; p < to; p++) {
                int index = subset == null ? p : subset[p];
                estimate(w, index, f0, grad);
            }
        }
    }

    private void estimate(PerturbedLoss.Worker w, int index, double f0, float[] grad) {
        double theta = loss.parameter(index);
        double h = config.step().stepFor(theta);
        Scheme scheme = config.scheme();
        double fPlus = 0;
        double fMinus = 0;
        double hPlus = 0;
        double hMinus = 0;
        if (scheme != Scheme.BACKWARD) {
            double up = loss.representable(theta + h);
            hPlus = up - theta;
            checkStep(index, h, hPlus);
            fPlus = w.lossWith(index, up);
        }
        if (scheme != Scheme.FORWARD) {
            double down = loss.representable(theta - h);
            hMinus = theta - down;
            checkStep(index, h, hMinus);
            fMinus = w.lossWith(index, down);
        }
        grad[index] = (float) scheme.quotient(fMinus, f0, fPlus, hMinus, hPlus);
        if (scheme == Scheme.CENTRAL) {
            // Second difference on the possibly unequal representable steps h+ and h−.
            hessianDiagonal[index] = (float) (2 * (hMinus * fPlus - (hPlus + hMinus) * f0 + hPlus * fMinus)
                    / (hPlus * hMinus * (hPlus + hMinus)));
        }
    }

    private void checkStep(int index, double h, double applied) {
        if (applied == 0) {
            throw new IllegalArgumentException("step h = " + h + " vanishes at parameter " + index + " = "
                    + loss.parameter(index) + " in " + config.precision().label()
                    + " precision; use a larger or relative step");
        }
    }

    /**
     * The Hessian diagonal ∂²f/∂θᵢ² from the last central-difference gradient, for the indices it
     * estimated (zeros elsewhere and for one-sided schemes). Shared, not copied.
     */
    public float[] hessianDiagonal() {
        if (config.scheme() != Scheme.CENTRAL) {
            throw new IllegalStateException("the Hessian diagonal comes from the central scheme only, not "
                    + config.scheme().label());
        }
        return hessianDiagonal;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
