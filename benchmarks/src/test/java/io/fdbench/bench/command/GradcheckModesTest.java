package io.fdbench.bench.command;

import io.fdbench.bench.cli.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gradcheck --mode fast and taylor, and the flags of the zeroth-order estimators. */
class GradcheckModesTest {

    private static final String[] SMALL = {"--model", "8-6-3", "--activation", "tanh", "--init", "xavier", "--batch",
            "20"};

    private static CommandRun gradcheck(String... args) {
        String[] all = new String[SMALL.length + args.length];
        System.arraycopy(SMALL, 0, all, 0, SMALL.length);
        System.arraycopy(args, 0, all, SMALL.length, args.length);
        return CommandRun.of(new GradcheckCommand(), all);
    }

    private static void assertUsageError(CommandRun r, String flag) {
        assertEquals(Exit.USAGE, r.code(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(flag), "names " + flag + ": " + r.err());
    }

    @Test
    void richardsonAndTheAdaptiveStepReportTheirOwnErrorEstimates() {
        CommandRun r = gradcheck("--estimator", "richardson", "--precision", "double", "--vs-estimator", "backprop");
        assertEquals(Exit.OK, r.code(), r.all());
        assertTrue(r.out().contains("richardson-incremental-double's own error estimate over the 75 compared"
                + " parameters: median"), r.out());
        CommandRun adaptive = gradcheck("--estimator", "adaptive", "--precision", "double", "--vs-estimator",
                "backprop");
        assertTrue(adaptive.out().contains("own error estimate"), adaptive.out());
        CommandRun plain = gradcheck("--estimator", "central", "--vs-estimator", "backprop");
        assertFalse(plain.out().contains("own error estimate"), "central makes no estimate: " + plain.out());
    }

    @Test
    void theErrorEstimateLineIsTheMedianAndLargestOverTheComparedParameters() {
        assertEquals("x's own error estimate over the 3 compared parameters: median 2.000e-03, largest 9.000e-03",
                GradcheckCommand.errorEstimateLine("x", new double[] {5, 9e-3, 1e-3, 2e-3}, new int[] {1, 2, 3}));
    }

    @Test
    void fastModePassesBackpropWithTwoEvaluationsPerDirection() {
        CommandRun r = gradcheck("--mode", "fast");
        assertEquals(Exit.OK, r.code(), r.all());
        assertTrue(r.out().contains("directional check") && r.out().contains("PASS"), r.out());
        assertTrue(r.out().contains("8 loss evaluations for 75 parameters"), r.out());
        assertFalse(r.out().contains("worst entries"), "no per-block report on PASS: " + r.out());
    }

    @Test
    void fastModeFailsARandomEstimateExitOneAndFallsBackToThePerBlockReport() {
        CommandRun r = gradcheck("--mode", "fast", "--estimator", "spsa", "--directions", "2");
        assertEquals(Exit.FAILURE, r.code(), r.all());
        assertTrue(r.out().contains("FAIL"), r.out());
        assertTrue(r.out().contains("per-block report") && r.out().contains("W1") && r.out().contains("b2")
                && r.out().contains("worst entries"), r.out());
    }

    @Test
    void taylorModeFitsOrderTwoForBackpropAndFailsAForwardGradient() {
        CommandRun ok = gradcheck("--mode", "taylor");
        assertEquals(Exit.OK, ok.code(), ok.all());
        assertTrue(ok.out().contains("Taylor test") && ok.out().contains("PASS"), ok.out());
        CommandRun bad = gradcheck("--mode", "taylor", "--estimator", "forward-gradient", "--directions", "3",
                "--check-directions", "2");
        assertEquals(Exit.FAILURE, bad.code(), bad.all());
        assertTrue(bad.out().contains("FAIL") && bad.out().contains("forward-gradient"), bad.out());
    }

    @Test
    void fullModeIsTheDefaultAndComparesTheZerothOrderEstimators() {
        CommandRun r = gradcheck("--mode", "full", "--estimator", "gaussian", "--directions", "4",
                "--direction-seed", "5");
        assertEquals(Exit.FAILURE, r.code(), "four random directions are not the gradient: " + r.all());
        assertTrue(r.out().contains("gaussian vs central"), r.out());
    }

    @Test
    void badModesDirectionsAndStepsAreOneLineErrorsNamingTheFlag() {
        assertUsageError(gradcheck("--mode", "sideways"), "--mode");
        assertUsageError(gradcheck("--estimator", "spsa", "--directions", "0"), "--directions");
        assertUsageError(gradcheck("--estimator", "gaussian", "--directions", "-3"), "--directions");
        assertUsageError(gradcheck("--estimator", "spsa", "--h", "2"), "--h");
        assertUsageError(gradcheck("--estimator", "spsa", "--h", "0"), "--h");
        assertUsageError(gradcheck("--estimator", "forward-gradient", "--h", "1e-3"), "--h");
        assertUsageError(gradcheck("--estimator", "spsa", "--precision", "double"), "--precision");
        assertUsageError(gradcheck("--mode", "fast", "--check-directions", "0"), "--check-directions");
        assertUsageError(gradcheck("--check-directions", "3"), "--check-directions");
        assertUsageError(gradcheck("--mode", "taylor", "--vs-estimator", "central"), "--vs-estimator");
        assertUsageError(gradcheck("--mode", "taylor", "--tolerance", "1e-3"), "--tolerance");
    }

    @Test
    void trainRunsAZerothOrderEstimator(@TempDir Path dir) {
        CommandRun r = CommandRun.of(new TrainCommand(), "--model", "784-8-10", "--iterations", "3", "--batch", "20",
                "--estimator", "spsa", "--directions", "2", "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.all());
    }
}
