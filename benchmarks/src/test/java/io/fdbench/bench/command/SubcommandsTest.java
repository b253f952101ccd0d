package io.fdbench.bench.command;

import io.fdbench.bench.cli.Subcommand;
import io.fdbench.bench.cli.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep, gradcheck and train subcommands end to end on small settings, and their bad-input errors. */
class SubcommandsTest {

    private static CommandRun run(Subcommand c, String... args) {
        return CommandRun.of(c, args);
    }

    private static void assertUsageError(CommandRun r, String flag) {
        assertEquals(Exit.USAGE, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(flag), "names " + flag + ": " + r.err());
    }

    @Test
    void sweepWritesRowsAndSummaryAndNeverOverwrites(@TempDir Path dir) throws Exception {
        CommandRun r = run(new SweepCommand(), "--targets", "scalar", "--points", "15", "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        assertTrue(r.out().contains("kernel " + io.fdbench.engine.kernel.Kernels.best().name()), "says which kernel");
        List<String> rows = Files.readAllLines(dir.resolve("stepsize.csv"));
        List<String> summary = Files.readAllLines(dir.resolve("stepsize-summary.csv"));
        assertEquals("target,precision,estimator,evaluation,h,abs_error,rel_error", rows.get(0));
        // 3 functions × (2 precisions × 9 estimators − the complex step in float) × 15 steps, and the
        // complex step's grid continued to 1e-200 with 18 more steps.
        int curves = 3 * (2 * io.fdbench.engine.numerics.Estimator.values().length - 1);
        assertEquals(1 + curves * 15 + 3 * io.fdbench.engine.numerics.StepGrid.COMPLEX_STEP_EXTRA_POINTS, rows.size());
        assertEquals(1 + curves, summary.size());
        assertTrue(summary.get(0).contains("fitted_order"), summary.get(0));
        String env = Files.readString(dir.resolve("stepsize-env.csv"));
        for (String key : List.of("git.commit", "jdk.version", "kernel.best", "cpu.model", "grid.points")) {
            assertTrue(env.contains(key), key + " in " + env);
        }
        assertTrue(env.contains("\"family\",\"stepsize\""), env);
        assertTrue(env.contains("\"profile\",\"full\""), env);
        assertTrue(env.contains("\"host\","), env);

        CommandRun again = run(new SweepCommand(), "--targets", "scalar", "--points", "15", "--out", dir.toString());
        assertEquals(Exit.OK, again.code());
        assertEquals(rows, Files.readAllLines(dir.resolve("stepsize.csv")), "the first file is kept");
        try (var files = Files.list(dir)) {
            assertEquals(6, files.filter(p -> p.getFileName().toString().startsWith("stepsize")).count());
        }
    }

    @Test
    void sweepOfTheMlpCoversEverySchemeEvaluationAndPrecision(@TempDir Path dir) throws Exception {
        CommandRun r = run(new SweepCommand(), "--targets", "mlp", "--points", "4", "--samples", "12",
                "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        List<String> summary = Files.readAllLines(dir.resolve("stepsize-summary.csv"));
        // every scheme × evaluation × precision, and the complex step's curve (double, incremental)
        assertEquals(1 + io.fdbench.engine.grad.Scheme.values().length * 2 * 2 + 1, summary.size(),
                String.join("\n", summary));
        assertTrue(summary.stream().anyMatch(l -> l.contains(",double,complex-step,incremental,")),
                String.join("\n", summary));
        assertTrue(summary.stream().anyMatch(l -> l.contains("incremental") && l.contains("float")));
    }

    @Test
    void sweepRejectsBadValuesNamingTheFlag() {
        assertUsageError(run(new SweepCommand(), "--points", "1"), "--points");
        assertUsageError(run(new SweepCommand(), "--min-h-float", "-1e-3"), "--min-h-float");
        assertUsageError(run(new SweepCommand(), "--targets", "moon"), "--targets");
        assertUsageError(run(new SweepCommand(), "--parameter-workers", "0"), "--parameter-workers");
    }

    @Test
    void sweepRefusesAStepThatVanishesNamingTheFlagAndWritesNothing(@TempDir Path dir) throws Exception {
        CommandRun scalar = run(new SweepCommand(), "--targets", "scalar", "--min-h-float", "1e-300", "--out", dir.toString());
        assertUsageError(scalar, "--min-h-float");
        assertTrue(scalar.err().contains("1.0E-300") && scalar.err().contains("vanishes in float"), scalar.err());
        CommandRun mlp = run(new SweepCommand(), "--targets", "mlp", "--points", "3", "--samples", "4",
                "--min-h-double", "1e-300", "--out", dir.toString());
        assertUsageError(mlp, "--min-h-double");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no result file");
        }
    }

    @Test
    void gradcheckPassesForBackpropAndFailsExitOneWhenTheToleranceIsImpossible() {
        CommandRun ok = run(new GradcheckCommand(), "--model", "8-6-3", "--activation", "tanh", "--init", "xavier",
                "--batch", "20");
        assertEquals(Exit.OK, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("PASS"), ok.out());
        assertTrue(ok.out().contains("W1") && ok.out().contains("b2"), "per-block rows: " + ok.out());

        CommandRun fail = run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "20", "--vs-estimator", "forward",
                "--vs-precision", "float", "--tolerance", "1e-9");
        assertEquals(Exit.FAILURE, fail.code(), fail.out());
        assertTrue(fail.out().contains("FAIL"), fail.out());
    }

