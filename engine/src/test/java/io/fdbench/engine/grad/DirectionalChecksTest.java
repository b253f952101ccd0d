package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks that need no per-parameter loop: the directional (fast) check and the Taylor test. */
class DirectionalChecksTest {

    private static final long SEED = 17;

    private record Case(Mlp model, float[] theta, Batch batch) {
        float[] gradient() {
            float[] g = new float[model.parameterCount()];
            new BackpropEstimator(model, batch.size()).gradient(theta, batch, g);
            return g;
        }
    }

    private static Case[] cases() {
        Mlp deep = new Mlp(new int[] {12, 8, 6, 4}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Mlp small = new Mlp(new int[] {8, 6, 3}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Mlp regression = new Mlp(new int[] {5, 4, 1}, Activation.SIGMOID, Loss.SIGMOID_SQUARED_ERROR,
                TestData.kernel());
        return new Case[] {
                new Case(deep, deep.initialise(Init.XAVIER, 2), TestData.classification(30, 12, 4, 0.5, 1).asBatch()),
                // gradcheck's default initialisation, N(0, 0.01²): the first layer's gradient is tiny
                new Case(small, small.initialise(Init.NORMAL_001, 3),
                        TestData.classification(20, 8, 3, 0.3, 4).asBatch()),
                new Case(regression, regression.initialise(Init.XAVIER, 3),
                        TestData.regression(20, 5, 1, 4).asBatch())};
    }

    private static float[] halved(Mlp model, float[] g, ParameterBlock block) {
        float[] bad = g.clone();
        for (int i = block.offset(); i < block.offset() + block.size(); i++) {
            bad[i] *= 0.5f;
        }
        return bad;
    }

    @Test
    void theDirectionalCheckPassesTheGradientAndFailsOneBlockHalved() {
        for (Case c : cases()) {
            float[] g = c.gradient();
            DirectionalCheck.Report ok = DirectionalCheck.run(c.model(), c.theta(), c.batch(), "backprop", g,
                    DirectionalCheck.DEFAULT_DIRECTIONS, SEED, DirectionalCheck.DEFAULT_STEP,
                    GradientCheck.DEFAULT_TOLERANCE);
            assertTrue(ok.passed(), ok.format());
            assertTrue(ok.relativeError() < 1e-5, "float backprop agrees to about 1e-7: " + ok.format());
            assertEquals(2 * DirectionalCheck.DEFAULT_DIRECTIONS, ok.lossEvaluations());
            assertTrue(ok.format().contains("PASS"), ok.format());
            for (ParameterBlock b : c.model().blocks()) {
                DirectionalCheck.Report bad = DirectionalCheck.run(c.model(), c.theta(), c.batch(), "halved",
                        halved(c.model(), g, b), DirectionalCheck.DEFAULT_DIRECTIONS, SEED,
                        DirectionalCheck.DEFAULT_STEP, GradientCheck.DEFAULT_TOLERANCE);
                assertFalse(bad.passed(), c.model().describe() + " " + b.name() + " halved: " + bad.format());
                assertTrue(bad.format().contains("FAIL"), bad.format());
            }
        }
    }

    @Test
    void theTaylorTestFitsOrderTwoForTheGradientAndFailsOneBlockHalved() {
        for (Case c : cases()) {
            float[] g = c.gradient();
            TaylorCheck.Report ok = TaylorCheck.run(c.model(), c.theta(), c.batch(), "backprop", g,
                    TaylorCheck.DEFAULT_DIRECTIONS, SEED);
            assertTrue(ok.passed(), ok.format());
            assertEquals(2.0, ok.minimumSlope(), 0.1, ok.format());
            assertEquals(1 + TaylorCheck.DEFAULT_DIRECTIONS * TaylorCheck.POINTS, ok.lossEvaluations());
            for (ParameterBlock b : c.model().blocks()) {
                TaylorCheck.Report bad = TaylorCheck.run(c.model(), c.theta(), c.batch(), "halved",
                        halved(c.model(), g, b), TaylorCheck.DEFAULT_DIRECTIONS, SEED);
                assertFalse(bad.passed(), c.model().describe() + " " + b.name() + " halved: " + bad.format());
                assertTrue(bad.minimumSlope() < 1.5, bad.format());
                assertTrue(bad.format().contains("FAIL"), bad.format());
            }
        }
    }

    @Test
    void theSlopeFitIgnoresPointsAtRoundOff() {
        double[] eps = {1e-1, 1e-2, 1e-3, 1e-4};
        assertEquals(2.0, TaylorCheck.slope(eps, new double[] {1e-2, 1e-4, 1e-6, Double.NaN}), 1e-12);
        assertEquals(1.0, TaylorCheck.slope(eps, new double[] {1e-2, 1e-3, 1e-4, 1e-5}), 1e-12);
        assertTrue(Double.isNaN(TaylorCheck.slope(eps, new double[] {1e-2, Double.NaN, 1e-6, Double.NaN})));
    }

    @Test
    void theChecksRunAnEstimatorAndNameIt() {
        Case c = cases()[0];
        try (GradientEstimator bp = new BackpropEstimator(c.model(), c.batch().size())) {
            DirectionalCheck.Report d = DirectionalCheck.run(c.model(), c.theta(), c.batch(), bp, 2, SEED,
                    DirectionalCheck.DEFAULT_STEP, 1e-4);
            assertTrue(d.passed() && d.format().contains("backprop"), d.format());
            TaylorCheck.Report t = TaylorCheck.run(c.model(), c.theta(), c.batch(), bp, 2, SEED);
            assertTrue(t.passed() && t.format().contains("backprop"), t.format());
        }
        try (GradientEstimator spsa = Estimators.kind("spsa").create(c.model(), c.batch().size(),
                EstimatorOptions.defaults())) {
            // one random direction is not the gradient
            assertFalse(DirectionalCheck.run(c.model(), c.theta(), c.batch(), spsa, 4, SEED,
                    DirectionalCheck.DEFAULT_STEP, 1e-4).passed());
            assertFalse(TaylorCheck.run(c.model(), c.theta(), c.batch(), spsa, 3, SEED).passed());
        }
    }
}
