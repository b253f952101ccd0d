package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimator interface: the parameter-subset overload and close, for both kinds of estimator. */
class GradientEstimatorTest {

    private final Mlp model = new Mlp(new int[] {6, 5, 3}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY,
            TestData.kernel());
    private final Batch batch = TestData.classification(23, 6, 3, 0.3, 4).asBatch();
    private final float[] theta = model.initialise(Init.XAVIER, 3);
    private final int[] subset = {1, 9, 30, 31, model.parameterCount() - 1};

    private static final float UNTOUCHED = 42f;

    private float[] filled() {
        float[] g = new float[model.parameterCount()];
        Arrays.fill(g, UNTOUCHED);
        return g;
    }

    @Test
    void finiteDifferencesThroughTheInterfaceEstimateOnlyTheListedParameters() {
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.INCREMENTAL, Precision.FLOAT)
                .withParameterWorkers(2);
        float[] every = filled();
        float[] some = filled();
        double lossAll;
        double lossSome;
        try (GradientEstimator e = new FiniteDifference(model, 23, c)) {
            lossAll = e.gradient(theta, batch, every, null);
            lossSome = e.gradient(theta, batch, some, subset);
        }
        assertEquals(lossAll, lossSome, 0.0);
        for (int i = 0; i < some.length; i++) {
            boolean listed = Arrays.binarySearch(subset, i) >= 0;
            assertEquals(listed ? every[i] : UNTOUCHED, some[i], 0f, "entry " + i);
        }
    }

    @Test
    void backpropThroughTheSubsetOverloadWritesTheWholeGradient() {
        for (int batchWorkers : new int[] {1, 2}) {
            float[] full = filled();
            float[] some = filled();
            try (GradientEstimator e = new BackpropEstimator(model, 23, batchWorkers)) {
                double loss = e.gradient(theta, batch, full);
                assertEquals(loss, e.gradient(theta, batch, some, subset), 0.0);
                IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                        () -> e.gradient(theta, batch, filled(), new int[] {0, model.parameterCount()}));
                assertTrue(bad.getMessage().contains("subset"), bad.getMessage());
            }
            assertArrayEquals(full, some, batchWorkers + " batch workers: every entry, the same bits");
            for (int i = 0; i < some.length; i++) {
                assertTrue(some[i] != UNTOUCHED, "entry " + i + " written");
            }
        }
    }

    @Test
    void aClosedEstimatorFailsClearly() {
        for (int workers : new int[] {1, 2}) {
            GradientEstimator bp = new BackpropEstimator(model, 23, workers);
            GradientEstimator fd = new FiniteDifference(model, 23,
                    FiniteDifferenceConfig.of(Scheme.FORWARD, Evaluation.FULL, Precision.FLOAT)
                            .withParameterWorkers(workers));
            bp.close();
            fd.close();
            fd.close(); // twice is harmless
            for (GradientEstimator e : new GradientEstimator[] {bp, fd}) {
                IllegalStateException x = assertThrows(IllegalStateException.class,
                        () -> e.gradient(theta, batch, filled()));
                assertTrue(x.getMessage().contains("closed"), x.getMessage());
            }
        }
    }
}
