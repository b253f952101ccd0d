package io.fdbench.engine.numerics;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.StepRule;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Step-size error curves of the MLP loss gradient: each scheme with FULL and INCREMENTAL
 * evaluation, in float and in double, against the double-precision backprop gradient as truth.
 *
 * <p>Per step h a row gives the maximum absolute error and the relative error in norm
 * ‖g − g*‖ / ‖g*‖ over the compared parameters (a seeded sample spread over every block, or all).
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

    private MlpStepSizeSweep() {
    }

    /** Runs the sweep of a model at theta on one batch. */
    public static SweepResult run(Mlp model, float[] theta, Batch batch, Settings settings) {
        int[] subset = ParameterSample.stratified(model, settings.samples(), settings.seed());
        double[] truth = new ReferenceMlp(model).gradient(ReferenceMlp.toDouble(theta), batch);
        double[] estimate = new double[model.parameterCount()];
        List<ErrorCurve> curves = new ArrayList<>();
        for (Precision precision : settings.precisions()) {
            StepGrid grid = settings.grid(precision);
            for (Scheme scheme : settings.schemes()) {
                for (Evaluation evaluation : settings.evaluations()) {
                    FiniteDifferenceConfig base = FiniteDifferenceConfig.of(scheme, evaluation, precision)
                            .withParameterWorkers(settings.parameterWorkers());
                    double[] h = grid.steps();
                    double[] abs = new double[h.length];
                    double[] rel = new double[h.length];
                    for (int k = 0; k < h.length; k++) {
                        try (FiniteDifference fd = new FiniteDifference(model, batch.size(),
                                base.withStep(StepRule.absolute(h[k])))) {
                            fd.gradient(theta, batch, estimate, subset);
                            double[] e = errors(estimate, truth, subset);
                            abs[k] = e[0];
                            rel[k] = e[1];
                        } catch (IllegalArgumentException vanished) {
                            // The step rounds to zero at some parameter in this precision: no estimate.
                            abs[k] = Double.NaN;
                            rel[k] = Double.NaN;
                        }
                    }
                    curves.add(ErrorCurve.of(settings.target(), precision, scheme.label(), evaluation.label(),
                            scheme.order(), scheme.theoreticalBestStep(precision.unitRoundoff()), h, abs, rel));
                }
            }
        }
        return SweepResult.of(curves);
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
