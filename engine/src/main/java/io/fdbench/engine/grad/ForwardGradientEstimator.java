package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.ForwardTangent;
import io.fdbench.engine.nn.Mlp;

import java.util.Arrays;

/**
 * The forward gradient (Baydin, Pearlmutter, Syme, Wood and Torr 2022, arXiv 2202.08587), in float
 * on the model's kernel: ĝ = (1/q) Σₖ (vₖᵀ∇f)·vₖ over q standard normal directions, each vₖᵀ∇f
 * exact (no step, no truncation error) by forward-mode propagation ({@link ForwardTangent}).
 *
 * <p>Unbiased for ∇f itself (E[v vᵀ] = I); one direction's squared error E‖ĝ − ∇f‖² is
 * (P + 1)·‖∇f‖², divided by q with q directions: the Gaussian two-point estimator's spread without
 * its O(h²) bias and round-off. With the same seed it takes the same directions as the
 * {@code gaussian} estimator ({@link RandomDirections}), so the two differ only by the difference
 * quotient's error.
 *
 * <p>Cost: one forward pass carrying tangents per direction, counted as one loss evaluation each
 * (the primal values are computed once per gradient and shared by the q tangent passes, the first
 * of which carries them); q per gradient. Memory: one forward state, the tangents of every layer
 * [batch × width], the output delta, and the current direction (P floats: the tangent products read
 * it as a matrix, so it is generated once per direction into this buffer and read twice).
 * Not parallelised: same seed, same bits for any thread count.
 */
public final class ForwardGradientEstimator implements GradientEstimator {

    private final Mlp model;
    private final int directions;
    private final long seed;
    private final ForwardState state;
    private final ForwardTangent tangent;
    private final float[] direction;
    private long calls;
    private long lossEvaluations;

    /**
     * @param capacity   the largest batch it will be given
     * @param directions q ≥ 1 directions averaged per gradient
     * @param seed       the seed of the directions
     */
    public ForwardGradientEstimator(Mlp model, int capacity, int directions, long seed) {
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be at least 1, got " + directions);
        }
        this.model = model;
        this.directions = directions;
        this.seed = seed;
        this.state = model.newState(capacity);
        this.tangent = new ForwardTangent(model, capacity);
        this.direction = new float[model.parameterCount()];
    }

    @Override
    public String name() {
        return "forward-gradient";
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        int p = model.parameterCount();
        if (theta.length != p || grad.length != p) {
            throw new IllegalArgumentException("theta and gradient must have " + p + " entries, got "
                    + theta.length + " and " + grad.length);
        }
        long call = calls++;
        float loss = model.forward(theta, batch, state);
        tangent.prepare(batch, state);
        Arrays.fill(grad, 0f);
        for (int k = 0; k < directions; k++) {
            RandomDirections.fill(RandomDirections.Distribution.GAUSSIAN, RandomDirections.stream(seed, call, k),
                    direction, 0, p);
            double d = tangent.directionalDerivative(theta, direction, batch, state);
            lossEvaluations++;
            float c = (float) (d / directions);
            for (int i = 0; i < p; i++) {
                grad[i] += c * direction[i];
            }
        }
        return loss;
    }

    /** One per direction: its forward pass carrying tangents. */
    @Override
    public long lossEvaluations() {
        return lossEvaluations;
    }
}
