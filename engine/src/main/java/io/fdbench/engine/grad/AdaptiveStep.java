package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.parallel.WorkerTeam;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Richardson extrapolation with a step chosen per parameter from an error estimate, as
 * numdifftools and SciPy's {@code scipy.differentiate.derivative} choose theirs.
 *
 * <p>The search, for parameter θᵢ and start step h₀ (default u^⅕·max(1, |θᵢ|), the
 * {@linkplain FiniteDifferenceConfig#precisionStep precision-derived} fourth-order step):
 * central pairs θ ± h₀·2⁻ʲ for levels j = 0, 1, 2, …, two loss evaluations each; R_j is the
 * Richardson value of levels j − 1 and j ({@link FourPointStencil}, on the applied offsets) and its
 * error estimate is E_j = |R_j − R_{j−1}| + ρ_j, the change from the previous extrapolation (as
 * SciPy's error estimate: the difference between successive estimates) plus a rounding bound
 * ρ_j = {@value #ROUNDING_SAFETY}·u·|f(θ)|·Σ|w| (u the unit round-off, w the stencil's weights).
 * It starts with levels 0, 1, 2 (R_2 and E_2, six evaluations), halves the step while E improves,
 * and if the first halving does not improve, doubles it instead (levels −1, −2, …) while E
 * improves. It stops at the first step that does not improve, at {@value #MAX_HALVINGS}
 * halvings or {@value #MAX_DOUBLINGS} doublings, or when a smaller step would no longer move θᵢ
 * to a new representable value, and returns the R with the smallest E, that E, its nominal step
 * (the outer offset h of that Richardson value) and the evaluations spent.
 *
 * <p>Why E is not Richardson's own |D(h) − D(h/2)|/3 ({@link FourPointStencil#errorEstimate}):
 * that term estimates the error of the central difference D(h/2), O(h²), and minimising it drives
 * the step to the central difference's optimum ∛u, where the fourth-order value has no advantage
 * left; the change between successive extrapolations is O(h⁴), the extrapolated value's own
 * scale. It is still an upper estimate: in the truncation region E_j ≈ 15·|error of R_j|.
 *
 * <p>The gradient of every parameter depends on that parameter only, so it is bit-identical for
 * any worker count. Reads the evaluation, precision, start step and parameter workers.
 */
public final class AdaptiveStep implements GradientEstimator {

    /** Most halvings of the start step. */
    public static final int MAX_HALVINGS = 24;
    /** Most doublings of the start step. */
    public static final int MAX_DOUBLINGS = 4;
    /** Rounding error assumed per loss value, in units of u·|f(θ)|. */
    public static final double ROUNDING_SAFETY = 4;

    /**
     * One parameter's outcome.
     *
     * @param estimate    the chosen Richardson value
     * @param error       its error estimate E
     * @param step        its nominal step h (the outer offset)
     * @param evaluations the perturbed evaluations the search made (two per level; f(x) not counted)
     */
    public record Result(double estimate, double error, double step, int evaluations) {
    }

    /**
     * Both sides of a central pair at once: out[0] = f(x with up), out[1] = f(x with down), the
     * values already representable in the working precision.
     */
    interface Pair {
        void losses(double up, double down, double[] out);
    }

    private final Mlp model;
    private final EstimatorOptions options;
    private final PerturbedLoss<?> loss;
    private final WorkerTeam team;
    private final Search[] searches;
    private final double[] errorEstimates;
    private final double[] steps;
    private final int[] evaluationsPerParameter;
    private final double[] estimates;
    private int[] running;
    private double runningF0;
    private int[] all;
    private long baselines;

    /** An estimator for batches of up to {@code capacity} rows; the options' step is the start step. */
    public AdaptiveStep(Mlp model, int capacity, EstimatorOptions options) {
        this.model = model;
        this.options = Objects.requireNonNull(options.step() != null ? options
                : options.withStep(defaultStartStep(options.precision())), "options");
        this.loss = PerturbedLosses.create(model, capacity, options.precision(), options.evaluation());
        int p = model.parameterCount();
        this.searches = new Search[options.parameterWorkers()];
        for (int t = 0; t < searches.length; t++) {
            searches[t] = new Search(loss.newWorker(), options.precision());
        }
        this.errorEstimates = new double[p];
        this.steps = new double[p];
        this.evaluationsPerParameter = new int[p];
        this.estimates = new double[p];
        this.team = new WorkerTeam("parameter", options.parameterWorkers());
    }

    /** The start step when none is given: u^⅕ relative (the fourth-order precision-derived step). */
    public static StepRule defaultStartStep(Precision precision) {
        return FiniteDifferenceConfig.precisionStep(Scheme.RICHARDSON, precision);
    }

    /** Its workspaces: a finite-difference estimator's plus three per-parameter arrays. */
    public static long footprint(int[] sizes, int batch, EstimatorOptions o) {
        long p = Footprint.parameterCount(sizes);
        return Footprint.finiteDifference(sizes, batch, o.parameterWorkers(), o.precision() == Precision.DOUBLE,
                o.evaluation() == Evaluation.INCREMENTAL) + p * (Double.BYTES * 2 + Integer.BYTES);
    }

    @Override
    public String name() {
        return "adaptive-" + options.evaluation().label() + (options.precision() == Precision.DOUBLE ? "-double" : "");
    }

    /** The start step rule. */
    public StepRule startStep() {
        return options.step();
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        return gradient(theta, batch, grad, null);
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad, int[] parameters) {
        double f0 = estimate(theta, batch, grad.length, parameters);
        for (int i : running) {
            grad[i] = (float) estimates[i];
        }
        running = null;
        return f0;
    }

    /** As {@link #gradient(float[], Batch, float[], int[])}, keeping the estimates in double. */
    public double gradient(float[] theta, Batch batch, double[] grad, int[] parameters) {
        double f0 = estimate(theta, batch, grad.length, parameters);
        for (int i : running) {
            grad[i] = estimates[i];
        }
        running = null;
        return f0;
    }

    private double estimate(float[] theta, Batch batch, int length, int[] parameters) {
        if (length != model.parameterCount()) {
            throw new IllegalArgumentException("gradient has " + length + " entries, expected "
                    + model.parameterCount());
        }
        int[] indices;
        if (parameters == null) {
            if (all == null) {
                all = new int[model.parameterCount()];
                Arrays.setAll(all, i -> i);
            }
            indices = all;
        } else {
            for (int i : parameters) {
                if (i < 0 || i >= length) {
                    throw new IllegalArgumentException("parameter subset: index " + i + " outside [0, " + length + ")");
                }
            }
            indices = parameters;
        }
        double f0 = loss.prepare(theta, batch);
        baselines++;
        running = indices;
        runningF0 = f0;
        team.forEachRange(indices.length, this::estimateRange);
        return f0;
    }

    private void estimateRange(int part, int from, int to) {
        Search s = searches[part];
        s.worker.sync();
        int[] indices = running;
        for (int pos = from; pos < to; pos++) {
            int i = indices[pos];
            double x = loss.parameter(i);
            s.index[0] = i;
            s.run(s, x, runningF0, options.step().stepFor(x), loss::representable, "parameter " + i);
            estimates[i] = s.estimate;
            errorEstimates[i] = s.error;
            steps[i] = s.step;
            evaluationsPerParameter[i] = s.evaluations;
            s.evaluationsTotal += s.evaluations;
        }
    }

    /** The error estimates E of the last gradient, for the indices it estimated. Shared, not copied. */
    @Override
    public java.util.Optional<double[]> lastErrorEstimates() {
        return java.util.Optional.of(errorEstimates);
    }

    public double[] errorEstimates() {
        return errorEstimates;
    }

    /** The nominal step h of each chosen Richardson value in the last gradient. Shared, not copied. */
    public double[] steps() {
        return steps;
    }

    /** The perturbed-loss evaluations each parameter's search spent in the last gradient. Shared, not copied. */
    public int[] evaluationsPerParameter() {
        return evaluationsPerParameter;
    }

    @Override
    public long lossEvaluations() {
        long n = baselines;
        for (Search s : searches) {
            n += s.evaluationsTotal;
        }
        return n;
    }

    @Override
    public void close() {
        team.close();
    }

    /**
     * The search on a scalar function f at x in a precision (f evaluated at representable points
     * of that precision), from the start step h0: what the estimator does per parameter.
     *
     * @throws VanishedStepException when h0/4, the smallest step of the first three levels, does
     *     not move x in the precision
     */
    public static Result search(DoubleUnaryOperator f, double x, Precision precision, double h0) {
        double at = precision.round(x);
        Search s = new Search(null, precision);
        s.run((up, down, out) -> {
            out[0] = f.applyAsDouble(up);
            out[1] = f.applyAsDouble(down);
        }, at, f.applyAsDouble(at), h0, precision::round, "x = " + at);
        return new Result(s.estimate, s.error, s.step, s.evaluations);
    }

    /** One thread's search state: the levels' offsets and losses, preallocated. */
    private static final class Search implements Pair {
        private static final int LEVELS = MAX_DOUBLINGS + MAX_HALVINGS + 3;
        final PerturbedLoss.Worker worker;
        final Precision precision;
        final int[] index = new int[1];
        final double[] upValue = new double[1];
        final double[] downValue = new double[1];
        final double[] fUp1 = new double[1];
        final double[] fDown1 = new double[1];
        final double[] up = new double[LEVELS];
        final double[] down = new double[LEVELS];
        final double[] fUp = new double[LEVELS];
        final double[] fDown = new double[LEVELS];
        final double[] pair = new double[2];
        double estimate;
        double error;
        double step;
        int evaluations;
        long evaluationsTotal;

        Search(PerturbedLoss.Worker worker, Precision precision) {
            this.worker = worker;
            this.precision = precision;
        }

        /** The MLP's pair: both sides of one parameter through the worker's lossesWith. */
        @Override
        public void losses(double u, double d, double[] out) {
            upValue[0] = u;
            downValue[0] = d;
            worker.lossesWith(index, 0, 1, upValue, downValue, fUp1, fDown1);
            out[0] = fUp1[0];
            out[1] = fDown1[0];
        }

        /** Slot of level j (j = −MAX_DOUBLINGS .. MAX_HALVINGS + 2). */
        private static int slot(int j) {
            return j + MAX_DOUBLINGS;
        }

        /** Evaluates level j; false when its offsets do not move x or coincide with level j − 1's or j + 1's. */
        private boolean level(Pair p, double x, double h0, int j, DoubleUnaryOperator round) {
            double h = h0 * Math.pow(2, -j);
            double u = round.applyAsDouble(x + h);
            double d = round.applyAsDouble(x - h);
            if (u == x || d == x) {
                return false;
            }
            int k = slot(j);
            if (k > 0 && filled(k - 1) && (up[k - 1] == u || down[k - 1] == d)) {
                return false;
            }
            if (k + 1 < up.length && filled(k + 1) && (up[k + 1] == u || down[k + 1] == d)) {
                return false;
            }
            p.losses(u, d, pair);
            up[k] = u;
            down[k] = d;
            fUp[k] = pair[0];
            fDown[k] = pair[1];
            evaluations += 2;
            return true;
        }

        private boolean filled(int k) {
            return !Double.isNaN(up[k]);
        }

        /** R_j from levels j − 1 (outer) and j (inner). */
        private double richardson(double x, double f0, int j) {
            int o = slot(j - 1);
            int i = slot(j);
            return FourPointStencil.derivative(f0, fUp[i], fDown[i], fUp[o], fDown[o], up[i] - x, x - down[i],
                    up[o] - x, x - down[o]);
        }

        /** E_j = |R_j − R_{j−1}| + the rounding bound of R_j. */
        private double error(double x, double f0, int j, double rj, double rPrevious) {
            int o = slot(j - 1);
            int i = slot(j);
            double weights = FourPointStencil.weightSum(up[i] - x, x - down[i], up[o] - x, x - down[o]);
            return Math.abs(rj - rPrevious) + ROUNDING_SAFETY * precision.unitRoundoff() * Math.abs(f0) * weights;
        }

        /** Searches at x (representable) with baseline f0 from start step h0; fills the result fields. */
        void run(Pair p, double x, double f0, double h0, DoubleUnaryOperator round, String where) {
            Arrays.fill(up, Double.NaN);
            evaluations = 0;
            for (int j = 0; j <= 2; j++) {
                if (!level(p, x, h0, j, round)) {
                    throw new VanishedStepException(h0 * Math.pow(2, -j), precision, x, where);
                }
            }
            double r1 = richardson(x, f0, 1);
            double r2 = richardson(x, f0, 2);
            int best = 2;
            double bestR = r2;
            double bestE = error(x, f0, 2, r2, r1);
            double previous = r2;
            boolean improved = false;
            for (int j = 3; j <= MAX_HALVINGS + 2 && level(p, x, h0, j, round); j++) {
                double r = richardson(x, f0, j);
                double e = error(x, f0, j, r, previous);
                previous = r;
                if (!(e < bestE)) {
                    break;
                }
                improved = true;
                best = j;
                bestR = r;
                bestE = e;
            }
            if (!improved) {
                // Growing: level j − 2 gives R_{j−1}, the predecessor E_j needs, for j = 1, 0, −1, ...
                double next = r1;
                for (int j = 1; j - 2 >= -MAX_DOUBLINGS && level(p, x, h0, j - 2, round); j--) {
                    double rPrevious = richardson(x, f0, j - 1);
                    double e = error(x, f0, j, next, rPrevious);
                    if (!(e < bestE)) {
                        break;
                    }
                    best = j;
                    bestR = next;
                    bestE = e;
                    next = rPrevious;
                }
            }
            estimate = bestR;
            error = bestE;
            step = h0 * Math.pow(2, -(best - 1));
        }
    }
}
