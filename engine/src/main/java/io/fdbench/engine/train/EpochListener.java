package io.fdbench.engine.train;

/** Called by the {@link Trainer} after each epoch, on the training thread. */
@FunctionalInterface
public interface EpochListener {

    void onEpoch(EpochStats stats);

    /** A listener that ignores everything. */
    static EpochListener none() {
        return s -> { };
    }
}
