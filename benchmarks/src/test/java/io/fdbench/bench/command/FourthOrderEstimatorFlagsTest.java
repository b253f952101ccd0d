package io.fdbench.bench.command;

import io.fdbench.bench.cli.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gradcheck and train build the fourth-order and adaptive estimators by name, and refuse their bad flags. */
class FourthOrderEstimatorFlagsTest {

    private static void assertUsageError(CommandRun r, String... words) {
        assertEquals(Exit.USAGE, r.code(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        for (String w : words) {
            assertTrue(r.err().contains(w), "names " + w + ": " + r.err());
        }
    }

    @Test
    void gradcheckPassesAgainstEachNewEstimator() {
        for (String name : new String[] {"five-point", "richardson", "adaptive"}) {
            CommandRun r = CommandRun.of(new GradcheckCommand(), "--model", "8-6-3", "--activation", "tanh", "--init",
                    "xavier", "--batch", "20", "--vs-estimator", name, "--vs-precision", "double");
            assertEquals(Exit.OK, r.code(), name + ": " + r.all());
            assertTrue(r.out().contains("PASS"), r.out());
        }
    }

    @Test
    void aStepOutOfRangeNamesTheFlag(@TempDir Path dir) {
        assertUsageError(CommandRun.of(new GradcheckCommand(), "--vs-estimator", "five-point", "--vs-h", "2"), "--vs-h");
        assertUsageError(CommandRun.of(new GradcheckCommand(), "--estimator", "richardson", "--h", "0"), "--h");
        assertUsageError(CommandRun.of(new GradcheckCommand(), "--estimator", "adaptive", "--h", "-1e-3"), "--h");
        assertUsageError(CommandRun.of(new TrainCommand(), "--estimator", "five-point", "--h", "1.5", "--out",
                dir.toString()), "--h");
        assertUsageError(CommandRun.of(new TrainCommand(), "--estimator", "adaptive", "--directions", "3", "--out",
                dir.toString()), "--directions", "adaptive");
    }

    @Test
    void aStepThatVanishesIsOneLine() {
        CommandRun r = CommandRun.of(new GradcheckCommand(), "--model", "8-6-3", "--batch", "5", "--estimator",
                "five-point", "--h", "1e-30");
        assertUsageError(r, "1.0E-30", "vanishes");
    }
}
