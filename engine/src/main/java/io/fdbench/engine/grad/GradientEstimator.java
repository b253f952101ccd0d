package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;

/**
 * Anything that produces ∂(mean batch loss)/∂θ for one model: backprop, finite differences.
 *
 * <p>An estimator is bound to its model at construction and owns its workspaces, so one
 * instance is used by one thread at a time (parallel estimators manage their own threads).
 * Close it when done: that ends any threads it started, and it cannot be used afterwards.
 */
public interface GradientEstimator extends AutoCloseable {

    /** A short name for reports, e.g. "backprop" or "central-incremental". */
    String name();

    /**
     * Writes the gradient estimate at {@code theta} into {@code grad} (same flat layout).
     *
     * @return the mean batch loss at theta as the estimator computed it
     */
    double gradient(float[] theta, Batch batch, float[] grad);

    /**
     * Writes the estimates of the listed parameter indices into {@code grad} (every parameter when
     * {@code parameters} is null). What the other entries hold depends on the estimator: finite
     * differences estimate only the listed parameters and leave the others untouched; backprop
     * (and this default, for any estimator whose cost does not shrink with fewer parameters)
     * computes the whole gradient and writes every entry. An index outside the gradient fails
     * with an {@link IllegalArgumentException}.
     *
     * @return the mean batch loss at theta as the estimator computed it
     */
    default double gradient(float[] theta, Batch batch, float[] grad, int[] parameters) {
        if (parameters != null) {
            for (int i : parameters) {
                if (i < 0 || i >= grad.length) {
                    throw new IllegalArgumentException("parameter subset: index " + i + " outside [0, "
                            + grad.length + ")");
                }
            }
        }
        return gradient(theta, batch, grad);
    }

    /**
     * The loss evaluations this estimator has made since it was built, counted as they are made,
     * not derived from the scheme: every value of the batch loss at some θ counts one, whether it
     * came from a whole forward pass, an incremental update of a cached one, or a forward pass
     * carrying tangents; backprop's forward pass counts one (its backward pass is not a loss
     * evaluation). Read it between gradients.
     */
    long lossEvaluations();

    /**
     * The per-parameter error estimates the last gradient made of itself, for an estimator that
     * makes them (Richardson's |D(h) − D(h/2)| / 3, the adaptive step's), indexed like the gradient
     * (0 where it estimated nothing); empty for the others. Shared, not copied.
     */
    default java.util.Optional<double[]> lastErrorEstimates() {
        return java.util.Optional.empty();
    }

    /** Ends the estimator's threads, if it has any; nothing to do by default. */
    @Override
    default void close() {
    }
}
