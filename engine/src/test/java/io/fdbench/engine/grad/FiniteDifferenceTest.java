package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Backprop;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiniteDifferenceTest {

    /** MNIST-like inputs: values in (0,1] with about 80 % exact zeros. */
    static Dataset sparseClassification(int rows, int features, int classes, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.8 ? 0f : (float) r.nextDouble();
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(classes);
        }
        return Dataset.classification("sparse-" + seed, x, features, labels, classes);
    }

    static double relativeError(float[] a, float[] b) {
        double d = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - (double) b[i]) * (a[i] - (double) b[i]);
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return Math.sqrt(d) / (Math.sqrt(na) + Math.sqrt(nb));
    }

    @Test
    void incrementalMatchesFullWithinFloatRoundingOnEveryScheme() {
        Mlp model = Mlp.of("64-16-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
        Batch batch = sparseClassification(20, 64, 10, 1).asBatch();
        float[] theta = model.initialise(Init.XAVIER, 2);
        for (Scheme scheme : Scheme.values()) {
            float[] full = new float[model.parameterCount()];
            float[] inc = new float[model.parameterCount()];
            FiniteDifferenceConfig c = FiniteDifferenceConfig.of(scheme, Evaluation.FULL, Precision.FLOAT);
            try (FiniteDifference f = new FiniteDifference(model, 20, c);
                 FiniteDifference g = new FiniteDifference(model, 20, c.withEvaluation(Evaluation.INCREMENTAL))) {
                f.gradient(theta, batch, full);
                g.gradient(theta, batch, inc);
            }
            assertTrue(relativeError(full, inc) < 1e-3, scheme + ": " + relativeError(full, inc));
        }
    }

    @Test
    void timingProbe() {
        Mlp model = Mlp.of("784-50-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
        Batch batch = sparseClassification(100, 784, 10, 3).asBatch();
        float[] theta = model.initialise(Init.NORMAL_001, 4);
        float[] bp = new float[model.parameterCount()];
        float[] fd = new float[model.parameterCount()];
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.INCREMENTAL, Precision.FLOAT);
        try (FiniteDifference g = new FiniteDifference(model, 100, c)) {
            for (int rep = 0; rep < 5; rep++) {
                long t0 = System.nanoTime();
                g.gradient(theta, batch, fd);
                long t1 = System.nanoTime();
                Backprop.gradient(model, theta, batch, model.newState(100), bp);
                long t2 = System.nanoTime();
                System.out.printf("fd %.1f ms  bp %.1f us  relerr %.2e%n", (t1 - t0) / 1e6, (t2 - t1) / 1e3, relativeError(bp, fd));
            }
        }
    }
}
