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
        return new FiniteDifferenceConfig(scheme, evaluation, precision,
                StepRule.absolute(defaultStep(scheme, precision)), 1);
    }

    /**
     * Default absolute steps near the measured optimum for MLP losses of order 1: float 1e-2
     * (one-sided and central alike: float's round-off dominates below it), double 1e-7 one-sided,
     * 1e-5 central.
     */
    public static double defaultStep(Scheme scheme, Precision precision) {
        if (precision == Precision.FLOAT) {
            return 1e-2;
        }
        return scheme == Scheme.CENTRAL ? 1e-5 : 1e-7;
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
