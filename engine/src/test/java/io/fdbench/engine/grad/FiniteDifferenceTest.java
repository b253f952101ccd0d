package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Backprop;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiniteDifferenceTest {

    private static Mlp mnistNet;
    private static Batch mnistBatch;
    private static float[] mnistTheta;

    @BeforeAll
    static void mnist() {
        mnistNet = new Mlp(new int[] {784, 50, 10}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        mnistBatch = MnistData.embedded().train().batch(0, 100);
        mnistTheta = mnistNet.initialise(Init.NORMAL_001, 7);
    }

    static double relativeError(float[] a, double[] b, int[] subset) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i : subset) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            na += (double) a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.sqrt(d) / (Math.sqrt(na) + Math.sqrt(nb));
    }

    static int[] all(Mlp m) {
        return ParameterSample.stratified(m, m.parameterCount(), 0);
    }

    static float[] estimate(Mlp m, float[] theta, Batch b, FiniteDifferenceConfig c, int[] subset) {
        float[] g = new float[m.parameterCount()];
        try (FiniteDifference fd = new FiniteDifference(m, b.size(), c)) {
            fd.gradient(theta, b, g, subset);
        }
        return g;
    }

    /**
     * FULL and INCREMENTAL differ only in rounding: each loss value may differ by a few float ulps,
     * which the quotient divides by the step.
     */
    static void assertSameWithinRounding(Mlp m, float[] theta, Batch b, Scheme scheme, double h, int[] subset) {
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(scheme, Evaluation.FULL, Precision.FLOAT)
                .withStep(StepRule.absolute(h));
        float[] full = estimate(m, theta, b, c, subset);
        float[] inc = estimate(m, theta, b, c.withEvaluation(Evaluation.INCREMENTAL), subset);
        float f0 = m.forward(theta, b, m.newState(b.size()));
        double bound = 8 * Math.ulp(f0) / h;
        for (int i : subset) {
            assertEquals(full[i], inc[i], bound, scheme + " parameter " + i + " in " + m.blockOf(i).name());
        }
    }

    @Test
    void incrementalEqualsFullOnMnistNetForEveryScheme() {
        int[] subset = ParameterSample.stratified(mnistNet, 400, 11);
        for (Scheme s : Scheme.values()) {
            assertSameWithinRounding(mnistNet, mnistTheta, mnistBatch, s, 1e-2, subset);
        }
    }

    @Test
    void incrementalEqualsFullForWholeColumnsBelowAndAboveTheSigmoidSeriesLimit() {
        // Every parameter, so the first layer runs whole weight columns: at h = 1e-2 a unit moves
        // by at most 1e-2 and its change comes from the sigmoid's series; at h = 0.1 > 1/32 from
        // the sigmoid itself.
        Mlp m = new Mlp(new int[] {784, 8, 10}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        float[] theta = m.initialise(Init.NORMAL_001, 5);
        for (double h : new double[] {1e-2, 1e-1}) {
            assertSameWithinRounding(m, theta, mnistBatch, Scheme.CENTRAL, h, all(m));
            assertSameWithinRounding(m, theta, mnistBatch, Scheme.FORWARD, h, all(m));
        }
    }

    @Test
    void incrementalEqualsFullOnTwoHiddenLayerTanhNet() {
        Mlp m = new Mlp(new int[] {30, 16, 12, 5}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(40, 30, 5, 0.5, 3).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 4);
        for (Scheme s : Scheme.values()) {
            assertSameWithinRounding(m, theta, b, s, 1e-2, all(m));
        }
    }

    /**
     * A sampled gradient: groups of one to three weights of a column find their samples through
     * the column index, below a softmax output and below deeper layers.
     */
    @Test
    void incrementalEqualsFullOnASampledDeepNet() {
        Mlp m = new Mlp(new int[] {40, 16, 12, 5}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(40, 40, 5, 0.7, 8).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 9);
        int[] subset = ParameterSample.stratified(m, 60, 3);
        for (Scheme s : Scheme.values()) {
            assertSameWithinRounding(m, theta, b, s, 1e-2, subset);
        }
        Mlp mse = new Mlp(new int[] {40, 9, 7, 2}, Activation.TANH, Loss.IDENTITY_SQUARED_ERROR, TestData.kernel());
        Batch r = TestData.regression(30, 40, 2, 4).asBatch();
        assertSameWithinRounding(mse, mse.initialise(Init.XAVIER, 2), r, Scheme.CENTRAL, 1e-2,
                ParameterSample.stratified(mse, 50, 6));
    }

    @Test
    void incrementalEqualsFullForSquaredErrorAndRelu() {
        Mlp m = new Mlp(new int[] {6, 8, 7, 3}, Activation.RELU, Loss.SIGMOID_SQUARED_ERROR, TestData.kernel());
        Batch b = TestData.regression(25, 6, 3, 5).asBatch();
        float[] theta = m.initialise(Init.HE, 6);
        assertSameWithinRounding(m, theta, b, Scheme.CENTRAL, 1e-2, all(m));
    }

    @Test
    void threadCountDoesNotChangeTheGradient() {
        for (Evaluation e : Evaluation.values()) {
            FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, e, Precision.FLOAT);
            int[] subset = e == Evaluation.FULL ? ParameterSample.stratified(mnistNet, 300, 2) : null;
            float[] one = estimate(mnistNet, mnistTheta, mnistBatch, c, subset);
            float[] two = estimate(mnistNet, mnistTheta, mnistBatch, c.withParameterWorkers(2), subset);
            float[] three = estimate(mnistNet, mnistTheta, mnistBatch, c.withParameterWorkers(3), subset);
            assertArrayEquals(one, two, e.label());
            assertArrayEquals(one, three, e.label());
        }
    }

    @Test
    void doubleCentralDifferenceMatchesBackpropOnMnist() {
        double[] truth = new ReferenceMlp(mnistNet).gradient(ReferenceMlp.toDouble(mnistTheta), mnistBatch);
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.INCREMENTAL, Precision.DOUBLE)
                .withStep(StepRule.absolute(1e-5)).withParameterWorkers(2);
        double[] g = new double[mnistNet.parameterCount()];
        try (FiniteDifference fd = new FiniteDifference(mnistNet, 100, c)) {
            fd.gradient(mnistTheta, mnistBatch, g, null);
        }
        double d = 0;
        double n = 0;
        for (int i = 0; i < g.length; i++) {
            d += (g[i] - truth[i]) * (g[i] - truth[i]);
            n += truth[i] * truth[i];
        }
        assertTrue(Math.sqrt(d / n) < 1e-6, "relative error " + Math.sqrt(d / n));

        float[] bp = new float[mnistNet.parameterCount()];
        Backprop.gradient(mnistNet, mnistTheta, mnistBatch, mnistNet.newState(100), bp);
        assertTrue(relativeError(bp, g, all(mnistNet)) < 1e-6, "float backprop vs double central differences");
    }

    @Test
    void doubleFullEvaluationAgreesWithDoubleIncremental() {
        int[] subset = ParameterSample.stratified(mnistNet, 60, 5);
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.FULL, Precision.DOUBLE);
        double[] full = new double[mnistNet.parameterCount()];
        double[] inc = new double[mnistNet.parameterCount()];
        try (FiniteDifference a = new FiniteDifference(mnistNet, 100, c);
             FiniteDifference b = new FiniteDifference(mnistNet, 100, c.withEvaluation(Evaluation.INCREMENTAL))) {
            a.gradient(mnistTheta, mnistBatch, full, subset);
            b.gradient(mnistTheta, mnistBatch, inc, subset);
        }
        for (int i : subset) {
            assertEquals(full[i], inc[i], 1e-9, "parameter " + i);
        }
    }

    @Test
    void floatCentralDifferenceAtItsBestStepIsWithinOnePerMille() {
        double[] truth = new ReferenceMlp(mnistNet).gradient(ReferenceMlp.toDouble(mnistTheta), mnistBatch);
        int[] every = all(mnistNet);
        double best = Double.POSITIVE_INFINITY;
        double bestH = 0;
        for (double h : new double[] {3e-1, 1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 1e-4}) {
            FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.INCREMENTAL, Precision.FLOAT)
                    .withStep(StepRule.absolute(h));
            float[] g = estimate(mnistNet, mnistTheta, mnistBatch, c, null);
            double e = relativeError(g, truth, every);
            if (e < best) {
                best = e;
                bestH = h;
            }
        }
        assertTrue(best < 1e-3, "best relative error " + best + " at h = " + bestH);
    }

    @Test
    void oneSidedSchemesAreFirstOrderAndCentralSecondOrder() {
        Mlp m = new Mlp(new int[] {5, 4, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(10, 5, 3, 0.0, 8).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 9);
        double[] truth = new ReferenceMlp(m).gradient(ReferenceMlp.toDouble(theta), b);
        for (Scheme s : java.util.List.of(Scheme.FORWARD, Scheme.BACKWARD, Scheme.CENTRAL)) {
            double e1 = doubleError(m, theta, b, s, 1e-2, truth);
            double e2 = doubleError(m, theta, b, s, 1e-3, truth);
            double order = Math.log10(e1 / e2);
            assertEquals(s.order(), order, 0.2, s.label());
        }
    }

    private static double doubleError(Mlp m, float[] theta, Batch b, Scheme s, double h, double[] truth) {
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(s, Evaluation.FULL, Precision.DOUBLE)
                .withStep(StepRule.absolute(h));
        double[] g = new double[m.parameterCount()];
        try (FiniteDifference fd = new FiniteDifference(m, b.size(), c)) {
            fd.gradient(theta, b, g, null);
        }
        double d = 0;
        for (int i = 0; i < g.length; i++) {
            d = Math.max(d, Math.abs(g[i] - truth[i]));
        }
        return d;
    }

    @Test
    void subsetLeavesOtherEntriesUntouched() {
        Mlp m = new Mlp(new int[] {5, 4, 3}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(10, 5, 3, 0.3, 1).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 2);
        float[] g = new float[m.parameterCount()];
        java.util.Arrays.fill(g, 42f);
        int[] subset = {0, 7, 20, m.parameterCount() - 1};
        try (FiniteDifference fd = new FiniteDifference(m, 10,
                FiniteDifferenceConfig.of(Scheme.FORWARD, Evaluation.INCREMENTAL, Precision.FLOAT))) {
            fd.gradient(theta, b, g, subset);
        }
        float[] every = estimate(m, theta, b,
                FiniteDifferenceConfig.of(Scheme.FORWARD, Evaluation.INCREMENTAL, Precision.FLOAT), null);
        for (int i = 0; i < g.length; i++) {
            boolean in = java.util.Arrays.binarySearch(subset, i) >= 0;
            assertEquals(in ? every[i] : 42f, g[i], 0f, "entry " + i);
        }
    }

    @Test
    void hessianDiagonalMatchesSecondDifferenceOfTheReference() {
        Mlp m = new Mlp(new int[] {4, 3, 2}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(6, 4, 2, 0.0, 3).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 5);
        double h = 1e-4;
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.INCREMENTAL, Precision.DOUBLE)
                .withStep(StepRule.absolute(h));
        ReferenceMlp ref = new ReferenceMlp(m);
        double[] t = ReferenceMlp.toDouble(theta);
        try (FiniteDifference fd = new FiniteDifference(m, 6, c)) {
            fd.gradient(theta, b, new double[m.parameterCount()], null);
            float[] diag = fd.hessianDiagonal();
            for (int i = 0; i < t.length; i++) {
                double saved = t[i];
                t[i] = saved + 1e-3;
                double up = ref.loss(t, b);
                t[i] = saved - 1e-3;
                double down = ref.loss(t, b);
                t[i] = saved;
                double expected = (up - 2 * ref.loss(t, b) + down) / 1e-6;
                assertEquals(expected, diag[i], 1e-4 + 1e-3 * Math.abs(expected), "parameter " + i);
            }
        }
    }

    @Test
    void relativeStepScalesWithTheParameter() {
        assertEquals(1e-3, StepRule.relative(1e-3).stepFor(0.5), 0);
        assertEquals(4e-3, StepRule.relative(1e-3).stepFor(-4), 1e-18);
        assertEquals(1e-3, StepRule.absolute(1e-3).stepFor(-4), 0);
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepRule.absolute(-1));
        assertTrue(e.getMessage().contains("step h"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.FULL, Precision.FLOAT).withParameterWorkers(0));
        assertTrue(e.getMessage().contains("parameter workers"), e.getMessage());
        Mlp m = new Mlp(new int[] {2, 2}, Activation.SIGMOID, Loss.SIGMOID_SQUARED_ERROR, TestData.kernel());
        try (FiniteDifference fd = new FiniteDifference(m, 4,
                FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.FULL, Precision.FLOAT))) {
            e = assertThrows(IllegalArgumentException.class, () -> fd.gradient(new float[6], TestData.xor().asBatch(),
                    new float[6], new int[] {6}));
            assertTrue(e.getMessage().contains("subset"), e.getMessage());
        }
    }

    @Test
    void aStepTooSmallForFloatIsReportedNotDividedByZero() {
        Mlp m = new Mlp(new int[] {2, 1}, Activation.SIGMOID, Loss.SIGMOID_SQUARED_ERROR, TestData.kernel());
        float[] theta = {100f, 100f, 100f};
        for (Evaluation evaluation : Evaluation.values()) {
            try (FiniteDifference fd = new FiniteDifference(m, 4, FiniteDifferenceConfig
                    .of(Scheme.FORWARD, evaluation, Precision.FLOAT).withStep(StepRule.absolute(1e-8)))) {
                VanishedStepException e = assertThrows(VanishedStepException.class,
                        () -> fd.gradient(theta, TestData.xor().asBatch(), new float[3]));
                assertTrue(e.getMessage().contains("vanishes"), e.getMessage());
                assertTrue(e.getMessage().startsWith("step h = 1.0E-8 vanishes in float at parameter 0 = 100.0"),
                        e.getMessage());
                assertEquals(Math.ulp(100f), e.smallestUsableStep(), 0.0);
                assertEquals(1, e.getMessage().lines().count());
            }
        }
    }

    @Test
    void aStepTooSmallForDoubleIsReportedToo() {
        Mlp m = new Mlp(new int[] {2, 1}, Activation.SIGMOID, Loss.SIGMOID_SQUARED_ERROR, TestData.kernel());
        float[] theta = {100f, 100f, 100f};
        // Half an ulp of 100 in double is 7.1e-15: 1e-15 vanishes, 1e-13 does not.
        for (Evaluation evaluation : Evaluation.values()) {
            try (FiniteDifference fd = new FiniteDifference(m, 4, FiniteDifferenceConfig
                    .of(Scheme.CENTRAL, evaluation, Precision.DOUBLE).withStep(StepRule.absolute(1e-15)))) {
                VanishedStepException e = assertThrows(VanishedStepException.class,
                        () -> fd.gradient(theta, TestData.xor().asBatch(), new float[3]));
                assertEquals(Precision.DOUBLE, e.precision());
                assertEquals(1e-15, e.step(), 0.0);
                assertEquals(Math.ulp(100.0), e.smallestUsableStep(), 0.0);
                fd.setStep(StepRule.absolute(1e-13));
                float[] g = new float[3];
                fd.gradient(theta, TestData.xor().asBatch(), g);
                for (float v : g) {
                    assertTrue(Float.isFinite(v), java.util.Arrays.toString(g));
                }
            }
        }
    }

    @Test
    void setStepChangesLaterGradientsOnly() {
        Mlp m = new Mlp(new int[] {8, 6, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(16, 8, 3, 0.3, 1).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 2);
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.FORWARD, Evaluation.INCREMENTAL, Precision.FLOAT);
        float[] atSmall = estimate(m, theta, b, c.withStep(StepRule.absolute(1e-3)), null);
        float[] atLarge = estimate(m, theta, b, c.withStep(StepRule.absolute(1e-1)), null);
        try (FiniteDifference fd = new FiniteDifference(m, b.size(), c.withStep(StepRule.absolute(1e-1)))) {
            float[] g = new float[m.parameterCount()];
            fd.gradient(theta, b, g);
            assertArrayEquals(atLarge, g);
            fd.setStep(StepRule.absolute(1e-3));
            assertEquals(StepRule.absolute(1e-3), fd.config().step());
            fd.gradient(theta, b, g);
            assertArrayEquals(atSmall, g);
        }
    }
}
