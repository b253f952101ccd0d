package io.fdbench.engine.nn;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Float backprop on the selected kernel against the double-precision reference at the same θ. */
class BackpropTest {

    private static final double TOLERANCE = 1e-4;

    private static Mlp mlp(String spec, Activation hidden, Loss loss) {
        return new Mlp(Mlp.parseSizes(spec), hidden, loss, TestData.kernel());
    }

    /** Compares the whole gradient and every block; returns the whole-vector relative error. */
    private static double compare(Mlp m, Init init, long seed, Dataset data, boolean expectSparse) {
        float[] theta = m.initialise(init, seed);
        Batch b = data.asBatch();
        assertEquals(expectSparse, m.sparseInput(b), "sparse input path");
        float[] grad = new float[m.parameterCount()];
        float loss = Backprop.gradient(m, theta, b, m.newState(b.size()), grad);

        ReferenceMlp ref = new ReferenceMlp(m);
        double[] exact = new double[m.parameterCount()];
        double refLoss = ref.lossAndGradient(ReferenceMlp.toDouble(theta), b, exact);
        assertEquals(refLoss, loss, 1e-5 * Math.abs(refLoss), "loss");
        assertTrue(TestData.norm(exact) > 1e-6, "reference gradient is (nearly) zero");

        double err = TestData.relativeError(grad, exact, 0, grad.length);
        StringBuilder blocks = new StringBuilder();
        double worstBlock = 0;
        for (ParameterBlock pb : m.blocks()) {
            double e = TestData.relativeError(grad, exact, pb.offset(), pb.offset() + pb.size());
            blocks.append(String.format(" %s=%.2e", pb.name(), e));
            worstBlock = Math.max(worstBlock, e);
        }
        System.out.printf("float backprop (%s) vs double reference %s %s n=%d: relative error %.3e, blocks%s%n",
                m.kernel().name(), m.describe(), init, b.size(), err, blocks);
        assertTrue(err < TOLERANCE, m.describe() + " " + init + ": relative error " + err);
        assertTrue(worstBlock < 10 * TOLERANCE, m.describe() + " " + init + ": per block" + blocks);
        return err;
    }

    @Test
    void mnistShapedSigmoidSoftmaxSmallInit() {
        compare(mlp("784-50-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY), Init.NORMAL_001, 1,
                TestData.classification(64, 784, 10, 0.95, 101), true);
    }

    @Test
    void mnistShapedSigmoidSoftmaxXavier() {
        compare(mlp("784-50-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY), Init.XAVIER, 2,
                TestData.classification(100, 784, 10, 0.95, 102), true);
    }

    @Test
    void mnistShapedDenseInput() {
        compare(mlp("784-50-10", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY), Init.XAVIER, 3,
                TestData.classification(32, 784, 10, 0.2, 103), false);
    }

    @Test
    void threeHiddenLayersTanh() {
        compare(mlp("20-16-12-8-5", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY), Init.XAVIER, 4,
                TestData.classification(50, 20, 5, 0.1, 104), false);
    }

    @Test
    void threeHiddenLayersRelu() {
        compare(mlp("20-16-12-8-5", Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY), Init.HE, 5,
                TestData.classification(50, 20, 5, 0.1, 105), false);
    }

    @Test
    void sigmoidSquaredError() {
        compare(mlp("20-16-12-4", Activation.TANH, Loss.SIGMOID_SQUARED_ERROR), Init.XAVIER, 6,
                TestData.regression(40, 20, 4, 106), false);
    }

    @Test
    void identitySquaredError() {
        compare(mlp("20-16-4", Activation.SIGMOID, Loss.IDENTITY_SQUARED_ERROR), Init.XAVIER, 7,
                TestData.regression(40, 20, 4, 107), false);
    }

    @Test
    void identitySquaredErrorRelu() {
        compare(mlp("20-16-12-4", Activation.RELU, Loss.IDENTITY_SQUARED_ERROR), Init.HE, 8,
                TestData.regression(40, 20, 4, 108), false);
    }

    /** The comparison must be able to fail: a deliberately wrong gradient is far outside the tolerance. */
    @Test
    void comparisonDetectsAWrongGradient() {
        Mlp m = mlp("20-16-12-8-5", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        float[] theta = m.initialise(Init.XAVIER, 4);
        Batch b = TestData.classification(50, 20, 5, 0.1, 104).asBatch();
        float[] grad = new float[m.parameterCount()];
        Backprop.gradient(m, theta, b, m.newState(b.size()), grad);
        grad[m.biasOffset(1)] *= 1.01f; // one entry off by 1 %
        double[] exact = new ReferenceMlp(m).gradient(ReferenceMlp.toDouble(theta), b);
        assertFalse(TestData.relativeError(grad, exact, 0, grad.length) < 1e-6);
    }

    @Test
    void estimatorReturnsTheBackpropGradient() {
        Mlp m = mlp("6-5-3", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        float[] theta = m.initialise(Init.XAVIER, 9);
        Batch b = TestData.classification(10, 6, 3, 0, 109).asBatch();
        float[] g1 = new float[m.parameterCount()];
        float[] g2 = new float[m.parameterCount()];
        float loss = Backprop.gradient(m, theta, b, m.newState(10), g1);
        double loss2 = new BackpropEstimator(m, 10).gradient(theta, b, g2);
        assertEquals(loss, loss2, 0.0);
        assertArrayEquals(g1, g2, 0f);
    }

    @Test
    void gradientLengthIsChecked() {
        Mlp m = mlp("6-5-3", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        Batch b = TestData.classification(10, 6, 3, 0, 109).asBatch();
        assertThrows(IllegalArgumentException.class,
                () -> Backprop.gradient(m, new float[m.parameterCount()], b, m.newState(10), new float[3]));
    }
}
