package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;

/**
 * Anything that produces ∂(mean batch loss)/∂θ for one model: backprop, finite differences.
 *
 * <p>An estimator is bound to its model at construction and owns its workspaces, so one
 * instance is used by one thread at a time (parallel estimators manage their own threads).
 */
public interface GradientEstimator {

    /** A short name for reports, e.g. "backprop" or "central-incremental". */
    String name();

    /**
     * Writes the gradient estimate at {@code theta} into {@code grad} (same flat layout).
     *
     * @return the mean batch loss at theta as the estimator computed it
     */
    double gradient(float[] theta, Batch batch, float[] grad);
}
