package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimator registry, and the loss evaluations each estimator counts. */
class EstimatorsTest {

    private final Mlp model = new Mlp(new int[] {6, 5, 3}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY,
            TestData.kernel());
    private final Batch batch = TestData.classification(23, 6, 3, 0.3, 4).asBatch();
    private final float[] theta = model.initialise(Init.XAVIER, 3);

    @Test
    void everyKindBuildsAnEstimatorOfItsNameThatCountsItsEvaluations() {
        Set<String> names = new HashSet<>();
        for (EstimatorKind kind : Estimators.all()) {
            assertTrue(names.add(kind.name()), "one entry per name: " + kind.name());
            EstimatorOptions o = EstimatorOptions.defaults().withParameterWorkers(2).withBatchWorkers(2);
            float[] g = new float[model.parameterCount()];
            try (GradientEstimator e = kind.create(model, 23, o)) {
                assertEquals(0, e.lossEvaluations(), kind.name() + " before any gradient");
                double loss = e.gradient(theta, batch, g);
                assertTrue(Double.isFinite(loss), kind.name());
                assertTrue(e.lossEvaluations() > 0, kind.name() + " counts its evaluations");
            }
            for (float v : g) {
                assertTrue(Float.isFinite(v), kind.name());
            }
            assertTrue(kind.footprint().bytes(model.sizes(), 23, o) > 0, kind.name() + " footprint");
            assertEquals(kind, Estimators.kind(kind.name().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void theCountsAreWhatEachSchemeEvaluates() {
        int p = model.parameterCount();
        int[] subset = {0, 7, p - 1};
        for (Evaluation ev : Evaluation.values()) {
            for (int workers : new int[] {1, 2}) {
                EstimatorOptions o = EstimatorOptions.defaults().withEvaluation(ev).withParameterWorkers(workers);
                float[] g = new float[p];
                try (GradientEstimator central = Estimators.kind("central").create(model, 23, o);
                     GradientEstimator forward = Estimators.kind("forward").create(model, 23, o)) {
                    central.gradient(theta, batch, g);
                    assertEquals(2L * p + 1, central.lossEvaluations(), ev + " central, " + workers + " workers");
                    central.gradient(theta, batch, g, subset);
                    assertEquals(2L * p + 1 + 2 * subset.length + 1, central.lossEvaluations());
                    forward.gradient(theta, batch, g);
                    assertEquals(p + 1L, forward.lossEvaluations(), ev + " forward");
                }
            }
        }
        try (GradientEstimator bp = Estimators.kind("backprop").create(model, 23,
                EstimatorOptions.defaults().withBatchWorkers(2))) {
            float[] g = new float[p];
            bp.gradient(theta, batch, g);
            bp.gradient(theta, batch, g);
            assertEquals(2, bp.lossEvaluations(), "one forward pass per gradient");
        }
    }

    @Test
    void theFourthOrderSchemesMakeFourEvaluationsPerParameterAndTheAdaptiveWhatItReports() {
        int p = model.parameterCount();
        int[] subset = {1, 9, p - 2};
        for (Evaluation ev : Evaluation.values()) {
            for (Precision pr : Precision.values()) {
                EstimatorOptions o = EstimatorOptions.defaults().withEvaluation(ev).withPrecision(pr)
                        .withParameterWorkers(2);
                float[] g = new float[p];
                for (String name : new String[] {"five-point", "richardson"}) {
                    try (GradientEstimator e = Estimators.kind(name).create(model, 23, o)) {
                        e.gradient(theta, batch, g);
                        assertEquals(4L * p + 1, e.lossEvaluations(), name + " " + ev + " " + pr);
                        e.gradient(theta, batch, g, subset);
                        assertEquals(4L * p + 1 + 4 * subset.length + 1, e.lossEvaluations(), name);
                    }
                }
                try (AdaptiveStep a = (AdaptiveStep) Estimators.kind("adaptive").create(model, 23, o)) {
                    a.gradient(theta, batch, g);
                    long reported = 1;
                    for (int n : a.evaluationsPerParameter()) {
                        assertTrue(n >= 6 && n % 2 == 0, "pairs, at least three levels: " + n);
                        reported += n;
                    }
                    assertEquals(reported, a.lossEvaluations(), "adaptive " + ev + " " + pr);
                }
            }
        }
    }

    @Test
    void theRegistryNamesItsEstimatorsWhenOneIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Estimators.kind("magic"));
        assertTrue(e.getMessage().contains("'magic'") && e.getMessage().contains("backprop")
                && e.getMessage().contains("central"), e.getMessage());
    }

    @Test
    void theDefaultStepIsTheSchemesDefaultInThePrecision() {
        for (Precision pr : Precision.values()) {
            FiniteDifferenceConfig c = Estimators.finiteDifferenceConfig(Scheme.CENTRAL,
                    EstimatorOptions.defaults().withPrecision(pr));
            assertEquals(FiniteDifferenceConfig.defaultStep(Scheme.CENTRAL, pr), c.step().h(), 0.0);
        }
        StepRule given = StepRule.relative(3e-3);
        assertEquals(given, Estimators.finiteDifferenceConfig(Scheme.FORWARD,
                EstimatorOptions.defaults().withStep(given)).step());
    }
}
