package io.fdbench.engine.grad;

import java.util.Objects;

/**
 * The settings an estimator is built with; each {@link EstimatorKind} reads only the ones it lists
 * in {@link EstimatorKind#options()}.
 *
 * @param evaluation       FULL or INCREMENTAL perturbed losses
 * @param precision        the working precision of the perturbed losses
 * @param step             the step, or null for the kind's default in that precision
 * @param parameterWorkers threads the parameters are split over (≥ 1)
 * @param batchWorkers     threads the batch rows are split over (≥ 1)
 * @param directions       random directions per gradient (≥ 1)
 * @param directionSeed    the seed of the random directions
 */
public record EstimatorOptions(Evaluation evaluation, Precision precision, StepRule step,
                               int parameterWorkers, int batchWorkers, int directions, long directionSeed) {

    /** The seed of the random directions when none is given. */
    public static final long DEFAULT_DIRECTION_SEED = 20261129L;

    public EstimatorOptions {
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(precision, "precision");
        if (parameterWorkers < 1) {
            throw new IllegalArgumentException("parameter workers must be at least 1, got " + parameterWorkers);
        }
        if (batchWorkers < 1) {
            throw new IllegalArgumentException("batch workers must be at least 1, got " + batchWorkers);
        }
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be at least 1, got " + directions);
        }
    }

    /** Incremental, float, the default step, one worker of each kind, one direction, the default seed. */
    public static EstimatorOptions defaults() {
        return new EstimatorOptions(Evaluation.INCREMENTAL, Precision.FLOAT, null, 1, 1, 1, DEFAULT_DIRECTION_SEED);
    }

    public EstimatorOptions withEvaluation(Evaluation e) {
        return new EstimatorOptions(e, precision, step, parameterWorkers, batchWorkers, directions, directionSeed);
    }

    public EstimatorOptions withPrecision(Precision p) {
        return new EstimatorOptions(evaluation, p, step, parameterWorkers, batchWorkers, directions, directionSeed);
    }

    public EstimatorOptions withStep(StepRule s) {
        return new EstimatorOptions(evaluation, precision, s, parameterWorkers, batchWorkers, directions, directionSeed);
    }

    public EstimatorOptions withParameterWorkers(int n) {
        return new EstimatorOptions(evaluation, precision, step, n, batchWorkers, directions, directionSeed);
    }

    public EstimatorOptions withBatchWorkers(int n) {
        return new EstimatorOptions(evaluation, precision, step, parameterWorkers, n, directions, directionSeed);
    }

    public EstimatorOptions withDirections(int q) {
        return new EstimatorOptions(evaluation, precision, step, parameterWorkers, batchWorkers, q, directionSeed);
    }

    public EstimatorOptions withDirectionSeed(long s) {
        return new EstimatorOptions(evaluation, precision, step, parameterWorkers, batchWorkers, directions, s);
    }
}
