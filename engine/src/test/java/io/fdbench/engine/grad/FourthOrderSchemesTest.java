package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five-point stencil and Richardson extrapolation on the MLP loss. */
class FourthOrderSchemesTest {

    private final Mlp model = new Mlp(new int[] {5, 4, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY,
            TestData.kernel());
    private final Batch batch = TestData.classification(10, 5, 3, 0.0, 8).asBatch();
    private final float[] theta = model.initialise(Init.XAVIER, 9);

    private double[] gradient(Scheme s, Evaluation e, Precision p, StepRule step, int workers) {
        double[] g = new double[model.parameterCount()];
        try (FiniteDifference fd = new FiniteDifference(model, batch.size(), FiniteDifferenceConfig.of(s, e, p)
                .withStep(step).withParameterWorkers(workers))) {
            fd.gradient(theta, batch, g, null);
        }
        return g;
    }

    private double maxError(double[] g, double[] truth) {
        double d = 0;
        for (int i = 0; i < g.length; i++) {
            d = Math.max(d, Math.abs(g[i] - truth[i]));
        }
        return d;
    }

    @Test
    void bothAreFourthOrderInDouble() {
        double[] truth = new ReferenceMlp(model).gradient(ReferenceMlp.toDouble(theta), batch);
        for (Scheme s : List.of(Scheme.FIVE_POINT, Scheme.RICHARDSON)) {
            for (Evaluation e : Evaluation.values()) {
                double e1 = maxError(gradient(s, e, Precision.DOUBLE, StepRule.absolute(8e-2), 1), truth);
                double e2 = maxError(gradient(s, e, Precision.DOUBLE, StepRule.absolute(2e-2), 1), truth);
                double order = Math.log(e1 / e2) / Math.log(4);
                assertEquals(4.0, order, 0.2, s.label() + " " + e.label());
            }
        }
    }

    @Test
    void fivePointAtHIsRichardsonAtTwoH() {
        // The same offsets h and 2h and the same weights: the same bits.
        for (Precision p : Precision.values()) {
            double[] five = gradient(Scheme.FIVE_POINT, Evaluation.INCREMENTAL, p, StepRule.absolute(5e-3), 1);
            double[] rich = gradient(Scheme.RICHARDSON, Evaluation.INCREMENTAL, p, StepRule.absolute(1e-2), 1);
            assertArrayEquals(five, rich, p.label());
        }
    }

    @Test
    void onEqualOffsetsTheWeightsAreTheNominalStencil() {
        double k = 0.25; // offsets exact in binary
        double[] f = {0.7, 1.9, -0.3, 2.6, -1.1};
        double nominal = (-f[3] + 8 * f[1] - 8 * f[2] + f[4]) / (12 * k);
        assertEquals(nominal, FourPointStencil.derivative(f[0], f[1], f[2], f[3], f[4], k, k, 2 * k, 2 * k), 1e-14);
        double dHalf = (f[1] - f[2]) / (2 * k);
        double dFull = (f[3] - f[4]) / (4 * k);
        assertEquals((4 * dHalf - dFull) / 3, FourPointStencil.derivative(f[0], f[1], f[2], f[3], f[4], k, k, 2 * k,
                2 * k), 1e-14);
        assertEquals(Math.abs(dFull - dHalf) / 3, FourPointStencil.errorEstimate(f[1], f[2], f[3], f[4], k, k, 2 * k,
                2 * k), 1e-15);
    }

    @Test
    void unequalOffsetsAreExactForACubic() {
        // f(x) = 1 + 2x − 3x² + 5x³ on offsets that are not symmetric: f′(0) = 2 exactly.
        double a = 0.011;
        double b = 0.0097;
        double c = 0.0213;
        double d = 0.0199;
        java.util.function.DoubleUnaryOperator f = x -> 1 + 2 * x - 3 * x * x + 5 * x * x * x;
        double est = FourPointStencil.derivative(f.applyAsDouble(0), f.applyAsDouble(a), f.applyAsDouble(-b),
                f.applyAsDouble(c), f.applyAsDouble(-d), a, b, c, d);
        assertEquals(2.0, est, 1e-12);
        // the nominal symmetric formula on the same values is off by the second-order term
        double h = (a + b) / 2;
        double nominal = (-f.applyAsDouble(c) + 8 * f.applyAsDouble(a) - 8 * f.applyAsDouble(-b) + f.applyAsDouble(-d))
                / (12 * h);
        assertTrue(Math.abs(nominal - 2.0) > 1e3 * Math.abs(est - 2.0), "nominal " + nominal + " vs " + est);
    }

    @Test
    void richardsonReportsItsErrorEstimateFromTheTwoCentralDifferences() {
        double h = 4e-2;
        try (FiniteDifference r = new FiniteDifference(model, batch.size(), FiniteDifferenceConfig
                .of(Scheme.RICHARDSON, Evaluation.INCREMENTAL, Precision.DOUBLE).withStep(StepRule.absolute(h)))) {
            int[] subset = {0, 3, 17, model.parameterCount() - 1};
            r.gradient(theta, batch, new double[model.parameterCount()], subset);
            double[] estimates = r.errorEstimates();
            double[] dFull = gradient(Scheme.CENTRAL, Evaluation.FULL, Precision.DOUBLE, StepRule.absolute(h), 1);
            double[] dHalf = gradient(Scheme.CENTRAL, Evaluation.FULL, Precision.DOUBLE, StepRule.absolute(h / 2), 1);
            for (int i = 0; i < estimates.length; i++) {
                int index = i;
                boolean in = java.util.Arrays.stream(subset).anyMatch(j -> j == index);
                double expected = in ? Math.abs(dFull[i] - dHalf[i]) / 3 : 0;
                assertEquals(expected, estimates[i], 1e-12 + 1e-6 * expected, "parameter " + i);
            }
            assertTrue(java.util.Arrays.stream(estimates).anyMatch(e -> e > 1e-9), "a truncation-sized estimate");
        }
        try (FiniteDifference five = new FiniteDifference(model, batch.size(),
                FiniteDifferenceConfig.of(Scheme.FIVE_POINT, Evaluation.FULL, Precision.FLOAT))) {
            assertThrows(IllegalStateException.class, five::errorEstimates);
        }
    }

    @Test
    void workerCountDoesNotChangeTheBits() {
        for (Scheme s : List.of(Scheme.FIVE_POINT, Scheme.RICHARDSON)) {
            StepRule step = FiniteDifferenceConfig.defaultStepRule(s, Precision.FLOAT);
            assertArrayEquals(gradient(s, Evaluation.INCREMENTAL, Precision.FLOAT, step, 1),
                    gradient(s, Evaluation.INCREMENTAL, Precision.FLOAT, step, 3), s.label());
        }
    }

    @Test
    void theDefaultStepIsDerivedFromThePrecision() {
        for (Precision p : Precision.values()) {
            StepRule r = FiniteDifferenceConfig.defaultStepRule(Scheme.FIVE_POINT, p);
            assertTrue(r.relative());
            assertEquals(Math.pow(p.unitRoundoff(), 0.2), r.h(), 1e-15);
            assertEquals(r, FiniteDifferenceConfig.of(Scheme.RICHARDSON, Evaluation.FULL, p).step());
        }
        assertEquals(Math.sqrt(Precision.FLOAT.unitRoundoff()),
                FiniteDifferenceConfig.precisionStep(Scheme.FORWARD, Precision.FLOAT).h(), 0.0);
        assertEquals(Math.cbrt(Precision.DOUBLE.unitRoundoff()),
                FiniteDifferenceConfig.precisionStep(Scheme.CENTRAL, Precision.DOUBLE).h(), 0.0);
    }

    @Test
    void aStepWhoseOffsetsCollapseIsRefused() {
        float[] big = theta.clone();
        big[0] = 100f;
        for (Scheme s : List.of(Scheme.FIVE_POINT, Scheme.RICHARDSON)) {
            // half an ulp of 100f is 3.8e-6: the inner offset vanishes
            try (FiniteDifference fd = new FiniteDifference(model, batch.size(), FiniteDifferenceConfig
                    .of(s, Evaluation.FULL, Precision.FLOAT).withStep(StepRule.absolute(2e-6)))) {
                assertThrows(VanishedStepException.class, () -> fd.gradient(big, batch, new float[big.length]),
                        s.label());
            }
        }
        // 0.6 ulp: h and 2h both round to one ulp above 100f
        try (FiniteDifference fd = new FiniteDifference(model, batch.size(), FiniteDifferenceConfig
                .of(Scheme.FIVE_POINT, Evaluation.FULL, Precision.FLOAT).withStep(StepRule.absolute(0.6 * Math.ulp(100f))))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> fd.gradient(big, batch, new float[big.length]));
            assertTrue(e.getMessage().contains("five-point") && e.getMessage().contains("parameter 0"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void labelsParseBack() {
        assertEquals("five-point", Scheme.FIVE_POINT.label());
        for (Scheme s : Scheme.values()) {
            assertEquals(s, Scheme.parse(s.label().toUpperCase(java.util.Locale.ROOT)));
        }
        assertThrows(IllegalStateException.class, () -> Scheme.RICHARDSON.quotient(0, 0, 0, 1, 1));
    }
}
