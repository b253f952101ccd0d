package io.fdbench.engine.numerics;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.StepRule;
import io.fdbench.engine.grad.VanishedStepException;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpStepSizeSweepTest {

    @Test
    void curvesShowTheSchemesOrdersAndFloatsEarlierRoundOff() {
        Mlp m = new Mlp(new int[] {8, 6, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(16, 8, 3, 0.3, 1).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 2);
        MlpStepSizeSweep.Settings s = new MlpStepSizeSweep.Settings("mlp 8-6-3", List.of(Scheme.values()),
                List.of(Evaluation.values()), List.of(Precision.values()),
                StepGrid.logarithmic(1e-1, 1e-7, 13), StepGrid.logarithmic(1e-1, 1e-12, 23), 1000, 3, 1);
        SweepResult r = MlpStepSizeSweep.run(m, theta, b, s);
        int schemes = Scheme.values().length;
        assertEquals(schemes * 2 * 2, r.summaries().size());
        assertEquals(schemes * 2 * (13 + 23), r.rows().size());
        for (Scheme scheme : Scheme.values()) {
            for (Evaluation e : Evaluation.values()) {
                CurveSummary d = r.summary("mlp 8-6-3", Precision.DOUBLE, scheme.label(), e.label()).orElseThrow();
                assertEquals(scheme.order(), d.fittedOrder(), 0.2, d.toString());
                CurveSummary f = r.summary("mlp 8-6-3", Precision.FLOAT, scheme.label(), e.label()).orElseThrow();
                assertTrue(f.bestError() > 10 * d.bestError(), "float's best error is far above double's: " + f + " " + d);
                assertTrue(f.bestH() > d.bestH(), "float's best step is larger: " + f + " " + d);
            }
        }
        for (SweepRow row : r.rows()) {
            assertTrue(Double.isFinite(row.absError()) && Double.isFinite(row.relError()), row.toString());
        }
    }

    private static Mlp smallNet() {
        return new Mlp(new int[] {8, 6, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
    }

    private static MlpStepSizeSweep.Settings settings(StepGrid floatGrid, StepGrid doubleGrid, int threads) {
        return new MlpStepSizeSweep.Settings("mlp 8-6-3", List.of(Scheme.values()), List.of(Evaluation.values()),
                List.of(Precision.values()), floatGrid, doubleGrid, 30, 3, threads);
    }

    /** Counts the estimators a sweep builds and the steps each one is used at. */
    private static final class CountingFactory implements Function<FiniteDifferenceConfig, FiniteDifference> {
        final Mlp model;
        final int capacity;
        final List<FiniteDifferenceConfig> built = new ArrayList<>();

        CountingFactory(Mlp model, int capacity) {
            this.model = model;
            this.capacity = capacity;
        }

        @Override
        public FiniteDifference apply(FiniteDifferenceConfig c) {
            built.add(c);
            return new FiniteDifference(model, capacity, c);
        }
    }

    @Test
    void eachCurveBuildsItsEstimatorOnceForEveryStep() {
        Mlp m = smallNet();
        Batch b = TestData.classification(16, 8, 3, 0.3, 1).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 2);
        MlpStepSizeSweep.Settings s = settings(StepGrid.logarithmic(1e-1, 1e-6, 5),
                StepGrid.logarithmic(1e-1, 1e-10, 6), 2);
        CountingFactory factory = new CountingFactory(m, b.size());
        List<int[]> progress = new ArrayList<>();
        SweepResult reused = MlpStepSizeSweep.run(m, theta, b, s, (done, total) -> progress.add(new int[] {done, total}),
                factory);
        int curves = 2 * Scheme.values().length * 2;
        assertEquals(curves, factory.built.size(), "one estimator per curve, not per step");
        assertEquals(curves, new HashSet<>(factory.built.stream().map(FiniteDifferenceConfig::label).toList()).size());
        int points = Scheme.values().length * 2 * (5 + 6);
        assertEquals(points, reused.rows().size());
        assertEquals(points, progress.size());
        for (int i = 0; i < points; i++) {
            assertEquals(i + 1, progress.get(i)[0]);
            assertEquals(points, progress.get(i)[1]);
        }

        // The reused estimator gives the same rows as a fresh estimator per step.
        int[] subset = ParameterSample.stratified(m, s.samples(), s.seed());
        double[] truth = new ReferenceMlp(m).gradient(ReferenceMlp.toDouble(theta), b);
        ErrorCurve curve = reused.curve("mlp 8-6-3", Precision.FLOAT, "central", "incremental").orElseThrow();
        double[] h = curve.steps();
        double[] g = new double[m.parameterCount()];
        for (int k = 0; k < h.length; k++) {
            try (FiniteDifference fresh = new FiniteDifference(m, b.size(), FiniteDifferenceConfig
                    .of(Scheme.CENTRAL, Evaluation.INCREMENTAL, Precision.FLOAT).withParameterWorkers(2)
                    .withStep(StepRule.absolute(h[k])))) {
                fresh.gradient(theta, b, g, subset);
            }
            assertEquals(MlpStepSizeSweep.errors(g, truth, subset)[0], curve.absErrors()[k], 0.0, "h = " + h[k]);
        }
    }

    @Test
    void aGridWhoseSmallestStepVanishesAtAComparedParameterIsRefusedBeforeAnyEstimate() {
        Mlp m = smallNet();
        Batch b = TestData.classification(16, 8, 3, 0.3, 1).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 2);
        CountingFactory factory = new CountingFactory(m, b.size());
        List<int[]> progress = new ArrayList<>();
        // 1e-12 is below half a float ulp of every compared weight above about 2e-5 in magnitude.
        VanishedStepException e = assertThrows(VanishedStepException.class, () -> MlpStepSizeSweep.run(m, theta, b,
                settings(StepGrid.logarithmic(1e-1, 1e-12, 5), StepGrid.defaultFor(Precision.DOUBLE), 1),
                (done, total) -> progress.add(new int[] {done, total}), factory));
        assertEquals(Precision.FLOAT, e.precision());
        assertEquals(1e-12, e.step(), 0.0);
        assertTrue(e.getMessage().contains("parameter "), e.getMessage());
        assertTrue(factory.built.isEmpty(), "refused before building an estimator");
        assertTrue(progress.isEmpty());
        assertThrows(VanishedStepException.class, () -> MlpStepSizeSweep.run(m, theta, b,
                settings(StepGrid.defaultFor(Precision.FLOAT), StepGrid.logarithmic(1e-1, 1e-300, 5), 1)));
    }
}
