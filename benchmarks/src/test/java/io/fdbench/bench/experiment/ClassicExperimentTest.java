package io.fdbench.bench.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classic experiment's claims on a small model (784-10-10 and 784-4-10, so a FULL central
 * gradient takes a fraction of a second): the finite-difference runs track backprop on the shared
 * batches, and FULL and INCREMENTAL evaluation are the same estimator.
 */
class ClassicExperimentTest {

    private static final long SEED = ClassicExperiment.SEED;

    @Test
    void incrementalCentralLossIsWithinOneThousandthOfBackpropAtEveryStep() {
        ClassicRun.Setup s = ClassicExperiment.setup(10, 100, SEED);
        ClassicRun bp = ClassicExperiment.run(s, "backprop", 0.5, 5, 5, 5, 0, -1, 1, null);
        ClassicRun fd = ClassicExperiment.run(s, "central-incremental", 0.5, 5, 5, 5, 0, -1, 1, null);
        assertEquals(5, bp.stepsRun());
        assertEquals(5, fd.stepsRun());
        for (int i = 0; i < 5; i++) {
            double b = bp.batchLoss()[i];
            double f = fd.batchLoss()[i];
            assertTrue(Math.abs(f - b) <= 1e-3 * Math.abs(b), "step " + (i + 1) + ": backprop " + b + ", central " + f);
        }
        assertTrue(ClassicExperiment.parameterDistance(fd, bp) > 0, "central is an estimate, not backprop");
    }

    @Test
    void fullAndIncrementalCentralRunsGiveTheSameLossesWithinFloatRounding() {
        ClassicRun.Setup s = ClassicExperiment.setup(4, 50, SEED);
        ClassicRun full = ClassicExperiment.run(s, "central-full", 0.5, 3, 3, 3, 0, -1, 1, null);
        ClassicRun incremental = ClassicExperiment.run(s, "central-incremental", 0.5, 3, 3, 3, 0, -1, 1, null);
        for (int i = 0; i < 3; i++) {
            double a = full.batchLoss()[i];
            double b = incremental.batchLoss()[i];
            // float's unit roundoff is 6e-8; a loss summed over 50 rows and the few-ulp differences of
            // the two evaluations' gradients moving θ stay within a few of them.
            assertTrue(Math.abs(a - b) <= 1e-6 * Math.abs(a), "step " + (i + 1) + ": full " + a + ", incremental " + b);
        }
        assertEquals(2L * s.model().parameterCount() + 1, full.evaluationsPerStep());
    }

    @Test
    void theSameSeedGivesTheSameBatchesForEveryMethod() {
        ClassicRun.Setup s = ClassicExperiment.setup(4, 100, SEED);
        ClassicRun a = ClassicExperiment.run(s, "backprop", 0.1, 3, 3, 3, 0, -1, 1, null);
        ClassicRun b = ClassicExperiment.run(s, "backprop", 0.1, 3, 3, 3, 0, -1, 1, null);
        assertTrue(java.util.Arrays.equals(a.batchLoss(), b.batchLoss()), "repeatable");
        ClassicRun other = ClassicExperiment.run(ClassicExperiment.setup(4, 100, SEED + 1), "backprop", 0.1, 3, 3, 3, 0,
                -1, 1, null);
        assertTrue(!java.util.Arrays.equals(a.batchLoss(), other.batchLoss()), "the seed matters");
    }

    @Test
    void theGridPicksTheRateClosestToThePublishedRow() {
        assertEquals(0, ClassicExperiment.distanceFromPublished(ClassicExperiment.PUBLISHED_LOSS,
                ClassicExperiment.PUBLISHED_ACCURACY), 0);
        assertTrue(ClassicExperiment.distanceFromPublished(1.72, 0.49)
                > ClassicExperiment.distanceFromPublished(1.60, 0.66));
    }

    @Test
    void durationsAreInMinutesAsThePublishedTable() {
        assertEquals("141 min 55.3 s (2.4 h)", ClassicExperiment.duration(ClassicExperiment.PUBLISHED_FD_SECONDS));
        assertEquals("3.1 s", ClassicExperiment.duration(3.1));
        assertEquals("0.015 s", ClassicExperiment.duration(0.015));
    }
}
