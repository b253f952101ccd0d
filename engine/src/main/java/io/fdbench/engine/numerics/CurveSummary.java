package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.Precision;
import java.util.Objects;

/**
 * What one error curve says: its fitted convergence order, its empirical best step, and the
 * theoretical best step for its scheme and precision.
 *
 * @param target what is differentiated
 * @param precision the working precision
 * @param estimator the estimator label
 * @param evaluation how the function values were obtained
 * @param expectedOrder the scheme's truncation order
 * @param fittedOrder slope of log10 error against log10 h over the truncation region (see
 *     {@link ConvergenceFit}); NaN when fewer than {@link ConvergenceFit#MIN_FIT_POINTS} points
 *     qualify
 * @param fitPoints how many points qualified for the fit (the order needs at least
 *     {@link ConvergenceFit#MIN_FIT_POINTS})
 * @param fitMinH smallest h among the points that qualified for the fit (NaN when none did)
 * @param fitMaxH largest h among the points that qualified for the fit (NaN when none did)
 * @param bestH the step with the smallest finite non-zero absolute error (a global minimum: in
 *     the round-off region it may be a lucky dip below the true optimum)
 * @param bestError that smallest absolute error
 * @param theoreticalBestH the step balancing truncation against round-off for the scheme and
 *     precision (√u, ∛u, u^⅕, u^¼ with u the unit round-off)
 * @param orderNote why there is no fitted order: {@value #NOT_FITTABLE} (the estimator is exact on
 *     the target up to round-off, so there is no truncation to fit) or {@value #TOO_FEW_POINTS};
 *     empty when the order was fitted
 */
public record CurveSummary(String target, Precision precision, String estimator, String evaluation,
        int expectedOrder, double fittedOrder, int fitPoints, double fitMinH, double fitMaxH, double bestH,
        double bestError, double theoreticalBestH, String orderNote) {

    /** The order note of a truncation-free curve. */
    public static final String NOT_FITTABLE = "not fittable: exact up to round-off";
    /** The order note of a curve with fewer than {@link ConvergenceFit#MIN_FIT_POINTS} points in its truncation region. */
    public static final String TOO_FEW_POINTS = "too few points";

    public CurveSummary {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(orderNote, "orderNote");
    }

    /** Decades between the empirical and the theoretical best step: log10(bestH / theoreticalBestH). */
    public double bestStepDecadesFromTheory() {
        return Math.log10(bestH / theoreticalBestH);
    }
}
