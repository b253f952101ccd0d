package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;

import java.util.Arrays;
import java.util.Objects;

/**
 * Zeroth-order gradient estimate from random two-point differences, in float on the model's
 * kernel: ĝ = (1/q) Σₖ (f(θ + h·vₖ) − f(θ − h·vₖ)) / 2h · vₖ over q random directions vₖ, with
 * Rademacher components (SPSA, Spall 1992) or standard normal ones (the Gaussian two-point
 * estimator that MeZO, arXiv 2305.17333, trains with).
 *
 * <p>Both are unbiased for the gradient of the h-smoothed loss (E[v vᵀ] = I), which differs from
 * ∇f by O(h²). One direction's squared error E‖ĝ − ∇f‖² is (P − 1)·‖∇f‖² for Rademacher and
 * (P + 1)·‖∇f‖² for Gaussian directions (to leading order in h), and q directions divide it by q.
 * Cost: exactly 2 loss evaluations per direction (whole forward passes at θ ± h·v), 2q per
 * gradient, independent of the parameter count P. The loss returned is the mean of
 * (f(θ + h·v) + f(θ − h·v)) / 2 over the directions, f(θ) to O(h²), so no third evaluation is spent.
 *
 * <p>Memory: the directions are never stored. Component i of direction k of the c-th gradient call
 * is regenerated from (seed, c, k, i) by {@link RandomDirections} each time it is needed (to build
 * θ + h·v, θ − h·v, and to add into the estimate), so the extra memory is one perturbed copy of θ
 * and one forward state. With a relative step the perturbation of parameter i is sᵢ = h·max(1, |θᵢ|)
 * and its estimate divides by sᵢ instead of h, which keeps it unbiased.
 *
 * <p>Not parallelised: the directions run in order on the calling thread (the forward passes use
 * whatever kernel the model has), so the same seed gives the same bits for any thread count.
 */
public final class TwoPointEstimator implements GradientEstimator {

    private final Mlp model;
    private final RandomDirections.Distribution distribution;
    private final StepRule step;
    private final int directions;
    private final long seed;
    private final ForwardState state;
    private final float[] perturbed;
    private long calls;
    private long lossEvaluations;

    /**
     * @param capacity     the largest batch it will be given
     * @param distribution Rademacher (SPSA) or Gaussian (two-point / MeZO)
     * @param step         h, absolute or relative
     * @param directions   q ≥ 1 directions averaged per gradient
     * @param seed         the seed of the directions
     */
    public TwoPointEstimator(Mlp model, int capacity, RandomDirections.Distribution distribution, StepRule step,
                             int directions, long seed) {
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be at least 1, got " + directions);
        }
        this.model = model;
        this.distribution = Objects.requireNonNull(distribution, "distribution");
        this.step = Objects.requireNonNull(step, "step");
        this.directions = directions;
        this.seed = seed;
        this.state = model.newState(capacity);
        this.perturbed = new float[model.parameterCount()];
    }

    /**
     * The default step in float: ∛u = 2^-8 ≈ 3.9e-3 per component, the central difference's balance
     * of truncation (O(h²)) and round-off (O(u/h)) for a loss of order 1. Either error is far below
     * the estimator's own spread, which shrinks only with q.
     */
    public static double defaultStep() {
        return Math.cbrt(Precision.FLOAT.unitRoundoff());
    }

    @Override
    public String name() {
        return distribution == RandomDirections.Distribution.RADEMACHER ? "spsa" : "gaussian";
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        int p = model.parameterCount();
        if (theta.length != p || grad.length != p) {
            throw new IllegalArgumentException("theta and gradient must have " + p + " entries, got "
                    + theta.length + " and " + grad.length);
        }
        long call = calls++;
        Arrays.fill(grad, 0f);
        double lossSum = 0;
        for (int k = 0; k < directions; k++) {
            long stream = RandomDirections.stream(seed, call, k);
            perturb(theta, stream, 1);
            float up = model.forward(perturbed, batch, state);
            lossEvaluations++;
            perturb(theta, stream, -1);
            float down = model.forward(perturbed, batch, state);
            lossEvaluations++;
            lossSum += ((double) up + down) / 2;
            // (f⁺ − f⁻)/(2sᵢ)·vᵢ, averaged over the directions
            double half = ((double) up - down) / (2.0 * directions);
            if (step.relative()) {
                for (int i = 0; i < p; i++) {
                    float v = RandomDirections.component(distribution, stream, i);
                    grad[i] += (float) (half * v / step.stepFor(theta[i]));
                }
            } else {
                float c = (float) (half / step.h());
                for (int i = 0; i < p; i++) {
                    grad[i] += c * RandomDirections.component(distribution, stream, i);
                }
            }
        }
        return lossSum / directions;
    }

    /** perturbed = θ + sign·s·v, component by component. */
    private void perturb(float[] theta, long stream, int sign) {
        int p = perturbed.length;
        if (step.relative()) {
            for (int i = 0; i < p; i++) {
                float v = RandomDirections.component(distribution, stream, i);
                perturbed[i] = (float) (theta[i] + sign * step.stepFor(theta[i]) * v);
            }
        } else {
            float h = (float) (sign * step.h());
            for (int i = 0; i < p; i++) {
                perturbed[i] = theta[i] + h * RandomDirections.component(distribution, stream, i);
            }
        }
    }

    /** Two per direction: the forward passes at θ + h·v and θ − h·v. */
    @Override
    public long lossEvaluations() {
        return lossEvaluations;
    }
}
