package io.fdbench.engine.numerics;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.StepRule;
import io.fdbench.engine.grad.VanishedStepException;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Step-size error curves of the MLP loss gradient: each scheme with FULL and INCREMENTAL
 * evaluation, in float and in double, against the double-precision backprop gradient as truth.
 *
 * <p>Per step h a row gives the maximum absolute error and the relative error in norm
 * ‖g − g*‖ / ‖g*‖ over the compared parameters (a seeded sample spread over every block, or all).
 * Each curve's estimator (and its worker threads) is built once and moved along the grid. A grid
 * whose smallest step vanishes at a compared parameter in its precision is refused before any
 * gradient is estimated ({@link io.fdbench.engine.grad.VanishedStepException}), so no row is NaN.
 */
public final class MlpStepSizeSweep {

    /**
     * What to sweep.
     *
     * @param target     the label of the rows, e.g. "mlp 784-50-10 sigmoid softmax-ce"
     * @param samples    parameters compared (a stratified seeded sample); ≥ parameter count means all
     * @param seed       the sample's seed
     * @param parameterWorkers threads the finite differences split the parameters over
     */
    public record Settings(String target, List<Scheme> schemes, List<Evaluation> evaluations,
                           List<Precision> precisions, StepGrid floatGrid, StepGrid doubleGrid,
                           int samples, long seed, int parameterWorkers) {

        public Settings {
            Objects.requireNonNull(target, "target");
            if (samples <= 0) {
                throw new IllegalArgumentException("samples must be positive, got " + samples);
            }
            if (parameterWorkers <= 0) {
                throw new IllegalArgumentException("parameter workers must be positive, got " + parameterWorkers);
            }
        }

        /** Every scheme, evaluation and precision on the default grids, 200 sampled parameters. */
        public static Settings defaults(String target) {
            return new Settings(target, List.of(Scheme.values()), List.of(Evaluation.values()),
                    List.of(Precision.values()), StepGrid.defaultFor(Precision.FLOAT),
                    StepGrid.defaultFor(Precision.DOUBLE), 200, 42, 1);
        }

        public StepGrid grid(Precision p) {
            return p == Precision.FLOAT ? floatGrid : doubleGrid;
        }
    }

    /**
     * A gradient moved along a grid by its step, in double: what the sweep needs of an estimator
     * that is not a {@link FiniteDifference} scheme.
     */
    public interface SteppedGradient extends AutoCloseable {
        /** Estimates the listed parameters at step h into grad (the others untouched). */
        void gradient(double h, float[] theta, Batch batch, double[] grad, int[] parameters);

        /** Ends the estimator's threads, if any. */
        @Override
        default void close() {
        }
    }

    /**
     * A curve besides the schemes': the hook for the complex step's MLP curve. The complex-step
     * estimator (grad's ComplexStep, with setStep(double h)) plugs in as
     * <pre>{@code
     * new ExtraCurve("complex-step", "full", Precision.DOUBLE, 2, Math.sqrt(Precision.DOUBLE.unitRoundoff()),
     *         settings.doubleGrid().forComplexStep(), () -> {
     *             ComplexStep cs = new ComplexStep(model, batch.size(), ...);
     *             return new SteppedGradient() {
     *                 public void gradient(double h, float[] t, Batch b, double[] g, int[] p) {
     *                     cs.setStep(h);
     *                     cs.gradient(t, b, g, p); // a double gradient, as FiniteDifference's
     *                 }
     *                 public void close() { cs.close(); }
     *             };
     *         })
     * }</pre>
     * and is passed to {@link #run(Mlp, float[], Batch, Settings, SweepProgress, List)};
     * StepSizeSweepRun (benchmarks) has the one list to add it to.
     *
     * @param estimator        the curve's estimator label
     * @param evaluation       its evaluation label
     * @param precision        the precision its rows are labelled with
     * @param expectedOrder    its truncation order (for the fit)
     * @param theoreticalBestH its theoretical best step
     * @param grid             its steps (no vanishing check: an imaginary step never vanishes)
     * @param factory          builds its estimator, once for the curve
     */
    public record ExtraCurve(String estimator, String evaluation, Precision precision, int expectedOrder,
                             double theoreticalBestH, StepGrid grid, Supplier<SteppedGradient> factory) {
        public ExtraCurve {
            Objects.requireNonNull(estimator, "estimator");
            Objects.requireNonNull(evaluation, "evaluation");
            Objects.requireNonNull(precision, "precision");
            Objects.requireNonNull(grid, "grid");
            Objects.requireNonNull(factory, "factory");
        }
    }

    private MlpStepSizeSweep() {
    }

    /**
     * Runs the sweep of a model at theta on one batch.
     *
     * @throws io.fdbench.engine.grad.VanishedStepException before any estimate, when a grid's
     *     smallest step vanishes at a compared parameter in that grid's precision
     */
    public static SweepResult run(Mlp model, float[] theta, Batch batch, Settings settings) {
        return run(model, theta, batch, settings, SweepProgress.none());
    }

    /** As {@link #run(Mlp, float[], Batch, Settings)}, telling {@code progress} after each point. */
    public static SweepResult run(Mlp model, float[] theta, Batch batch, Settings settings, SweepProgress progress) {
        return run(model, theta, batch, settings, progress, List.of());
    }

