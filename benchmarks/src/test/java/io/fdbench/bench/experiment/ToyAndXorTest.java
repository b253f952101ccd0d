package io.fdbench.bench.experiment;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backprop derivation's figures and the XOR claims, in double. */
class ToyAndXorTest {

    @Test
    void forwardPassMatchesTheDerivationToEightDigits() {
        SmallSigmoidNet net = BackpropToyExperiment.network();
        net.forward(BackpropToyExperiment.weights(), BackpropToyExperiment.FIRST_INPUT, 0);
        double tol = 5e-9; // the derivation prints 8 decimals
        assertArrayEquals(new double[] {0.51344907, 0.03594138}, net.net(1), tol);
        assertArrayEquals(new double[] {0.62561467, 0.50898438}, net.activation(1), tol);
        assertArrayEquals(new double[] {1.04963039, 0.86981908}, net.net(2), tol);
        assertArrayEquals(new double[] {0.74070392, 0.70470805}, net.activation(2), tol);
    }

    @Test
    void backpropAndCentralDifferenceAgreeToOneInHundredMillion() {
        SmallSigmoidNet net = BackpropToyExperiment.network();
        BackpropToyExperiment.Data d = BackpropToyExperiment.Data.of(42, 50);
        double[] theta = BackpropToyExperiment.weights();
        double[] bp = new double[theta.length];
        double[] cd = new double[theta.length];
        net.backprop(theta, d.x(), d.t(), new int[] {0}, false, bp);
        net.central(theta, d.x(), d.t(), new int[] {0}, false, 1e-5, cd);
        assertArrayEquals(bp, cd, 1e-8);
        assertTrue(java.util.Arrays.stream(bp).map(Math::abs).max().getAsDouble() > 1e-3, "a gradient to compare");
    }

    @Test
    void backpropMatchesCentralDifferencesWithoutBiasAndOverSeveralSamples() {
        SmallSigmoidNet net = new SmallSigmoidNet(new int[] {2, 3, 1}, false);
        double[] theta = net.uniform(new Random(7));
        double[] bp = new double[theta.length];
        double[] cd = new double[theta.length];
        int[] rows = {0, 1, 2, 3};
        net.backprop(theta, XorExperiment.X, XorExperiment.T, rows, false, bp);
        net.central(theta, XorExperiment.X, XorExperiment.T, rows, false, 1e-5, cd);
        assertArrayEquals(bp, cd, 1e-8);
    }

    @Test
    void toyTrainingStopsByTheRmseRuleWithBothGradients() {
        BackpropToyExperiment.Data d = BackpropToyExperiment.Data.of(42, 50);
        BackpropToyExperiment.Training bp = BackpropToyExperiment.train(false, 0.5, 10_000, 1e-6, 1e-5, d);
        BackpropToyExperiment.Training cd = BackpropToyExperiment.train(true, 0.5, 10_000, 1e-6, 1e-5, d);
        assertTrue(bp.converged(), "stopped by the rule, not the limit");
        double first = bp.rmse().get(0);
        double last = bp.rmse().get(bp.rmse().size() - 1);
        assertTrue(last < first, first + " -> " + last);
        assertEquals(last, cd.rmse().get(cd.rmse().size() - 1), 1e-6);
    }

    @Test
    void xorWithBiasReachesTheTargetByBackpropWithinTheDefaultBudget() {
        XorExperiment.Outcome r = XorExperiment.descend(XorExperiment.VARIANTS.get(1), XorExperiment.OPTIMIZERS.get(0),
                false, XorExperiment.DEFAULT_EPOCHS, XorExperiment.DEFAULT_TARGET, XorExperiment.DEFAULT_H,
                XorExperiment.DEFAULT_SEED);
        assertTrue(r.variant().equals("bias") && r.reached(), r.note());
        assertTrue(r.finalMae() < 0.05, "MAE " + r.finalMae());
        double[] p = r.predictions();
        assertTrue(p[0] < 0.5 && p[1] > 0.5 && p[2] > 0.5 && p[3] < 0.5, java.util.Arrays.toString(p));
    }

    @Test
    void gradientFreeOptimisersStayWithinTheirBudgetOfLossEvaluations() {
        for (boolean cma : new boolean[] {true, false}) {
            XorExperiment.Outcome r = XorExperiment.gradientFree(XorExperiment.VARIANTS.get(1), cma, 500, 1e-12, 3);
            assertTrue(r.evaluationsRun() <= 500 && r.evaluationsRun() > 400, r.method() + ": " + r.evaluationsRun());
            assertTrue(!r.reached(), r.method() + " cannot reach MAE < 1e-12");
        }
    }
}
