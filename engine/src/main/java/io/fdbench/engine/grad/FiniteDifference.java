package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.parallel.WorkerTeam;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forward, backward, central, five-point or Richardson finite differences of the mean batch loss,
 * one parameter at a time, with FULL or INCREMENTAL evaluation, in float or double.
 *
 * <p>The step actually applied is (θᵢ + h) − θᵢ as represented in the working precision, and the
 * quotient divides by that step. One-sided schemes evaluate f(θ) once per gradient (P + 1
 * evaluations); central needs 2P and also yields the Hessian diagonal
 * (f(θ+h) − 2f(θ) + f(θ−h)) / h² at no extra cost. The fourth-order schemes ({@link Scheme#FIVE_POINT},
 * {@link Scheme#RICHARDSON}) need 4P, two perturbed losses per side at an inner and an outer offset,
 * combined by {@link FourPointStencil} on the offsets actually applied; Richardson also keeps
 * its per-parameter error estimate ({@link #errorEstimates()}). The parameters are split over
 * {@link FiniteDifferenceConfig#parameterWorkers() parameterWorkers} threads of a
 * {@link WorkerTeam}, each taking the next group of the work order as it finishes one (the
 * groups' costs differ); every parameter's estimate depends only on that parameter, so the
 * gradient is bit-identical whatever the worker count. Close the estimator to stop its threads.
 */
public final class FiniteDifference implements GradientEstimator {

    private final Mlp model;
    private FiniteDifferenceConfig config;
    private final PerturbedLoss<?> loss;
    private final PerturbedLoss.Worker[] workers;
    private final WorkerTeam team;
    private final Scratch[] scratch;
    private final float[] hessianDiagonal;
    /**
     * Estimates by position in the work order, so each thread writes its groups' results to
     * contiguous memory; scattered into the gradient's row-major layout afterwards. Written
     * straight into the gradient, two threads on neighbouring weight columns shared a cache line
     * at every row (false sharing that cost a fifth of the second thread's gain).
     */
    private final double[] byPosition;
    private final float[] hessianByPosition;
    /** Richardson's error estimates, in the gradient's layout and by work-order position. */
    private final double[] errorEstimates;
    private final double[] errorByPosition;
    /** The next group of {@link #running} to hand out. */
    private final AtomicInteger nextGroup = new AtomicInteger();
    private final WorkerTeam.PartTask estimateParts = this::estimatePart;
    /** The order and f(θ) of the gradient in flight, read by every part. */
    private WorkOrder running;
    private double runningF0;
    private WorkOrder fullOrder;
    private WorkOrder lastOrder;
    private int[] lastSubset;
    /** The baselines f(θ), one per gradient; the perturbed losses are counted per worker. */
    private long baselines;

    /** An estimator for batches of up to {@code capacity} rows. */
    public FiniteDifference(Mlp model, int capacity, FiniteDifferenceConfig config) {
        this.model = model;
        this.config = config;
        this.loss = PerturbedLosses.create(model, capacity, config.precision(), config.evaluation());
        this.workers = new PerturbedLoss.Worker[config.parameterWorkers()];
        this.scratch = new Scratch[config.parameterWorkers()];
        int widest = model.widestLayer();
        for (int t = 0; t < workers.length; t++) {
            workers[t] = loss.newWorker();
            scratch[t] = new Scratch(widest);
        }
        this.hessianDiagonal = new float[model.parameterCount()];
        this.byPosition = new double[model.parameterCount()];
        this.hessianByPosition = new float[model.parameterCount()];
        boolean richardson = config.scheme() == Scheme.RICHARDSON;
        this.errorEstimates = new double[richardson ? model.parameterCount() : 0];
        this.errorByPosition = new double[richardson ? model.parameterCount() : 0];
        this.team = new WorkerTeam("parameter", config.parameterWorkers());
    }

    public FiniteDifferenceConfig config() {
        return config;
    }

    /**
     * Uses another step for the gradients that follow, keeping the threads and buffers: a
     * step-size sweep builds one estimator per curve and moves it along the grid.
     */
    public void setStep(StepRule step) {
        config = config.withStep(java.util.Objects.requireNonNull(step, "step"));
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
     * The estimates of the given parameter indices only (all when {@code parameters} is null); the
     * other entries of grad are left untouched.
     */
    @Override
    public double gradient(float[] theta, Batch batch, float[] grad, int[] parameters) {
        if (grad.length != model.parameterCount()) {
            throw new IllegalArgumentException("gradient has " + grad.length + " entries, expected "
                    + model.parameterCount());
        }
        WorkOrder order = orderFor(parameters);
        double f0 = estimate(theta, batch, order);
        int[] indices = order.indices;
        for (int pos = 0; pos < indices.length; pos++) {
            grad[indices[pos]] = (float) byPosition[pos];
        }
        return f0;
    }

    /**
     * As {@link #gradient(float[], Batch, float[], int[])} but keeps the quotients in double, for
     * accuracy studies in double precision.
     */
    public double gradient(float[] theta, Batch batch, double[] grad, int[] parameters) {
        if (grad.length != model.parameterCount()) {
            throw new IllegalArgumentException("gradient has " + grad.length + " entries, expected "
                    + model.parameterCount());
        }
        WorkOrder order = orderFor(parameters);
        double f0 = estimate(theta, batch, order);
        int[] indices = order.indices;
        for (int pos = 0; pos < indices.length; pos++) {
            grad[indices[pos]] = byPosition[pos];
        }
        return f0;
    }

    /** Fills byPosition (and, for central differences, the Hessian diagonal) for the order. */
    private double estimate(float[] theta, Batch batch, WorkOrder order) {
        double f0 = loss.prepare(theta, batch);
        baselines++;
        running = order;
        runningF0 = f0;
        nextGroup.set(0);
        try {
            team.run(estimateParts);
        } finally {
            running = null;
        }
        if (config.scheme() == Scheme.CENTRAL) {
            int[] indices = order.indices;
            for (int pos = 0; pos < indices.length; pos++) {
                hessianDiagonal[indices[pos]] = hessianByPosition[pos];
            }
        }
        if (config.scheme() == Scheme.RICHARDSON) {
            int[] indices = order.indices;
            for (int pos = 0; pos < indices.length; pos++) {
                errorEstimates[indices[pos]] = errorByPosition[pos];
            }
        }
        return f0;
    }

    /** The grouped work order, cached for the full set and for the last subset seen. */
    private WorkOrder orderFor(int[] subset) {
        if (subset == null) {
            if (fullOrder == null) {
                fullOrder = WorkOrder.of(model, null);
            }
            return fullOrder;
        }
        if (lastSubset == null || !Arrays.equals(lastSubset, subset)) {
            lastOrder = WorkOrder.of(model, subset);
            lastSubset = subset.clone();
        }
        return lastOrder;
    }

    /** One part: its worker takes the next unestimated group until none is left. */
    private void estimatePart(int part) {
        PerturbedLoss.Worker w = workers[part];
        Scratch sc = scratch[part];
        WorkOrder order = running;
        double f0 = runningF0;
        w.sync();
        for (int g = nextGroup.getAndIncrement(); g < order.groups; g = nextGroup.getAndIncrement()) {
            estimateGroup(w, sc, order.indices, order.groupStart[g], order.groupStart[g + 1], f0);
        }
    }

    private void estimateGroup(PerturbedLoss.Worker w, Scratch sc, int[] indices, int from, int to, double f0) {
        Scheme scheme = config.scheme();
        if (scheme.fourPoint()) {
            estimateFourPointGroup(w, sc, indices, from, to, f0);
            return;
        }
        int count = to - from;
        for (int t = 0; t < count; t++) {
            int index = indices[from + t];
            double theta = loss.parameter(index);
            double h = config.step().stepFor(theta);
            double up = loss.representable(theta + h);
            double down = loss.representable(theta - h);
            sc.up[t] = up;
            sc.down[t] = down;
            if (scheme != Scheme.BACKWARD) {
                checkStep(index, h, up - theta);
            }
            if (scheme != Scheme.FORWARD) {
                checkStep(index, h, theta - down);
            }
        }
        if (scheme == Scheme.CENTRAL) {
            w.lossesWith(indices, from, to, sc.up, sc.down, sc.fUp, sc.fDown);
            sc.evaluations += 2L * count;
        } else if (scheme == Scheme.FORWARD) {
            w.lossesWith(indices, from, to, sc.up, sc.fUp);
            sc.evaluations += count;
        } else {
            w.lossesWith(indices, from, to, sc.down, sc.fDown);
            sc.evaluations += count;
        }
        for (int t = 0; t < count; t++) {
            int index = indices[from + t];
            double theta = loss.parameter(index);
            double hPlus = sc.up[t] - theta;
            double hMinus = theta - sc.down[t];
            double fPlus = sc.fUp[t];
            double fMinus = sc.fDown[t];
            byPosition[from + t] = scheme.quotient(fMinus, f0, fPlus, hMinus, hPlus);
            if (scheme == Scheme.CENTRAL) {
                // Second difference on the possibly unequal representable steps h+ and h−.
                hessianByPosition[from + t] = (float) (2 * (hMinus * fPlus - (hPlus + hMinus) * f0 + hPlus * fMinus)
                        / (hPlus * hMinus * (hPlus + hMinus)));
            }
        }
    }

    /**
     * A four-point scheme on one group: the inner pair θ ± h_in, then the outer pair θ ± h_out
     * (two {@code lossesWith} calls of both sides each), combined on the applied offsets.
     */
    private void estimateFourPointGroup(PerturbedLoss.Worker w, Scratch sc, int[] indices, int from, int to,
                                        double f0) {
        Scheme scheme = config.scheme();
        int count = to - from;
        for (int t = 0; t < count; t++) {
            int index = indices[from + t];
            double theta = loss.parameter(index);
            double h = config.step().stepFor(theta);
            double inner = scheme.innerStep(h);
            double outer = scheme.outerStep(h);
            sc.up[t] = loss.representable(theta + inner);
            sc.down[t] = loss.representable(theta - inner);
            sc.up2[t] = loss.representable(theta + outer);
            sc.down2[t] = loss.representable(theta - outer);
            checkStep(index, inner, sc.up[t] - theta);
            checkStep(index, inner, theta - sc.down[t]);
            if (sc.up2[t] == sc.up[t] || sc.down2[t] == sc.down[t]) {
                throw new IllegalArgumentException("step h = " + config.step().h() + " is too small for the "
                        + scheme.label() + " scheme in " + config.precision().label() + " at parameter " + index
                        + " = " + theta + ": its inner and outer offsets round to the same number; use a step of"
                        + " at least " + 2 * config.precision().ulp(theta));
            }
        }
        w.lossesWith(indices, from, to, sc.up, sc.down, sc.fUp, sc.fDown);
        w.lossesWith(indices, from, to, sc.up2, sc.down2, sc.fUp2, sc.fDown2);
        sc.evaluations += 4L * count;
        boolean richardson = scheme == Scheme.RICHARDSON;
        for (int t = 0; t < count; t++) {
            double theta = loss.parameter(indices[from + t]);
            double a = sc.up[t] - theta;
            double b = theta - sc.down[t];
            double c = sc.up2[t] - theta;
            double d = theta - sc.down2[t];
            byPosition[from + t] = FourPointStencil.derivative(f0, sc.fUp[t], sc.fDown[t], sc.fUp2[t], sc.fDown2[t],
                    a, b, c, d);
            if (richardson) {
                errorByPosition[from + t] = FourPointStencil.errorEstimate(sc.fUp[t], sc.fDown[t], sc.fUp2[t],
                        sc.fDown2[t], a, b, c, d);
            }
        }
    }

    /** Per-worker buffers for one group's steps and losses (the outer pair only for four-point schemes). */
    private static final class Scratch {
        final double[] up;
        final double[] down;
        final double[] fUp;
        final double[] fDown;
        final double[] up2;
        final double[] down2;
        final double[] fUp2;
        final double[] fDown2;
        /** Perturbed losses this worker asked for, written by its thread only. */
        long evaluations;

        Scratch(int size) {
            up = new double[size];
            down = new double[size];
            fUp = new double[size];
            fDown = new double[size];
            up2 = new double[size];
            down2 = new double[size];
            fUp2 = new double[size];
            fDown2 = new double[size];
        }
    }

    private void checkStep(int index, double h, double applied) {
        if (applied == 0) {
            throw new VanishedStepException(h, config.precision(), loss.parameter(index), "parameter " + index);
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

    /**
     * Richardson's per-parameter error estimates |D(h) − D(h/2)| / 3 from the last gradient (on
     * the applied offsets: {@link FourPointStencil#errorEstimate}), for the indices it estimated
     * (zeros elsewhere). Shared, not copied.
     */
    @Override
    public java.util.Optional<double[]> lastErrorEstimates() {
        return config.scheme() == Scheme.RICHARDSON ? java.util.Optional.of(errorEstimates) : java.util.Optional.empty();
    }

    public double[] errorEstimates() {
        if (config.scheme() != Scheme.RICHARDSON) {
            throw new IllegalStateException("error estimates come from the richardson scheme only, not "
                    + config.scheme().label());
        }
        return errorEstimates;
    }

    /**
     * One baseline per gradient plus every perturbed loss the workers evaluated (read after the
     * gradient returns: the team's join orders the workers' counts before this read).
     */
    @Override
    public long lossEvaluations() {
        long n = baselines;
        for (Scratch s : scratch) {
            n += s.evaluations;
        }
        return n;
    }

    /** Stops the parameter workers' threads. */
    @Override
    public void close() {
        team.close();
    }
}
