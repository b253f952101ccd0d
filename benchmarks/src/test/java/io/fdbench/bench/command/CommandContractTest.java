package io.fdbench.bench.command;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.Subcommand;
import io.fdbench.engine.data.MnistData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a user of train, sweep and gradcheck sees must be true: exit codes by class of failure,
 * strict inputs, errors naming the bad part, an output folder checked before the work, a diverged
 * run that fails, and a quick run that learns.
 */
class CommandContractTest {

    private Path locked;

    private static CommandRun run(Subcommand c, String... args) {
        return CommandRun.of(c, args);
    }

    /** One line on stderr, "<command>: error: ...", naming {@code part}, with no class name, and the code. */
    private static void assertError(CommandRun r, int code, String command, String part) {
        assertEquals(code, r.code(), r.all());
        List<String> lines = r.err().strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith(command + ": error: "), last);
        assertTrue(last.contains(part), "names " + part + ": " + last);
        assertFalse(r.err().contains("Exception") || r.err().contains("java."), "no class names: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /**
     * A folder this process cannot create: inside a read-only folder, or, for root (whom
     * permissions do not stop), under /sys, where no one may create folders.
     */
    private Path unwritableFolder(Path tmp) throws IOException {
        locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(locked)) {
            return locked.resolve("out");
        }
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel")), "no folder that root cannot write into");
        return Path.of("/sys/fdbench-test-" + ProcessHandle.current().pid());
    }

    @AfterEach
    void unlock() throws IOException {
        if (locked != null) {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void exitCodesTellTheClassOfFailure(@TempDir Path dir) throws IOException {
        assertError(run(new TrainCommand(), "--lr", "1e-2f", "--out", dir.toString()), Exit.USAGE, "train", "--lr");

        Path data = Files.createDirectory(dir.resolve("data"));
        for (MnistData.Part part : MnistData.Part.values()) {
            Files.writeString(data.resolve(part.canonicalName()), "not an IDX file");
        }
        assertError(run(new TrainCommand(), "--data", data.toString(), "--out", dir.toString()), Exit.USAGE,
                "train", "train-images-idx3-ubyte");

        CommandRun fail = run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "20", "--vs-estimator", "forward",
                "--vs-precision", "float", "--tolerance", "1e-9");
        assertEquals(Exit.FAILURE, fail.code(), fail.all());
        assertTrue(fail.out().contains("FAIL"), fail.out());

        Path unwritable = unwritableFolder(dir);
        assertError(run(new TrainCommand(), "--quick", "--out", unwritable.toString()), Exit.ENVIRONMENT, "train",
                unwritable.toString());
    }

    @Test
    void theGradientCheckMessageOfAVanishedStepHasNoClassName() {
        CommandRun r = run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "5", "--estimator", "central",
                "--h", "1e-30");
        assertError(r, Exit.USAGE, "gradcheck", "1.0E-30");
    }

    @Test
    void anUnwritableOutputFolderIsFoundBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path unwritable = unwritableFolder(dir);
        CommandRun sweep = run(new SweepCommand(), "--targets", "scalar,mlp", "--out", unwritable.toString());
        assertError(sweep, Exit.ENVIRONMENT, "sweep", unwritable.toString());
        assertFalse(sweep.out().contains("MLP curves"), "no curve computed: " + sweep.out());
        assertEquals("", sweep.out(), "no summary printed");

