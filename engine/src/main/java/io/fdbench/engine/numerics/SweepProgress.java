package io.fdbench.engine.numerics;

/**
 * Told after each point of a sweep (one step h of one curve) how many of its points are done, so
 * a caller can print progress or an estimated time left. Called in the sweep's thread.
 */
@FunctionalInterface
public interface SweepProgress {

    /** {@code points} of the sweep's {@code total} points are done (1 ≤ points ≤ total). */
    void done(int points, int total);

    /** Ignores progress. */
    static SweepProgress none() {
        return (points, total) -> { };
    }
}
