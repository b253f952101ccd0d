package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The complex-step estimator against the double backprop gradient of the reference, in double. */
class ComplexStepTest {

    private static final double[] STEPS = {1e-20, 1e-100};

    private static Mlp mlp(String spec, Activation hidden, Loss loss) {
        return new Mlp(Mlp.parseSizes(spec), hidden, loss, Kernels.scalar());
    }

    private static Batch batchFor(Mlp m, int rows, long seed) {
        return m.loss().needsLabels()
                ? TestData.classification(rows, m.inputs(), m.outputs(), 0.3, seed).asBatch()
                : TestData.regression(rows, m.inputs(), m.outputs(), seed).asBatch();
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

    /** ‖a − b‖ / ‖b‖: b is the reference. */
    private static double relativeError(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(d) / TestData.norm(b);
    }

    private static double[] complexStep(Mlp m, Batch b, double[] theta, Evaluation ev, double h) {
        double[] g = new double[m.parameterCount()];
        try (ComplexStep cs = new ComplexStep(m, b.size(), ev, h)) {
            double f = cs.gradient(theta, b, g, null);
            assertEquals(new ReferenceMlp(m).loss(theta, b), f, 1e-15 * Math.abs(f), "the baseline is the loss");
        }
        return g;
    }

    @Test
    void matchesTheDoubleBackpropGradientToRoundOffAtTinySteps() {
        long seed = 11;
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            for (Loss loss : Loss.values()) {
                for (String spec : new String[] {"5-4-3", "4-5-3-2"}) {
                    Mlp m = mlp(spec, hidden, loss);
                    Batch b = batchFor(m, 9, seed);
                    double[] theta = randomTheta(m.parameterCount(), 0.8, seed++);
                    double[] exact = new ReferenceMlp(m).gradient(theta, b);
                    for (double h : STEPS) {
                        for (Evaluation ev : Evaluation.values()) {
                            double err = relativeError(complexStep(m, b, theta, ev, h), exact);
                            assertTrue(err <= 1e-14, spec + " " + hidden + " " + loss.label() + " " + ev + " h = " + h
                                    + ": relative error " + err);
                        }
                    }
                }
            }
        }
    }