    /** As {@link #run(Mlp, float[], Batch, Settings, SweepProgress)}, with extra curves after the schemes'. */
    public static SweepResult run(Mlp model, float[] theta, Batch batch, Settings settings, SweepProgress progress,
                                  List<ExtraCurve> extra) {
        return run(model, theta, batch, settings, progress, c -> new FiniteDifference(model, batch.size(), c), extra);
    }

    /** The sweep with the curves' estimators built by {@code estimators} (one call per curve). */
    static SweepResult run(Mlp model, float[] theta, Batch batch, Settings settings, SweepProgress progress,
                           Function<FiniteDifferenceConfig, FiniteDifference> estimators) {
        return run(model, theta, batch, settings, progress, estimators, List.of());
    }

    private static SweepResult run(Mlp model, float[] theta, Batch batch, Settings settings, SweepProgress progress,
                                   Function<FiniteDifferenceConfig, FiniteDifference> estimators,
                                   List<ExtraCurve> extra) {
        Objects.requireNonNull(progress, "progress");
        int[] subset = ParameterSample.stratified(model, settings.samples(), settings.seed());
        int total = 0;
        for (Precision precision : settings.precisions()) {
            StepGrid grid = settings.grid(precision);
            for (int i : subset) {
                grid.requireUsableAt(precision, theta[i], "parameter " + i);
                for (Scheme scheme : settings.schemes()) {
                    if (scheme.fourPoint()) {
                        requireFourPointUsable(scheme, precision, theta[i], grid.to(), "parameter " + i);
                    }
                }
            }
            total += settings.schemes().size() * settings.evaluations().size() * grid.size();
        }
        for (ExtraCurve c : extra) {
            total += c.grid().size();
        }
        double[] truth = new ReferenceMlp(model).gradient(ReferenceMlp.toDouble(theta), batch);
        double[] estimate = new double[model.parameterCount()];
        List<ErrorCurve> curves = new ArrayList<>();
        int done = 0;
        for (Precision precision : settings.precisions()) {
            double[] h = settings.grid(precision).steps();
            for (Scheme scheme : settings.schemes()) {
                for (Evaluation evaluation : settings.evaluations()) {
                    FiniteDifferenceConfig config = FiniteDifferenceConfig.of(scheme, evaluation, precision)
                            .withParameterWorkers(settings.parameterWorkers()).withStep(StepRule.absolute(h[0]));
                    double[] abs = new double[h.length];
                    double[] rel = new double[h.length];
                    try (FiniteDifference fd = estimators.apply(config)) {
                        for (int k = 0; k < h.length; k++) {
                            fd.setStep(StepRule.absolute(h[k]));
                            fd.gradient(theta, batch, estimate, subset);
                            double[] e = errors(estimate, truth, subset);
                            abs[k] = ErrorCurve.requireFinite("absolute error", e[0], settings.target(), precision,
                                    scheme.label() + "-" + evaluation.label(), h[k]);
                            rel[k] = ErrorCurve.requireFinite("relative error", e[1], settings.target(), precision,
                                    scheme.label() + "-" + evaluation.label(), h[k]);
                            progress.done(++done, total);
                        }
                    }
                    curves.add(ErrorCurve.of(settings.target(), precision, scheme.label(), evaluation.label(),
                            scheme.order(), scheme.theoreticalBestStep(precision.unitRoundoff()), h, abs, rel));
                }
            }
        }
        for (ExtraCurve c : extra) {
            double[] h = c.grid().steps();
            double[] abs = new double[h.length];
            double[] rel = new double[h.length];
            try (SteppedGradient g = c.factory().get()) {
                for (int k = 0; k < h.length; k++) {
                    g.gradient(h[k], theta, batch, estimate, subset);
                    double[] e = errors(estimate, truth, subset);
                    abs[k] = ErrorCurve.requireFinite("absolute error", e[0], settings.target(), c.precision(),
                            c.estimator(), h[k]);
                    rel[k] = ErrorCurve.requireFinite("relative error", e[1], settings.target(), c.precision(),
                            c.estimator(), h[k]);
                    progress.done(++done, total);
                }
            }
            curves.add(ErrorCurve.of(settings.target(), c.precision(), c.estimator(), c.evaluation(),
                    c.expectedOrder(), c.theoreticalBestH(), h, abs, rel));
        }
        return SweepResult.of(curves);
    }

    /**
     * Refuses a smallest step h at which a four-point scheme has no estimate at x: its inner offset
     * vanishes, or its inner and outer offsets round to the same number (a finite difference of the
     * scheme would stop there halfway through the sweep).
     */
    static void requireFourPointUsable(Scheme scheme, Precision precision, double x, double h, String where) {
        double at = precision.round(x);
        double inner = scheme.innerStep(h);
        double outer = scheme.outerStep(h);
        if (precision.stepVanishes(at, inner) || precision.round(at + inner) == precision.round(at + outer)
                || precision.round(at - inner) == precision.round(at - outer)) {
            throw new VanishedStepException(h, precision, at, where + " (" + scheme.label() + ")");
        }
    }

    /** {max |g − g*|, ‖g − g*‖ / ‖g*‖} over the subset. */
    static double[] errors(double[] g, double[] truth, int[] subset) {
        double max = 0;
        double d2 = 0;
        double t2 = 0;
        for (int i : subset) {
            double d = g[i] - truth[i];
            max = Math.max(max, Math.abs(d));
            d2 += d * d;
            t2 += truth[i] * truth[i];
        }
        return new double[] {max, Math.sqrt(d2) / Math.sqrt(t2)};
    }
}
