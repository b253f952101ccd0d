package io.fdbench.engine.data;

import java.util.SplittableRandom;

/** Tiny synthetic data sets for tests and for benchmarks where the data should not matter. */
public final class ToySets {

    /**
     * The fixed linear map of {@link #sigmoidRegression}: output o = sigmoid(W[o]·x + B[o] + C[o]·x0·x1).
     * Chosen so targets spread over roughly (0.1, 0.9) and both outputs depend on both inputs.
     */
    private static final double[][] W = {{1.3, -0.7}, {-0.6, -1.1}};
    private static final double[] B = {0.2, -0.1};
    private static final double[] C = {0.8, -0.5};

    private ToySets() {
    }

    /** XOR: inputs (0,0), (0,1), (1,0), (1,1) with regression targets 0, 1, 1, 0 (one output). */
    public static Dataset xor() {
        float[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        float[] y = {0, 1, 1, 0};
        return Dataset.regression("xor", x, 2, y, 1);
    }

    /**
     * A two-input, two-output regression set: inputs uniform in [−1, 1]², targets
     * sigmoid(W·x + b + c·x0·x1) with a fixed W, b, c, so every target lies in (0, 1) and a
     * sigmoid output layer can fit it. The function is the same for every seed; the seed only
     * picks the sample, so two seeds give a train and a test set of the same problem. Same seed
     * and rows, same data.
     */
    public static Dataset sigmoidRegression(long seed, int rows) {
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be positive, got " + rows);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[rows * 2];
        float[] y = new float[rows * 2];
        for (int r = 0; r < rows; r++) {
            double x0 = rnd.nextDouble(-1.0, 1.0);
            double x1 = rnd.nextDouble(-1.0, 1.0);
            x[2 * r] = (float) x0;
            x[2 * r + 1] = (float) x1;
            for (int o = 0; o < 2; o++) {
                double z = W[o][0] * x0 + W[o][1] * x1 + B[o] + C[o] * x0 * x1;
                y[2 * r + o] = (float) (1.0 / (1.0 + Math.exp(-z)));
            }
        }
        return Dataset.regression("sigmoid-regression(seed=" + seed + ", rows=" + rows + ")", x, 2, y, 2);
    }
}
