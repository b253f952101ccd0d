package io.fdbench.engine.train;

import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param theta      the final parameters (a new array; the initial θ is left untouched)
 * @param epochs     per-epoch statistics in order
 * @param iterations total steps taken
 * @param stopReason why training ended
 */
public record TrainingResult(float[] theta, List<EpochStats> epochs, long iterations, StopReason stopReason) {

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch's statistics. */
    public EpochStats last() {
        return epochs.get(epochs.size() - 1);
    }

    /** Why a training run ended. */
    public enum StopReason {
        /** The epoch limit was reached. */
        EPOCHS,
        /** The iteration budget was reached. */
        ITERATIONS,
        /** The change in training loss between epochs fell under the tolerance. */
        CONVERGED,
        /** A batch loss or parameter became NaN or infinite. */
        DIVERGED
    }
}
