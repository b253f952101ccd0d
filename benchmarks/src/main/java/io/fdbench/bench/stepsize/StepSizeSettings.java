package io.fdbench.bench.stepsize;

import io.fdbench.bench.family.Profile;
import io.fdbench.engine.numerics.StepGrid;

/**
 * What one step-size sweep computes: which targets, the step grid, and the MLP sample. The suite
 * runs {@link #defaults(Profile)}; the {@code sweep} subcommand builds one from its flags.
 *
 * @param scalar           the scalar test functions' curves
 * @param mlp              the 784-50-10 MNIST loss gradient's curves
 * @param points           grid points per precision
 * @param maxH             largest step
 * @param minHFloat        smallest step in float
 * @param minHDouble       smallest step in double
 * @param samples          MLP parameters compared (a seeded sample over every block)
 * @param parameterWorkers threads the MLP curves' finite differences split the parameters over
 * @param profile          full, or quick (a coarser grid and a smaller sample)
 */
public record StepSizeSettings(boolean scalar, boolean mlp, int points, double maxH, double minHFloat,
                               double minHDouble, int samples, int parameterWorkers, Profile profile) {

    /** The defaults of a profile: 40 points and 120 parameters in full, 12 and 40 in quick. */
    public static StepSizeSettings defaults(Profile profile) {
        boolean quick = profile == Profile.QUICK;
        return new StepSizeSettings(true, true, quick ? 12 : StepGrid.DEFAULT_POINTS, StepGrid.DEFAULT_FROM,
                StepGrid.DEFAULT_TO_FLOAT, StepGrid.DEFAULT_TO_DOUBLE, quick ? 40 : 120, 2, profile);
    }

    /** The targets as the env file and {@code --targets} name them. */
    public String targets() {
        return scalar && mlp ? "scalar,mlp" : scalar ? "scalar" : "mlp";
    }
}