        CommandRun train = run(new TrainCommand(), "--out", unwritable.toString());
        assertError(train, Exit.ENVIRONMENT, "train", unwritable.toString());
        assertEquals("", train.out(), "no training started");
    }

    @Test
    void numbersAreParsedStrictly(@TempDir Path dir) {
        String out = dir.toString();
        assertError(run(new TrainCommand(), "--batch", "4x3x2", "--out", out), Exit.USAGE, "train", "--batch");
        assertError(run(new TrainCommand(), "--batch", "\uff14", "--out", out), Exit.USAGE, "train", "--batch");
        assertError(run(new TrainCommand(), "--lr", "1e-2f", "--out", out), Exit.USAGE, "train", "--lr");
        assertError(run(new TrainCommand(), "--seed", "12x", "--out", out), Exit.USAGE, "train", "--seed");
        assertError(run(new GradcheckCommand(), "--tolerance", "NaN"), Exit.USAGE, "gradcheck", "--tolerance");
        assertError(run(new SweepCommand(), "--points", "1\uff12", "--out", out), Exit.USAGE, "sweep", "--points");
        assertError(run(new TrainCommand(), "--gemm-workers", "1.5", "--out", out), Exit.USAGE, "train",
                "--gemm-workers");
        assertError(run(new TrainCommand(), "--batch-workers", "0", "--out", out), Exit.USAGE, "train",
                "--batch-workers");
        assertError(run(new GradcheckCommand(), "--parameter-workers", "2x"), Exit.USAGE, "gradcheck",
                "--parameter-workers");
        assertError(run(new SweepCommand(), "--parameter-workers", "", "--out", out), Exit.USAGE, "sweep",
                "--parameter-workers");
    }

    @Test
    void flagsOfAnEstimatorNotInUseAreStillChecked(@TempDir Path dir) {
        CommandRun partial = run(new TrainCommand(), "--evaluation", "partial", "--out", dir.toString());
        assertError(partial, Exit.USAGE, "train", "--evaluation");
        assertTrue(partial.err().contains("'partial'"), partial.err());
        assertError(run(new TrainCommand(), "--evaluation", "full", "--out", dir.toString()), Exit.USAGE, "train",
                "--evaluation");
        assertError(run(new GradcheckCommand(), "--vs-estimator", "backprop", "--vs-precision", "double"),
                Exit.USAGE, "gradcheck", "--vs-precision");
        assertError(run(new GradcheckCommand(), "--h", "1e-3"), Exit.USAGE, "gradcheck", "--h");
        assertError(run(new GradcheckCommand(), "--relative"), Exit.USAGE, "gradcheck", "--relative");
        CommandRun directions = run(new TrainCommand(), "--estimator", "central", "--directions", "4", "--out",
                dir.toString());
        assertError(directions, Exit.USAGE, "train", "--directions");
        assertTrue(directions.err().contains("central"), directions.err());
        assertError(run(new TrainCommand(), "--directions", "0", "--out", dir.toString()), Exit.USAGE, "train",
                "--directions");
        CommandRun unknown = run(new TrainCommand(), "--estimator", "magic", "--out", dir.toString());
        assertError(unknown, Exit.USAGE, "train", "--estimator");
        assertTrue(unknown.err().contains("backprop, forward, backward, central"), unknown.err());
    }

    @Test
    void theComplexStepChecksTheBackpropGradientAndRefusesReluAndABadStepNamingTheFlag(@TempDir Path dir) {
        CommandRun ok = run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "5", "--vs-estimator",
                "complex-step", "--tolerance", "1e-5");
        assertEquals(Exit.OK, ok.code(), ok.all());
        assertTrue(ok.out().contains("PASS"), ok.out());
        CommandRun relu = run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "5", "--activation", "relu",
                "--vs-estimator", "complex-step");
        assertError(relu, Exit.USAGE, "gradcheck", "--activation");
        assertTrue(relu.err().contains("relu") && relu.err().contains("complex-step"), relu.err());
        assertError(run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "5", "--vs-estimator", "complex-step",
                "--vs-h", "1e-2"), Exit.USAGE, "gradcheck", "--vs-h");
        assertError(run(new GradcheckCommand(), "--vs-estimator", "complex-step", "--vs-precision", "double"),
                Exit.USAGE, "gradcheck", "--vs-precision");
        assertError(run(new TrainCommand(), "--model", "784-4-10", "--activation", "relu", "--estimator",
                "complex-step", "--quick", "--out", dir.toString()), Exit.USAGE, "train", "--activation");
    }

    @Test
    void aBadModelNamesTheBadPart() {
        CommandRun x = run(new GradcheckCommand(), "--model", "784-x-10");
        assertError(x, Exit.USAGE, "gradcheck", "--model");
        assertTrue(x.err().contains("'x'"), x.err());
        assertError(run(new GradcheckCommand(), "--model", "784-50-"), Exit.USAGE, "gradcheck", "layer size 3");
        assertError(run(new GradcheckCommand(), "--model", "784--10"), Exit.USAGE, "gradcheck", "layer size 2");
        assertError(run(new GradcheckCommand(), "--model", "784-5O-10"), Exit.USAGE, "gradcheck", "'5O'");
        assertError(run(new GradcheckCommand(), "--model", "784"), Exit.USAGE, "gradcheck", "one layer size");
        assertError(run(new GradcheckCommand(), "--model", "784-0-10"), Exit.USAGE, "gradcheck", "layer size 0");
    }

    @Test
    void samplesEstimatesThatManyParametersOrSaysWhyNot(@TempDir Path dir) {
        assertError(run(new GradcheckCommand(), "--model", "8-6-3", "--samples", "100"), Exit.USAGE, "gradcheck",
                "75 parameters");
        CommandRun exact = run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "20", "--samples", "40");
        assertEquals(Exit.OK, exact.code(), exact.all());
        CommandRun rounded = run(new GradcheckCommand(), "--model", "8-6-3", "--batch", "20", "--samples", "10");
        assertEquals(Exit.OK, rounded.code(), rounded.all());
        int compared = Integer.parseInt(rounded.out().replaceAll("(?s).*over (\\d+) parameters.*", "$1"));
        assertTrue(compared > 10, rounded.out());
        assertTrue(rounded.err().contains("--samples 10 compares " + compared + " parameters"), rounded.err());
        assertError(run(new SweepCommand(), "--targets", "mlp", "--samples", "40000", "--out", dir.toString()),
                Exit.USAGE, "sweep", "--samples");
    }

    @Test
    void emptyListItemsAreErrors(@TempDir Path dir) {
        assertError(run(new SweepCommand(), "--targets", ",", "--out", dir.toString()), Exit.USAGE, "sweep",
                "--targets");
        assertError(run(new SweepCommand(), "--targets", "scalar,", "--out", dir.toString()), Exit.USAGE, "sweep",
                "--targets");
    }

    @Test
    void aDivergedTrainingRunExitsOneAndPrintsNoAccuracy(@TempDir Path dir) throws IOException {
        CommandRun r = run(new TrainCommand(), "--model", "784-32-32-10", "--activation", "relu", "--init", "he",
                "--lr", "1e6", "--iterations", "10", "--out", dir.toString());
        assertError(r, Exit.FAILURE, "train", "diverged");
        assertTrue(r.out().contains("stopped: DIVERGED"), r.out());
        String row = r.out().lines().filter(l -> l.contains("NaN") || l.contains("Infinity")).findFirst()
                .orElseThrow(() -> new AssertionError("a non-finite loss row: " + r.out()));
        assertTrue(row.contains("diverged") && !row.matches(".*\\b0\\.\\d{4}\\b.*"), row);
        List<String> csv = Files.readAllLines(dir.resolve("train.csv"));
        assertTrue(csv.get(csv.size() - 1).contains(",NaN,"), "the CSV keeps the record: " + csv);
        assertTrue(Files.readString(dir.resolve("train-env.csv")).contains("\"stop.reason\",\"DIVERGED\""));
    }

    @Test
    void quickTrainingLearnsAndRecordsItsSettings(@TempDir Path dir) throws IOException {
        CommandRun r = run(new TrainCommand(), "--quick", "--out", dir.toString());
        assertEquals(Exit.OK, r.code(), r.all());
        List<String> csv = Files.readAllLines(dir.resolve("train.csv"));
        String[] last = csv.get(csv.size() - 1).split(",");
        double accuracy = Double.parseDouble(last[4]);
        assertTrue(accuracy > 0.5, "test accuracy well above chance (0.1): " + accuracy);

        String env = Files.readString(dir.resolve("train-env.csv"));
        for (String key : List.of("model", "parameters", "init", "seed", "estimator", "estimator.kind", "data", "batch",
                "lr", "momentum", "epochs.limit", "iterations.limit", "tolerance", "stop.reason", "git.commit",
                "jdk.version", "kernel.best", "command.line")) {
            assertTrue(env.contains("\"" + key + "\","), key + " in " + env);
        }
        assertTrue(env.contains("\"results.file\",\"train.csv\""), env);
        assertTrue(env.contains("\"lr\",\"" + TrainCommand.QUICK_LR + "\""), env);
        assertTrue(env.contains("\"profile\",\"quick\""), env);
        assertTrue(env.contains("\"family\",\"train\""), env);
        assertTrue(env.contains("\"host\","), env);
        assertTrue(env.contains("\"estimator.batch-workers\",\"1\""), env);
        assertFalse(env.contains("\"estimator.evaluation\""), "backprop reads no evaluation: " + env);
    }

    /**
     * A model the heap cannot hold is refused from its sizes before anything large is allocated:
     * these run in the test JVM (-Xmx2g), where building either would end in an OutOfMemoryError.
     */
    @Test
    void aModelTheHeapCannotHoldIsRefusedBeforeAnythingIsAllocated(@TempDir Path dir) throws IOException {
        CommandRun check = run(new GradcheckCommand(), "--model", "30000-30000-10");
        assertHeapRefusal(check, "gradcheck", "30000-30000-10");
        assertEquals("", check.out(), "no check started");

        CommandRun train = run(new TrainCommand(), "--model", "784-1000000-10", "--out", dir.toString());
        assertHeapRefusal(train, "train", "784-1000000-10");
        assertEquals("", train.out(), "no training started");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
    }

    private static void assertHeapRefusal(CommandRun r, String command, String sizes) {
        assertError(r, Exit.ENVIRONMENT, command, command + " --model " + sizes + ": needs about ");
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().strip().matches(".* GiB of heap, .*; run java with -Xmx[0-9]+[mg]"), r.err());
        assertFalse(r.err().contains("out of memory"), "refused, not run out: " + r.err());
    }
}
