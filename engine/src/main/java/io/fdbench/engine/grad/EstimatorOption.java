package io.fdbench.engine.grad;

import java.util.Locale;

/**
 * A setting an estimator may read. Each {@link EstimatorKind} lists the ones it reads, so a
 * command can refuse a flag that would have no effect on the estimator it builds.
 */
public enum EstimatorOption {
    /** FULL re-evaluation or INCREMENTAL update of the perturbed losses. */
    EVALUATION,
    /** The working precision of the perturbed losses: float or double. */
    PRECISION,
    /** The step h (absolute or relative). */
    STEP,
    /** Threads the parameters are split over. */
    PARAMETER_WORKERS,
    /** Threads the batch rows are split over. */
    BATCH_WORKERS,
    /** Random directions averaged per gradient (stochastic estimators). */
    DIRECTIONS,
    /** The seed of the random directions. */
    DIRECTION_SEED;

    /** The flag's name on the command line: "parameter-workers". */
    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