    @Test
    void incrementalEqualsFullExactlyAtTinyStepsAndToRoundOffAtLargeOnes() {
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            for (Loss loss : Loss.values()) {
                for (String spec : new String[] {"6-5-3", "4-5-3-2"}) {
                    Mlp m = mlp(spec, hidden, loss);
                    Batch b = batchFor(m, 7, 5);
                    double[] theta = randomTheta(m.parameterCount(), 0.8, 6);
                    for (double h : STEPS) {
                        assertArrayEquals(complexStep(m, b, theta, Evaluation.FULL, h),
                                complexStep(m, b, theta, Evaluation.INCREMENTAL, h), 0.0,
                                spec + " " + hidden + " " + loss.label() + " h = " + h);
                    }
                    // At h = 1e-3 the real parts move by O(h²): INCREMENTAL's rank-one update rounds
                    // differently from FULL's whole product, and both carry the O(h²) truncation.
                    double[] full = complexStep(m, b, theta, Evaluation.FULL, 1e-3);
                    double[] incremental = complexStep(m, b, theta, Evaluation.INCREMENTAL, 1e-3);
                    double err = relativeError(incremental, full);
                    assertTrue(err <= 1e-13, spec + " " + hidden + " " + loss.label() + ": " + err);
                }
            }
        }
    }

    @Test
    void aLargeStepShowsTheSecondOrderTruncationError() {
        Mlp m = mlp("5-4-3", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        Batch b = batchFor(m, 9, 3);
        double[] theta = randomTheta(m.parameterCount(), 0.8, 4);
        double[] exact = new ReferenceMlp(m).gradient(theta, b);
        double coarse = relativeError(complexStep(m, b, theta, Evaluation.FULL, 1e-3), exact);
        double fine = relativeError(complexStep(m, b, theta, Evaluation.FULL, 1e-4), exact);
        // O(h²): a tenth of the step, a hundredth of the error (within a factor 2 of it)
        assertTrue(coarse > 1e-9, "h = 1e-3 is not exact: " + coarse);
        assertTrue(fine < coarse / 50 && fine > coarse / 200, coarse + " -> " + fine);
    }

    @Test
    void theRegistryEntryBuildsAndCountsOneEvaluationPerParameterPlusTheBaseline() {
        Mlp m = mlp("6-5-3", Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
        Batch b = batchFor(m, 8, 2);
        float[] theta = new float[m.parameterCount()];
        Random r = new Random(7);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) (0.5 * r.nextGaussian());
        }
        int p = m.parameterCount();
        int[] subset = {0, 9, p - 1};
        double[] exact = new ReferenceMlp(m).gradient(ReferenceMlp.toDouble(theta), b);
        EstimatorKind kind = Estimators.kind("complex-step");
        for (Evaluation ev : Evaluation.values()) {
            EstimatorOptions o = EstimatorOptions.defaults().withEvaluation(ev);
            assertEquals(ComplexStep.DEFAULT_STEP, kind.resolve(o).step().h(), 0.0);
            try (GradientEstimator e = kind.create(m, 8, o)) {
                assertEquals("complex-step-" + ev.label(), e.name());
                float[] g = new float[p];
                e.gradient(theta, b, g);
                assertEquals(p + 1L, e.lossEvaluations(), ev + " counts");
                for (int i = 0; i < p; i++) {
                    assertEquals((float) exact[i], g[i], Math.ulp((float) exact[i]), "entry " + i);
                }
                float[] s = new float[p];
                java.util.Arrays.fill(s, 42f);
                e.gradient(theta, b, s, subset);
                assertEquals(p + 1L + subset.length + 1, e.lossEvaluations(), ev + " counts a subset");
                for (int i = 0; i < p; i++) {
                    boolean listed = i == 0 || i == 9 || i == p - 1;
                    assertEquals(listed ? g[i] : 42f, s[i], 0f, "entry " + i);
                }
            }
            assertTrue(kind.footprint().bytes(m.sizes(), 8, o) > 0);
        }
        assertTrue(kind.reads(EstimatorOption.STEP) && kind.reads(EstimatorOption.EVALUATION)
                && !kind.reads(EstimatorOption.PRECISION));
    }

    @Test
    void theFootprintCountsTheComplexBuffers() {
        int[] sizes = {784, 50, 10};
        long p = Footprint.parameterCount(sizes);
        long incremental = Footprint.complexStep(sizes, 100, true);
        // θ and the estimate; real and imaginary z and a of 60 units per row; the input in complex; per row the
        // complex loss, the softmax shift and 10 terms; four rows of the widest layer
        assertEquals(16 * p + 32L * 100 * 60 + 16L * 100 * 784 + 8L * 100 * 13 + 32L * 784, incremental);
        assertEquals(incremental + 8 * p, Footprint.complexStep(sizes, 100, false), "FULL adds θ's imaginary part");
    }

    @Test
    void reluIsRefusedNamingTheActivation() {
        Mlp m = mlp("4-3-2", Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY);
        RefusedSettingException e = assertThrows(RefusedSettingException.class,
                () -> Estimators.kind("complex-step").create(m, 4, EstimatorOptions.defaults()));
        assertEquals(RefusedSettingException.Setting.ACTIVATION, e.setting());
        assertTrue(e.getMessage().contains("activation relu") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aStepOutOfRangeIsRefusedNamingTheStep() {
        Mlp m = mlp("4-3-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        for (double h : new double[] {1e-2, 2e-3, 9e-301, 1e-320}) {
            RefusedSettingException e = assertThrows(RefusedSettingException.class,
                    () -> new ComplexStep(m, 4, Evaluation.FULL, h));
            assertEquals(RefusedSettingException.Setting.STEP, e.setting());
            assertTrue(e.getMessage().contains("step h = " + h), e.getMessage());
        }
        try (ComplexStep cs = new ComplexStep(m, 4, Evaluation.INCREMENTAL, 1e-300)) {
            cs.setStep(1e-3);
            assertEquals(1e-3, cs.step().h(), 0.0);
            assertThrows(RefusedSettingException.class, () -> cs.setStep(0.5));
            assertEquals(1e-3, cs.step().h(), 0.0, "a refused step leaves the step as it was");
        }
    }

    @Test
    void theStepCanMoveAlongAGridAndStaysExact() {
        Mlp m = mlp("5-4-3", Activation.SIGMOID, Loss.SIGMOID_SQUARED_ERROR);
        Batch b = batchFor(m, 6, 8);
        double[] theta = randomTheta(m.parameterCount(), 0.8, 9);
        double[] exact = new ReferenceMlp(m).gradient(theta, b);
        double[] g = new double[m.parameterCount()];
        try (ComplexStep cs = new ComplexStep(m, 6, Evaluation.INCREMENTAL, 1e-3)) {
            for (double h = 1e-10; h >= 1e-200; h *= 1e-10) {
                cs.setStep(h);
                cs.gradient(theta, b, g, null);
                assertTrue(relativeError(g, exact) <= 1e-14, "h = " + h + ": " + relativeError(g, exact));
            }
        }
    }

    /** The complex step on sin and exp with a two-line complex continuation of each. */
    @Test
    void scalarSinAndExpAreExactToRoundOff() {
        for (double h : STEPS) {
            for (double x : new double[] {-2.5, -0.3, 0.7, 1.0, 4.0}) {
                // sin(x + ih) = sin x·cosh h + i·cos x·sinh h
                double dSin = Math.cos(x) * Math.sinh(h) / h;
                assertEquals(Math.cos(x), dSin, 1e-14 * Math.abs(Math.cos(x)), "sin' at " + x + ", h = " + h);
                // exp(x + ih) = eˣ·cos h + i·eˣ·sin h
                double dExp = Math.exp(x) * Math.sin(h) / h;
                assertEquals(Math.exp(x), dExp, 1e-14 * Math.exp(x), "exp' at " + x + ", h = " + h);
            }
        }
    }
}
