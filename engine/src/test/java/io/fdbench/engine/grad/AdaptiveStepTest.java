package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adaptive step: each estimate within its own error estimate of the truth, its evaluations counted. */
class AdaptiveStepTest {

    @Test
    void onSineAndExpTheEstimateIsWithinItsErrorEstimate() {
        double[][] cases = {{1.0, Math.cos(1.0)}, {0.5, Math.exp(0.5)}};
        java.util.function.DoubleUnaryOperator[] fs = {Math::sin, Math::exp};
        for (int k = 0; k < 2; k++) {
            double x = cases[k][0];
            AdaptiveStep.Result r = AdaptiveStep.search(fs[k], x, Precision.DOUBLE,
                    AdaptiveStep.defaultStartStep(Precision.DOUBLE).stepFor(x));
            double error = Math.abs(r.estimate() - cases[k][1]);
            assertTrue(error <= r.error(), "true error " + error + " within the estimate " + r.error());
            assertTrue(r.error() < 1e-10 * Math.abs(cases[k][1]), "a fourth-order accurate estimate: " + r);
            assertTrue(r.evaluations() >= 6 && r.evaluations() % 2 == 0, r.toString());
            assertTrue(r.step() > 0, r.toString());
        }
    }

    @Test
    void aStartStepFarTooLargeIsShrunk() {
        AdaptiveStep.Result r = AdaptiveStep.search(Math::sin, 1.0, Precision.DOUBLE, 0.5);
        assertTrue(r.step() < 0.05, r.toString());
        assertTrue(Math.abs(r.estimate() - Math.cos(1.0)) <= r.error(), r.toString());
        assertTrue(r.error() < 1e-9, r.toString());
    }

    @Test
    void onASmallMlpInDoubleEveryEstimateIsWithinItsErrorEstimateOfTheReference() {
        Mlp m = new Mlp(new int[] {6, 5, 3}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(23, 6, 3, 0.3, 4).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 3);
        double[] truth = new ReferenceMlp(m).gradient(ReferenceMlp.toDouble(theta), b);
        for (Evaluation e : Evaluation.values()) {
            EstimatorOptions o = EstimatorOptions.defaults().withEvaluation(e).withPrecision(Precision.DOUBLE);
            double[] g = new double[m.parameterCount()];
            try (AdaptiveStep a = new AdaptiveStep(m, b.size(), o)) {
                a.gradient(theta, b, g, null);
                long spent = 0;
                for (int i = 0; i < g.length; i++) {
                    double error = Math.abs(g[i] - truth[i]);
                    assertTrue(error <= a.errorEstimates()[i], e + " parameter " + i + ": true error " + error
                            + ", estimate " + a.errorEstimates()[i]);
                    assertTrue(a.errorEstimates()[i] < 1e-8, "parameter " + i + ": " + a.errorEstimates()[i]);
                    assertTrue(a.steps()[i] > 0);
                    spent += a.evaluationsPerParameter()[i];
                }
                assertEquals(1 + spent, a.lossEvaluations(), "the baseline plus what each search reports");
            }
        }
    }

    @Test
    void theGradientDoesNotDependOnTheWorkerCount() {
        Mlp m = new Mlp(new int[] {6, 5, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(23, 6, 3, 0.3, 4).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 5);
        float[] one = new float[m.parameterCount()];
        float[] three = new float[m.parameterCount()];
        try (AdaptiveStep a = new AdaptiveStep(m, b.size(), EstimatorOptions.defaults());
             AdaptiveStep c = new AdaptiveStep(m, b.size(), EstimatorOptions.defaults().withParameterWorkers(3))) {
            a.gradient(theta, b, one);
            c.gradient(theta, b, three);
            assertEquals(a.lossEvaluations(), c.lossEvaluations());
        }
        assertArrayEquals(one, three);
    }

    @Test
    void aStartStepThatVanishesIsRefused() {
        assertThrows(VanishedStepException.class, () -> AdaptiveStep.search(Math::sin, 1.0, Precision.FLOAT, 1e-9));
    }
}
