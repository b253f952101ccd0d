package io.fdbench.engine.grad;

import java.util.Objects;

/**
 * Everything that defines a finite-difference estimator besides the model.
 *
 * @param scheme     forward, backward or central quotient
 * @param evaluation FULL re-evaluation or INCREMENTAL update of the cached forward state
 * @param precision  FLOAT (the model's kernel) or DOUBLE (the reference implementation)
 * @param step       the step h and whether it is relative
 * @param parameterWorkers threads the parameters are split over (the caller included); the
 *                         gradient's bits do not depend on it
 */
public record FiniteDifferenceConfig(Scheme scheme, Evaluation evaluation, Precision precision,
                                     StepRule step, int parameterWorkers) {

    public FiniteDifferenceConfig {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(step, "step");
        if (parameterWorkers < 1) {
            throw new IllegalArgumentException("parameter workers must be at least 1, got " + parameterWorkers);
        }
    }

    /** A one-worker estimator with the default step for the scheme and precision. */
    public static FiniteDifferenceConfig of(Scheme scheme, Evaluation evaluation, Precision precision) {
        return new FiniteDifferenceConfig(scheme, evaluation, precision, defaultStepRule(scheme, precision), 1);
    }

    /**
     * The default step's h. The fourth-order schemes use the precision-derived step
     * ({@link #precisionStep}: u^⅕, relative). The textbook schemes keep their absolute steps near
     * the measured optimum for MLP losses of order 1: float 1e-2 (one-sided and central alike:
     * float's round-off dominates below it), double 1e-7 one-sided, 1e-5 central; docs/engine.md
     * tabulates them against the precision-derived rule and the sweep's measured best h, and says
     * why they stay.
     */
    public static double defaultStep(Scheme scheme, Precision precision) {
        if (scheme.fourPoint()) {
            return precisionStep(scheme, precision).h();
        }
        if (precision == Precision.FLOAT) {
            return 1e-2;
        }
        return scheme == Scheme.CENTRAL ? 1e-5 : 1e-7;
    }

    /** The default step rule: relative for the fourth-order schemes, absolute for the others ({@link #defaultStep}). */
    public static StepRule defaultStepRule(Scheme scheme, Precision precision) {
        return scheme.fourPoint() ? precisionStep(scheme, precision)
                : StepRule.absolute(defaultStep(scheme, precision));
    }

    /**
     * The step derived from the precision alone: h = u^{1/(p+1)} for a scheme of order p (√u
     * one-sided, ∛u central, u^⅕ fourth-order; u the unit round-off), relative, so parameter i
     * gets h·max(1, |θᵢ|). It balances truncation (∝ h^p) against rounding (∝ u/h) for a loss
     * and derivatives of order 1.
     */
    public static StepRule precisionStep(Scheme scheme, Precision precision) {
        return StepRule.relative(scheme.theoreticalBestStep(precision.unitRoundoff()));
    }

    public FiniteDifferenceConfig withStep(StepRule s) {
        return new FiniteDifferenceConfig(scheme, evaluation, precision, s, parameterWorkers);
    }

    public FiniteDifferenceConfig withParameterWorkers(int workers) {
        return new FiniteDifferenceConfig(scheme, evaluation, precision, step, workers);
    }

    public FiniteDifferenceConfig withEvaluation(Evaluation e) {
        return new FiniteDifferenceConfig(scheme, e, precision, step, parameterWorkers);
    }

    public FiniteDifferenceConfig withPrecision(Precision p) {
        return new FiniteDifferenceConfig(scheme, evaluation, p, step, parameterWorkers);
    }

    /** "central-incremental-float" */
    public String label() {
        return scheme.label() + "-" + evaluation.label() + "-" + precision.label();
    }
}
