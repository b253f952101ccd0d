package io.fdbench.engine.nn;

import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each loss's formulas against values worked out by hand. */
class LossTest {

    private static final Kernel KERNEL = TestData.kernel();
    /** Float formulas: a few float ulps of values of order 1. */
    private static final double FLOAT_TOL = 1e-6;

    /**
     * Softmax cross-entropy, two rows of three logits taken from data rows 1 and 2 (from = 1):
     * [1, 2, 3] with label 2: log(e + e² + e³) − 3 = log(1 + e⁻¹ + e⁻²) = 0.4076059644;
     * [0, 0, 0] with label 1: log 3 = 1.0986122887.
     */
    @Test
    void softmaxCrossEntropyLossesAndDelta() {
        Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        float[] y = {1, 2, 3, 0, 0, 0};
        int[] labels = {0, 2, 1};
        float[] lse = new float[2];
        float[] per = new float[2];
        double sum = loss.sampleLosses(KERNEL, 2, 3, y, labels, null, 1, lse, per);
        assertEquals(0.4076059644, per[0], FLOAT_TOL);
        assertEquals(1.0986122887, per[1], FLOAT_TOL);
        assertEquals(3.4076059644, lse[0], FLOAT_TOL);
        assertEquals((double) per[0] + per[1], sum, 0.0);

        // (softmax − onehot) / n: softmax[1, 2, 3] = [0.0900306, 0.2447285, 0.6652410].
        float[] delta = new float[6];
        loss.outputDelta(KERNEL, 2, 3, y, lse, labels, null, 1, delta);
        assertArrayEquals(new float[] {0.0450153f, 0.1223642f, -0.1673795f, 1f / 6, -1f / 3, 1f / 6}, delta,
                (float) FLOAT_TOL);

        // One sample from its pre-activation (the logits), in float and in double.
        assertEquals(0.4076059644, loss.sampleLoss(new float[] {9, 1, 2, 3}, 1, 3, labels, null, 1), FLOAT_TOL);
        assertEquals(0.4076059644, loss.sampleLoss(new double[] {1, 2, 3}, 0, 3, labels, null, 1), 1e-10);
    }

    /** ½·Σ(t − σ(z))²: y = [0.25, 0.5] against t = [1, 0] is ½(0.5625 + 0.25) = 0.40625. */
    @Test
    void sigmoidSquaredErrorLossesAndDelta() {
        Loss loss = Loss.SIGMOID_SQUARED_ERROR;
        float[] y = {0.25f, 0.5f};
        float[] targets = {9, 9, 1, 0};
        float[] per = new float[1];
        double sum = loss.sampleLosses(KERNEL, 1, 2, y, null, targets, 1, new float[1], per);
        assertEquals(0.40625, per[0], 0.0);
        assertEquals(0.40625, sum, 0.0);
        // (y − t)·y(1 − y) / n: [−0.75·0.1875, 0.5·0.25] = [−0.140625, 0.125].
        float[] delta = new float[2];
        loss.outputDelta(KERNEL, 1, 2, y, null, null, targets, 1, delta);
        assertArrayEquals(new float[] {-0.140625f, 0.125f}, delta, 0f);
        // From pre-activations [0, ln 3]: y = [0.5, 0.75] against [1, 1] is ½(0.25 + 0.0625) = 0.15625.
        float[] ones = {1, 1};
        assertEquals(0.15625, loss.sampleLoss(new float[] {0f, (float) Math.log(3)}, 0, 2, null, ones, 0), FLOAT_TOL);
        assertEquals(0.15625, loss.sampleLoss(new double[] {0, Math.log(3)}, 0, 2, null, new double[] {1, 1}, 0),
                1e-12);
    }

    /** ½·Σ(t − z)²: y = [2, −1] against t = [0.5, 1] is ½(2.25 + 4) = 3.125; δ = (y − t)/n. */
    @Test
    void identitySquaredErrorLossesAndDelta() {
        Loss loss = Loss.IDENTITY_SQUARED_ERROR;
        float[] y = {2, -1, 0, 0};
        float[] targets = {0.5f, 1, 0, 2};
        float[] per = new float[2];
        double sum = loss.sampleLosses(KERNEL, 2, 2, y, null, targets, 0, new float[2], per);
        assertArrayEquals(new float[] {3.125f, 2f}, per, 0f);
        assertEquals(5.125, sum, 0.0);
        float[] delta = new float[4];
        loss.outputDelta(KERNEL, 2, 2, y, null, null, targets, 0, delta);
        assertArrayEquals(new float[] {0.75f, -1f, 0f, -1f}, delta, 0f);
        assertEquals(3.125, loss.sampleLoss(new double[] {2, -1}, 0, 2, null, new double[] {0.5, 1}, 0), 0.0);
    }

    /** log(1 + p(e^Δ − 1)) − [label]Δ equals the difference of the softmax losses it shortcuts. */
    @Test
    void logitShiftIsTheChangeOfTheSoftmaxLoss() {
        Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        assertTrue(loss.hasLogitShift());
        // p = 0.25, Δ = ln 2: log 1.25 = 0.2231435513, minus ln 2 for the label's logit.
        assertEquals(0.2231435513, loss.logitShift(0.25f, Math.log(2), false), 1e-10);
        assertEquals(0.2231435513 - Math.log(2), loss.logitShift(0.25f, Math.log(2), true), 1e-10);
        double[] z = {0.3, -1.2, 2.0, 0.7};
        int[] labels = {2};
        double base = loss.sampleLoss(z, 0, 4, labels, null, 0);
        double max = 2.0;
        double norm = 0;
        for (double v : z) {
            norm += Math.exp(v - max);
        }
        for (int j = 0; j < 4; j++) {
            float p = (float) (Math.exp(z[j] - max) / norm);
            double delta = 0.37;
            double[] moved = z.clone();
            moved[j] += delta;
            double expected = loss.sampleLoss(moved, 0, 4, labels, null, 0) - base;
            // p is rounded to float, as the evaluator caches it.
            assertEquals(expected, loss.logitShift(p, delta, j == 2), 1e-7, "logit " + j);
        }
        for (Loss l : new Loss[] {Loss.SIGMOID_SQUARED_ERROR, Loss.IDENTITY_SQUARED_ERROR}) {
            assertFalse(l.hasLogitShift());
            assertThrows(UnsupportedOperationException.class, () -> l.logitShift(0.5f, 1, false));
        }
    }

    @Test
    void theDefaultLossForAnOutputWidthIsDecidedInOnePlace() {
        assertSame(Loss.SIGMOID_SQUARED_ERROR, Loss.forOutputs(1));
        assertSame(Loss.SOFTMAX_CROSS_ENTROPY, Loss.forOutputs(2));
        assertSame(Loss.SOFTMAX_CROSS_ENTROPY, Loss.forOutputs(10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.forOutputs(0));
        assertTrue(e.getMessage().startsWith("outputs "), e.getMessage());
        for (int outputs : new int[] {1, 2, 10}) {
            assertTrue(outputs >= Loss.forOutputs(outputs).minOutputs());
        }
        assertEquals(2, Loss.SOFTMAX_CROSS_ENTROPY.minOutputs());
        assertEquals(1, Loss.SIGMOID_SQUARED_ERROR.minOutputs());
        assertSame(Loss.SOFTMAX_CROSS_ENTROPY.outputActivation(), Loss.IDENTITY_SQUARED_ERROR.outputActivation());
    }
}
