package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.Precision;
import java.util.Objects;

/**
 * One point of an error curve: the error of an estimator at step h against the exact value.
 *
 * @param target what is differentiated, e.g. "sin@1" or an MLP loss label
 * @param precision the working precision of the estimate
 * @param estimator the estimator label, e.g. "central"
 * @param evaluation how the function values were obtained: {@value StepSizeSweep#EXACT_FUNCTION}
 *     for scalar targets, "full"/"incremental" for MLP rows
 * @param h the nominal step of the grid
 * @param absError |estimate − exact| (NaN when the estimate is undefined, e.g. the step vanished)
 * @param relError absError / |exact|
 */
public record SweepRow(String target, Precision precision, String estimator, String evaluation, double h,
        double absError, double relError) {

    public SweepRow {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(evaluation, "evaluation");
    }
}
