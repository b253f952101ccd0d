package io.fdbench.engine.nn;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpTest {

    private static Mlp mlp(String spec, Activation hidden, Loss loss) {
        return new Mlp(Mlp.parseSizes(spec), hidden, loss, TestData.kernel());
    }

    @Test
    void layoutIsWeightsThenBiasPerLayer() {
        Mlp m = mlp("4-3-2", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
        assertEquals(2, m.layerCount());
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, m.parameterCount());
        assertEquals(0, m.weightOffset(0));
        assertEquals(12, m.biasOffset(0));
        assertEquals(15, m.weightOffset(1));
        assertEquals(21, m.biasOffset(1));
        List<ParameterBlock> blocks = m.blocks();
        assertEquals(List.of("W1", "b1", "W2", "b2"), blocks.stream().map(ParameterBlock::name).toList());
        assertEquals(new ParameterBlock("W1", 0, false, 0, 4, 3), blocks.get(0));
        assertEquals(new ParameterBlock("b1", 0, true, 12, 1, 3), blocks.get(1));
        assertEquals(new ParameterBlock("W2", 1, false, 15, 3, 2), blocks.get(2));
        assertEquals(new ParameterBlock("b2", 1, true, 21, 1, 2), blocks.get(3));
        assertEquals(blocks.get(2), m.block("W2"));
        assertThrows(IllegalArgumentException.class, () -> m.block("W3"));
        assertEquals("4-3-2 sigmoid softmax-ce", m.describe());
        assertEquals(Activation.SIGMOID, m.activation(0));
        assertEquals(Activation.IDENTITY, m.activation(1));
    }

    @Test
    void blockOfFindsEveryIndex() {
        Mlp m = mlp("5-4-3-2", Activation.TANH, Loss.SIGMOID_SQUARED_ERROR);
        for (int i = 0; i < m.parameterCount(); i++) {
            ParameterBlock b = m.blockOf(i);
            assertTrue(b.contains(i), i + " in " + b);
        }
        assertEquals("W1", m.blockOf(0).name());
        assertEquals("W1", m.blockOf(19).name());
        assertEquals("b1", m.blockOf(20).name());
        assertEquals("W2", m.blockOf(24).name());
        assertEquals("b3", m.blockOf(m.parameterCount() - 1).name());
        assertThrows(IndexOutOfBoundsException.class, () -> m.blockOf(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.blockOf(m.parameterCount()));
    }

    @Test
    void parseSizesAcceptsSeparatorsAndNamesTheSpecInErrors() {
        assertArrayEquals(new int[] {784, 50, 10}, Mlp.parseSizes("784-50-10"));
        assertArrayEquals(new int[] {784, 50, 10}, Mlp.parseSizes(" 784x50,10 "));
        for (String bad : new String[] {"784", "784-fifty-10", "784-0-10", "784--10", "784-50-", "-784-10", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mlp.parseSizes(bad),
                    "'" + bad + "' should be rejected");
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void constructorRejectsBadSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> new Mlp(new int[] {3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel()));
        assertThrows(IllegalArgumentException.class,
                () -> new Mlp(new int[] {3, 0, 2}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel()));
    }

    @Test
    void initialiseIsDeterministicPerSeed() {
        Mlp m = mlp("30-20-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
        for (Init init : Init.values()) {
            float[] a = m.initialise(init, 7);
            assertArrayEquals(a, m.initialise(init, 7), init.name());
            assertFalse(java.util.Arrays.equals(a, m.initialise(init, 8)), init.name());
            for (int l = 0; l < m.layerCount(); l++) {
                for (int j = 0; j < m.size(l + 1); j++) {
                    assertEquals(0f, a[m.biasOffset(l) + j], init + " bias");
                }
            }
        }
    }

    @Test
    void normal001HasSigmaOneHundredth() {
        Mlp m = mlp("784-50-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
        float[] t = m.initialise(Init.NORMAL_001, 3);
        ParameterBlock w1 = m.block("W1");
        double sum = 0;
        double sq = 0;
        for (int i = w1.offset(); i < w1.offset() + w1.size(); i++) {
            sum += t[i];
            sq += (double) t[i] * t[i];
        }
        double mean = sum / w1.size();
        double sigma = Math.sqrt(sq / w1.size() - mean * mean);
        assertEquals(0.0, mean, 3e-4);
        assertEquals(0.01, sigma, 2e-4); // 39 200 samples: the standard error of σ is about 3.6e-5
    }

    @Test
    void xavierAndHeHaveTheirScales() {
        Mlp m = mlp("400-100-10", Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY);
        ParameterBlock w1 = m.block("W1");
        float[] x = m.initialise(Init.XAVIER, 1);
        double limit = Math.sqrt(6.0 / 500);
        double max = 0;
        for (int i = 0; i < w1.size(); i++) {
            max = Math.max(max, Math.abs(x[i]));
        }
        assertTrue(max <= limit && max > 0.99 * limit, "xavier max " + max + " limit " + limit);
        float[] h = m.initialise(Init.HE, 1);
        double sq = 0;
        for (int i = 0; i < w1.size(); i++) {
            sq += (double) h[i] * h[i];
        }
        assertEquals(Math.sqrt(2.0 / 400), Math.sqrt(sq / w1.size()), 0.002);
    }

    @Test
    void shapeMismatchesAreErrors() {
        Mlp m = mlp("3-4-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        ForwardState s = m.newState(4);
        float[] theta = m.initialise(Init.XAVIER, 1);
        Batch ok = TestData.classification(4, 3, 2, 0, 1).asBatch();
        m.forward(theta, ok, s);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(new float[theta.length - 1], ok, s));
        assertTrue(e.getMessage().contains("theta has " + (theta.length - 1)), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(theta, TestData.classification(4, 5, 2, 0, 1).asBatch(), s));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(theta, TestData.regression(4, 3, 2, 1).asBatch(), s));
        assertTrue(e.getMessage().contains("needs class labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(theta, TestData.classification(5, 3, 2, 0, 1).asBatch(), s));
        assertTrue(e.getMessage().contains("capacity"), e.getMessage());
        Mlp other = mlp("3-5-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        assertThrows(IllegalArgumentException.class, () -> m.forward(theta, ok, other.newState(4)));
        assertThrows(IllegalArgumentException.class, () -> m.newState(0));
    }

    @Test
    void forwardFillsTheStateAndEvaluateAveragesOverChunks() {
        Mlp m = mlp("3-4-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        float[] theta = m.initialise(Init.XAVIER, 2);
        Dataset d = TestData.classification(10, 3, 2, 0, 5);
        ForwardState whole = m.newState(10);
        float mean = m.forward(theta, d.asBatch(), whole);
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += whole.sampleLoss()[i];
            float[] logits = whole.activation(1);
            double lse = Math.log(Math.exp(logits[2 * i]) + Math.exp(logits[2 * i + 1]));
            assertEquals(lse, whole.logSumExp()[i], 1e-5);
        }
        assertEquals(sum / 10, mean, 1e-6);
        // In chunks of 4 (4 + 4 + 2 rows): the same mean loss.
        Mlp.Score score = m.evaluate(theta, d, m.newState(4), Batch.allocate(4, 3, 2, true));
        assertEquals(mean, score.loss(), 1e-6);
        assertTrue(score.accuracy() >= 0 && score.accuracy() <= 1);
        assertNotEquals(Double.NaN, score.accuracy());
    }
}
