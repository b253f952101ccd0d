package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Backprop;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackpropEstimatorTest {

    private final Mlp model = new Mlp(new int[] {40, 12, 5}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY,
            TestData.kernel());
    private final Batch batch = TestData.classification(101, 40, 5, 0.8, 4).asBatch();
    private final float[] theta = model.initialise(Init.XAVIER, 5);

    @Test
    void threadedGradientEqualsOneThreadWithinRoundingAndRepeatsExactly() {
        float[] single = new float[model.parameterCount()];
        float loss = Backprop.gradient(model, theta, batch, model.newState(101), single);
        for (int threads : new int[] {2, 3}) {
            float[] a = new float[single.length];
            float[] b = new float[single.length];
            try (BackpropEstimator e = new BackpropEstimator(model, 101, threads)) {
                assertEquals(loss, e.gradient(theta, batch, a), 1e-5, threads + " threads: loss");
                e.gradient(theta, batch, b);
            }
            assertArrayEquals(a, b, threads + " threads: the same bits every time");
            for (int i = 0; i < single.length; i++) {
                assertEquals(single[i], a[i], 1e-5 * (1 + Math.abs(single[i])), threads + " threads, entry " + i);
            }
        }
    }

    @Test
    void aRowRangeGivesTheGradientOfThoseRowsAlone() {
        float[] part = new float[model.parameterCount()];
        Backprop.gradient(model, theta, batch, 30, 20, model.newState(20), part);
        float[] copy = new float[part.length];
        Batch rows = TestData.classification(101, 40, 5, 0.8, 4).batch(30, 20);
        Backprop.gradient(model, theta, rows, model.newState(20), copy);
        assertArrayEquals(copy, part);
        assertThrows(IllegalArgumentException.class,
                () -> Backprop.gradient(model, theta, batch, 90, 20, model.newState(20), part));
        assertThrows(IllegalArgumentException.class, () -> new BackpropEstimator(model, 10, 0));
    }
}
