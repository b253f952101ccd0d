package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.Precision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One error curve: an estimator's absolute and relative errors over a set of steps, for one
 * target, precision and evaluation. This is the entry point for any sweep, scalar or MLP: build
 * it from (h, error) arrays, then take its {@link #rows()} and {@link #summarize() summary}.
 */
public final class ErrorCurve {

    private final String target;
    private final Precision precision;
    private final String estimator;
    private final String evaluation;
    private final int expectedOrder;
    private final double theoreticalBestH;
    private final double[] h;
    private final double[] absError;
    private final double[] relError;
    private final boolean truncationFree;

    private ErrorCurve(String target, Precision precision, String estimator, String evaluation, int expectedOrder,
            double theoreticalBestH, double[] h, double[] absError, double[] relError, boolean truncationFree) {
        this.target = Objects.requireNonNull(target, "target");
        this.precision = Objects.requireNonNull(precision, "precision");
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(h, "h");
        Objects.requireNonNull(absError, "absError");
        Objects.requireNonNull(relError, "relError");
        if (absError.length != h.length || relError.length != h.length) {
            throw new IllegalArgumentException("h, absError and relError must have the same length, got "
                    + h.length + ", " + absError.length + ", " + relError.length);
        }
        if (expectedOrder < 1) {
            throw new IllegalArgumentException("expectedOrder must be at least 1, got " + expectedOrder);
        }
        this.expectedOrder = expectedOrder;
        this.theoreticalBestH = theoreticalBestH;
        this.h = h.clone();
        this.absError = absError.clone();
        this.relError = relError.clone();
        this.truncationFree = truncationFree;
    }

    /**
     * A curve from arrays (copied).
     *
     * @param target what is differentiated
     * @param precision the working precision
     * @param estimator the estimator label, e.g. {@code Scheme.CENTRAL.label()}
     * @param evaluation e.g. {@code Evaluation.FULL.label()} or {@link StepSizeSweep#EXACT_FUNCTION}
     * @param expectedOrder the truncation order of the estimator
     * @param theoreticalBestH the theoretical best step, e.g. {@code scheme.theoreticalBestStep(
     *     precision.unitRoundoff())}
     * @param h the steps
     * @param absError absolute errors at those steps
     * @param relError relative errors at those steps
     */
    public static ErrorCurve of(String target, Precision precision, String estimator, String evaluation,
            int expectedOrder, double theoreticalBestH, double[] h, double[] absError, double[] relError) {
        return new ErrorCurve(target, precision, estimator, evaluation, expectedOrder, theoreticalBestH, h,
                absError, relError, false);
    }

    /**
     * This curve marked as free of truncation error: the estimator is exact on the target up to
     * round-off (a fourth-order scheme on a quartic), so its summary reports the order as not
     * fittable instead of fitting a slope to round-off noise.
     */
    public ErrorCurve truncationFree() {
        return new ErrorCurve(target, precision, estimator, evaluation, expectedOrder, theoreticalBestH, h, absError,
                relError, true);
    }

    /** Whether the curve was marked {@link #truncationFree()}. */
    public boolean isTruncationFree() {
        return truncationFree;
    }

    /** A curve from the rows of one curve (all with the same target, precision, estimator and evaluation). */
    public static ErrorCurve fromRows(List<SweepRow> rows, int expectedOrder, double theoreticalBestH) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        SweepRow first = rows.get(0);
        double[] h = new double[rows.size()];
        double[] abs = new double[rows.size()];
        double[] rel = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            SweepRow r = rows.get(i);
            if (!r.target().equals(first.target()) || r.precision() != first.precision()
                    || !r.estimator().equals(first.estimator()) || !r.evaluation().equals(first.evaluation())) {
                throw new IllegalArgumentException("rows must belong to one curve, row " + i + " is " + r);
            }
            h[i] = r.h();
            abs[i] = r.absError();
            rel[i] = r.relError();
        }
        return of(first.target(), first.precision(), first.estimator(), first.evaluation(), expectedOrder,
                theoreticalBestH, h, abs, rel);
    }

    /**
     * The sweeps' guard that no undefined error becomes a row: returns a finite error, and throws
     * for NaN or infinity (one line naming the point) instead of letting it reach a CSV.
     */
    static double requireFinite(String what, double error, String target, Precision precision, String estimator,
            double h) {
        if (!Double.isFinite(error)) {
            throw new IllegalStateException(what + " " + error + " at h = " + h + " (" + target + ", "
                    + precision.label() + ", " + estimator + "): a sweep writes only finite errors");
        }
        return error;
    }

    public String target() {
        return target;
    }

    public Precision precision() {
        return precision;
    }

    public String estimator() {
        return estimator;
    }

    public String evaluation() {
        return evaluation;
    }

    public int expectedOrder() {
        return expectedOrder;
    }

    public double theoreticalBestH() {
        return theoreticalBestH;
    }

    public int size() {
        return h.length;
    }

    public double[] steps() {
        return h.clone();
    }

    public double[] absErrors() {
        return absError.clone();
    }

    public double[] relErrors() {
        return relError.clone();
    }

    /** The absolute error at the grid step closest (in log h) to the given step. */
    public double absErrorNear(double step) {
        int best = 0;
        for (int i = 1; i < h.length; i++) {
            if (Math.abs(Math.log(h[i] / step)) < Math.abs(Math.log(h[best] / step))) {
                best = i;
            }
        }
        return absError[best];
    }

    /** One row per step, in the curve's order. */
    public List<SweepRow> rows() {
        List<SweepRow> rows = new ArrayList<>(h.length);
        for (int i = 0; i < h.length; i++) {
            rows.add(new SweepRow(target, precision, estimator, evaluation, h[i], absError[i], relError[i]));
        }
        return Collections.unmodifiableList(rows);
    }

    /** The order fit of the absolute errors. */
    public ConvergenceFit fit() {
        return ConvergenceFit.of(h, absError, expectedOrder);
    }

    /**
     * The curve's summary: fitted order (see {@link ConvergenceFit}), best steps. A
     * {@linkplain #truncationFree() truncation-free} curve has no fitted order (NaN, no fit
     * points) and says so in its {@link CurveSummary#orderNote()}.
     */
    public CurveSummary summarize() {
        ConvergenceFit fit = fit();
        if (truncationFree) {
            return new CurveSummary(target, precision, estimator, evaluation, expectedOrder, Double.NaN, 0,
                    Double.NaN, Double.NaN, fit.bestH(), fit.bestError(), theoreticalBestH, CurveSummary.NOT_FITTABLE);
        }
        return new CurveSummary(target, precision, estimator, evaluation, expectedOrder, fit.order(), fit.points(),
                fit.fitMinH(), fit.fitMaxH(), fit.bestH(), fit.bestError(), theoreticalBestH,
                fit.hasOrder() ? "" : CurveSummary.TOO_FEW_POINTS);
    }

    @Override
    public String toString() {
        return "ErrorCurve[" + target + ", " + precision.label() + ", " + estimator + ", " + evaluation + ", "
                + h.length + " points]";
    }
}