    @Test
    void gradcheckRejectsBadModelsEstimatorsAndSteps() {
        assertUsageError(run(new GradcheckCommand(), "--model", "784-0-10"), "--model");
        assertUsageError(run(new GradcheckCommand(), "--estimator", "magic"), "--estimator");
        assertUsageError(run(new GradcheckCommand(), "--vs-h", "-0.01"), "--vs-h");
        assertUsageError(run(new GradcheckCommand(), "--activation", "softsign"), "--activation");
        assertUsageError(run(new GradcheckCommand(), "--parameter-workers", "0"), "--parameter-workers");
        assertUsageError(run(new GradcheckCommand(), "--batch-workers", "0"), "--batch-workers");
        // The old flag meant any of three kinds of parallelism: it is gone, not silently ignored.
        assertUsageError(run(new GradcheckCommand(), "--threads", "2"), "--threads");
    }

    @Test
    void gradcheckSplitsEitherEstimatorOverItsWorkers() {
        CommandRun r = run(new GradcheckCommand(), "--model", "8-6-3", "--activation", "tanh", "--init", "xavier",
                "--batch", "20", "--batch-workers", "2", "--parameter-workers", "3");
        assertEquals(Exit.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS"), r.out());
    }

    @Test
    void trainRunsAndWritesPerEpochStatistics(@TempDir Path dir) throws Exception {
        CommandRun r = run(new TrainCommand(), "--model", "784-16-10", "--iterations", "30", "--batch", "50",
                "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("train.csv"));
        assertEquals("epoch,steps,train_loss,test_loss,test_accuracy,train_seconds", lines.get(0));
        assertEquals(2, lines.size(), "one epoch row");
        assertTrue(r.out().contains("stopped: ITERATIONS"), r.out());

        CommandRun split = run(new TrainCommand(), "--model", "784-16-10", "--iterations", "5", "--batch", "50",
                "--batch-workers", "2", "--gemm-workers", "2", "--out", dir.resolve("split").toString());
        assertEquals(Exit.OK, split.code(), split.err());
        assertTrue(split.out().contains("-x2"), "the kernel splits products: " + split.out());
    }

    @Test
    void trainRejectsBadValuesNamingTheFlag(@TempDir Path dir) {
        assertUsageError(run(new TrainCommand(), "--batch", "0", "--out", dir.toString()), "--batch");
        assertUsageError(run(new TrainCommand(), "--model", "100-10", "--out", dir.toString()), "--model");
        assertUsageError(run(new TrainCommand(), "--data", dir.resolve("missing").toString(), "--out",
                dir.toString()), "--data");
        assertUsageError(run(new TrainCommand(), "--estimator", "central", "--h", "0", "--out", dir.toString()),
                "--h");
        for (String flag : List.of("--parameter-workers", "--batch-workers", "--gemm-workers")) {
            assertUsageError(run(new TrainCommand(), flag, "0", "--out", dir.toString()), flag);
        }
    }
}
