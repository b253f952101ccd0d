package io.fdbench.engine.reference;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferenceMlpTest {

    private static final double H = 1e-5;

    private static Mlp mlp(String spec, Activation hidden, Loss loss) {
        return new Mlp(Mlp.parseSizes(spec), hidden, loss, Kernels.scalar());
    }

    /** Every parameter (biases too) drawn from N(0, scale²). */
    private static double[] randomTheta(int p, double scale, long seed) {
        Random r = new Random(seed);
        double[] t = new double[p];
        for (int i = 0; i < p; i++) {
            t[i] = scale * r.nextGaussian();
        }
        return t;
    }

    /** Plain central differences of the reference loss, in double. */
    private static double[] centralDifference(ReferenceMlp ref, double[] theta, Batch b) {
        double[] g = new double[theta.length];
        double[] t = theta.clone();
        for (int i = 0; i < t.length; i++) {
            double v = t[i];
            t[i] = v + H;
            double plus = ref.loss(t, b);
            t[i] = v - H;
            double minus = ref.loss(t, b);
            t[i] = v;
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    private static double checkAgainstCentralDifference(Mlp m, Dataset d, long seed) {
        ReferenceMlp ref = new ReferenceMlp(m);
        double[] theta = randomTheta(m.parameterCount(), 0.7, seed);
        Batch b = d.asBatch();
        double[] grad = new double[m.parameterCount()];
        double loss = ref.lossAndGradient(theta, b, grad);
        assertEquals(ref.loss(theta, b), loss, 0.0);
        if (m.hidden() == Activation.RELU) {
            // No hidden pre-activation may sit near the kink, or the difference quotient straddles it.
            ReferenceState s = ref.forward(theta, b);
            for (int l = 0; l < m.layerCount() - 1; l++) {
                for (double z : s.preActivation(l)) {
                    assertTrue(Math.abs(z) > 1e-3, "pre-activation " + z + " too close to ReLU's kink; change seed");
                }
            }
        }
        double[] fd = centralDifference(ref, theta, b);
        assertTrue(TestData.norm(grad) > 1e-3, "gradient suspiciously small: " + TestData.norm(grad));
        double err = TestData.relativeError(grad, fd);
        System.out.printf("reference vs central difference %s: relative error %.3e%n", m.describe(), err);
        assertTrue(err < 1e-6, m.describe() + ": relative error " + err);
        return err;
    }

    @Test
    void tanhSoftmaxGradientMatchesCentralDifference() {
        checkAgainstCentralDifference(mlp("5-4-3", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY),
                TestData.classification(7, 5, 3, 0.2, 11), 1);
    }

    @Test
    void sigmoidMseGradientMatchesCentralDifference() {
        checkAgainstCentralDifference(mlp("3-4-2", Activation.SIGMOID, Loss.SIGMOID_SQUARED_ERROR),
                TestData.regression(6, 3, 2, 12), 2);
    }

    @Test
    void reluIdentityMseGradientMatchesCentralDifference() {
        checkAgainstCentralDifference(mlp("4-5-2", Activation.RELU, Loss.IDENTITY_SQUARED_ERROR),
                TestData.regression(5, 4, 2, 13), 3);
    }

    @Test
    void deeperReluSoftmaxGradientMatchesCentralDifference() {
        checkAgainstCentralDifference(mlp("4-6-5-3", Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY),
                TestData.classification(6, 4, 3, 0.0, 14), 4);
    }

    @Test
    void deeperSigmoidSoftmaxGradientMatchesCentralDifference() {
        checkAgainstCentralDifference(mlp("4-6-5-3", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY),
                TestData.classification(6, 4, 3, 0.3, 15), 5);
    }

    /** A one-layer 2→2 softmax net, worked by hand. W = [[1, 2], [3, 4]], b = [0.5, −0.5]. */
    @Test
    void oneLayerSoftmaxLossAndGradientByHand() {
        Mlp m = mlp("2-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        ReferenceMlp ref = new ReferenceMlp(m);
        double[] theta = {1, 2, 3, 4, 0.5, -0.5};
        // x = (1, −1) → z = (−1.5, −2.5), label 0;  x = (0, 1) → z = (3.5, 3.5), label 0.
        Batch b = Dataset.classification("hand", new float[] {1, -1, 0, 1}, 2, new int[] {0, 0}, 2).asBatch();
        double expected = (Math.log(1 + Math.exp(-1)) + Math.log(2)) / 2;
        double[] grad = new double[6];
        assertEquals(expected, ref.lossAndGradient(theta, b, grad), 1e-15);

        ReferenceState s = ref.forward(theta, b);
        assertArrayEquals(new double[] {-1.5, -2.5, 3.5, 3.5}, s.preActivation(0), 1e-15);
        assertArrayEquals(s.preActivation(0), s.activation(0), 0.0); // softmax: the outputs are the logits
        assertArrayEquals(new double[] {Math.log(1 + Math.exp(-1)), Math.log(2)}, s.sampleLoss(), 1e-15);
        assertArrayEquals(new double[] {-1.5 + Math.log(1 + Math.exp(-1)), 3.5 + Math.log(2)}, s.logSumExp(), 1e-15);

        double q = 1 - 1 / (1 + Math.exp(-1)); // 1 − softmax(z)₀ for the first sample
        double[] expectedGrad = {-q / 2, q / 2, (q - 0.5) / 2, (0.5 - q) / 2, (-q - 0.5) / 2, (q + 0.5) / 2};
        assertArrayEquals(expectedGrad, grad, 1e-15);
    }

    @Test
    void oneLayerSquaredErrorLossesByHand() {
        // sigmoid: W = (0.5, −1)ᵀ, b = 0.25, x = (2, 1) → z = 0.25, target 1.
        ReferenceMlp sig = new ReferenceMlp(mlp("2-1", Activation.TANH, Loss.SIGMOID_SQUARED_ERROR));
        Batch b1 = Dataset.regression("hand", new float[] {2, 1}, 2, new float[] {1}, 1).asBatch();
        double y = 1 / (1 + Math.exp(-0.25));
        assertEquals(0.5 * (1 - y) * (1 - y), sig.loss(new double[] {0.5, -1, 0.25}, b1), 1e-16);

        // identity: W = I, b = (1, −1); x = (1, 2) → y = (2, 1), t = (0, 0) → ½·5;
        //           x = (0, 0) → y = (1, −1), t = (1, 1) → ½·4.  Mean 2.25.
        ReferenceMlp id = new ReferenceMlp(mlp("2-2", Activation.TANH, Loss.IDENTITY_SQUARED_ERROR));
        Batch b2 = Dataset.regression("hand", new float[] {1, 2, 0, 0}, 2, new float[] {0, 0, 1, 1}, 2).asBatch();
        double[] theta = {1, 0, 0, 1, 1, -1};
        assertEquals(2.25, id.loss(theta, b2), 1e-15);
        // ∂/∂b = mean(y − t) = ((2, 1) + (0, −2)) / 2 = (1, −0.5); ∂/∂W = mean x ⊗ (y − t) = (1,2)ᵀ(2,1)/2.
        double[] grad = id.gradient(theta, b2);
        assertArrayEquals(new double[] {1, 0.5, 2, 1, 1, -0.5}, grad, 1e-15);
    }

    @Test
    void softmaxLossIsStableForHugeLogits() {
        ReferenceMlp ref = new ReferenceMlp(mlp("1-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY));
        double[] theta = {1000, 0, 0, 0}; // x = 1 → logits (1000, 0)
        Batch wrong = Dataset.classification("big", new float[] {1}, 1, new int[] {1}, 2).asBatch();
        Batch right = Dataset.classification("big", new float[] {1}, 1, new int[] {0}, 2).asBatch();
        assertEquals(1000.0, ref.loss(theta, wrong), 1e-12);
        assertEquals(0.0, ref.loss(theta, right), 1e-300);
        double[] g = ref.gradient(theta, wrong);
        for (double v : g) {
            assertTrue(Double.isFinite(v));
        }
        assertArrayEquals(new double[] {1, -1, 1, -1}, g, 1e-15);
    }

    @Test
    void stateExposesEveryLayer() {
        Mlp m = mlp("3-4-5-2", Activation.SIGMOID, Loss.SIGMOID_SQUARED_ERROR);
        ReferenceMlp ref = new ReferenceMlp(m);
        double[] theta = randomTheta(m.parameterCount(), 0.5, 9);
        Batch b = TestData.regression(6, 3, 2, 21).asBatch();
        ReferenceState s = ref.forward(theta, b);
        assertEquals(6, s.rows());
        assertEquals(3, s.layerCount());
        for (int l = 0; l < 3; l++) {
            assertEquals(6 * m.size(l + 1), s.preActivation(l).length);
            assertEquals(6 * m.size(l + 1), s.activation(l).length);
            for (int i = 0; i < s.activation(l).length; i++) {
                assertEquals(1 / (1 + Math.exp(-s.preActivation(l)[i])), s.activation(l)[i], 1e-15);
            }
        }
        double mean = 0;
        for (double v : s.sampleLoss()) {
            mean += v;
        }
        assertEquals(mean / 6, s.meanLoss(), 1e-15);
        assertEquals(s.meanLoss(), ref.loss(theta, b), 0.0);
        assertThrows(IllegalStateException.class, s::logSumExp);
        assertEquals(6 * 2, s.targets().length);
    }

    @Test
    void toDoubleWidensExactly() {
        float[] f = {0.1f, -3.5f, Float.MIN_VALUE};
        double[] d = ReferenceMlp.toDouble(f);
        for (int i = 0; i < f.length; i++) {
            assertEquals((float) d[i], f[i]);
            assertEquals((double) f[i], d[i], 0.0);
        }
    }

    @Test
    void shapeErrorsAreReported() {
        Mlp m = mlp("3-4-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        ReferenceMlp ref = new ReferenceMlp(m);
        Batch ok = TestData.classification(4, 3, 2, 0, 1).asBatch();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ref.loss(new double[5], ok));
        assertTrue(e.getMessage().contains("theta has 5"), e.getMessage());
        double[] theta = new double[m.parameterCount()];
        assertThrows(IllegalArgumentException.class, () -> ref.loss(theta, TestData.classification(4, 5, 2, 0, 1).asBatch()));
        e = assertThrows(IllegalArgumentException.class, () -> ref.loss(theta, TestData.regression(4, 3, 2, 1).asBatch()));
        assertTrue(e.getMessage().contains("needs class labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ref.lossAndGradient(theta, ok, new double[3]));
    }
}
