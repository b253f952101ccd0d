package io.fdbench.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultFilesTest {

    private final ResultFiles files = new ResultFiles(
            Clock.fixed(Instant.parse("2025-06-01T14:22:33Z"), ZoneOffset.UTC));

    @Test
    void writesIntoAFreshFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results/nested");
        Path p = files.write(out, "kernel", ".csv", "a\r\n");
        assertEquals(out.resolve("kernel.csv"), p);
        assertEquals("a\r\n", Files.readString(p));
    }

    @Test
    void neverOverwritesAnExistingFile(@TempDir Path dir) throws Exception {
        Path first = files.write(dir, "kernel", ".csv", "first");
        Path second = files.write(dir, "kernel", ".csv", "second");
        Path third = files.write(dir, "kernel", ".csv", "third");
        assertEquals("first", Files.readString(first));
        assertEquals(dir.resolve("kernel-20250601-142233.csv"), second);
        assertEquals("second", Files.readString(second));
        assertEquals(dir.resolve("kernel-20250601-142233-2.csv"), third);
        assertEquals("third", Files.readString(third));
        assertEquals(List.of("kernel-20250601-142233-2.csv", "kernel-20250601-142233.csv", "kernel.csv"), names(dir));
    }

    @Test
    void aGroupMovesToANewStemWhenAnyMemberExists(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kernel-env.csv"), "someone else's");
        Map<String, Path> w = files.write(dir, "kernel", Map.of(".csv", "data", "-env.csv", "env"));
        assertEquals(dir.resolve("kernel-20250601-142233.csv"), w.get(".csv"));
        assertEquals(dir.resolve("kernel-20250601-142233-env.csv"), w.get("-env.csv"));
        assertEquals("someone else's", Files.readString(dir.resolve("kernel-env.csv")));
        assertEquals(List.of("kernel-20250601-142233-env.csv", "kernel-20250601-142233.csv", "kernel-env.csv"), names(dir));
    }

    @Test
    void contentSeesTheFinalNames(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kernel.csv"), "old");
        Map<String, Path> w = files.write(dir, "kernel", List.of(".csv", "-env.csv"),
                paths -> Map.of(".csv", "x", "-env.csv", "results.file," + paths.get(".csv").getFileName()));
        assertEquals("results.file,kernel-20250601-142233.csv", Files.readString(w.get("-env.csv")));
    }

    @Test
    void aFailedWriteLeavesNothingBehind(@TempDir Path dir) throws Exception {
        assertThrows(IllegalStateException.class, () -> files.write(dir, "kernel", List.of(".csv"), paths -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aStreamThatFailsHalfWayLeavesNothingBehind(@TempDir Path dir) throws IOException {
        assertThrows(ResultFiles.WriteException.class, () -> files.writeStream(dir, "big", ".csv", out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        }));
        assertEquals(List.of(), names(dir));
    }

    @Test
    void aWriteErrorNamesTheFileAndTheCause(@TempDir Path dir) {
        ResultFiles.WriteException e = assertThrows(ResultFiles.WriteException.class,
                () -> files.writeStream(dir, "big", ".csv", out -> {
                    throw new IOException("No space left on device");
                }));
        assertEquals("cannot write " + dir.resolve("big.csv") + ": no space left on device", e.getMessage());
    }

    @Test
    void aWrittenGroupLeavesNoTemporary(@TempDir Path dir) throws Exception {
        files.write(dir, "kernel", Map.of(".csv", "data", "-env.csv", "env"));
        files.write(dir, "kernel", Map.of(".csv", "data2", "-env.csv", "env2"));
        assertEquals(List.of("kernel-20250601-142233-env.csv", "kernel-20250601-142233.csv", "kernel-env.csv",
                "kernel.csv"), names(dir));
    }

    @Test
    void sweepStaleRemovesTemporariesOfDeadProcessesOnly(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        long deadPid = gone.pid();
        long livePid = ProcessHandle.current().parent().orElseThrow().pid();
        long ownPid = ProcessHandle.current().pid();
        Path dead = Files.writeString(dir.resolve(".kernel.csv.tmp-" + deadPid + "-abc"), "partial");
        Path live = Files.writeString(dir.resolve(".kernel.csv.tmp-" + livePid + "-abc"), "partial");
        Path ownButNotLive = Files.writeString(dir.resolve(".kernel.csv.tmp-" + ownPid + "-zzz"), "leaked");
        Path other = Files.writeString(dir.resolve(".hidden-but-not-ours.csv"), "keep");
        Path real = Files.writeString(dir.resolve("kernel.csv.tmp-" + deadPid + "-abc"), "not hidden: keep");

        assertEquals(Set.of(dead, ownButNotLive), Set.copyOf(ResultFiles.sweepStale(dir)));
        assertTrue(Files.exists(live) && Files.exists(other) && Files.exists(real));
    }

    @Test
    void checkWritableCreatesTheFolderAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a/b");
        ResultFiles.checkWritable(out, 1000);
        assertTrue(Files.isDirectory(out));
        assertEquals(List.of(), names(out));
    }

    @Test
    void checkWritableRefusesAFolderWithoutTheSpaceNeeded(@TempDir Path dir) throws IOException {
        ResultFiles.WriteException e = assertThrows(ResultFiles.WriteException.class,
                () -> ResultFiles.checkWritable(dir, Long.MAX_VALUE));
        assertTrue(e.getMessage().startsWith("cannot write results into " + dir + ": no space left on device ("),
                e.getMessage());
        assertEquals(List.of(), names(dir), "the probe is gone");
    }

    @Test
    void checkWritableNamesTheFolderThatCannotBeCreated(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        ResultFiles.WriteException e = assertThrows(ResultFiles.WriteException.class,
                () -> ResultFiles.checkWritable(file.resolve("out"), 1));
        assertTrue(e.getMessage().contains(file.resolve("out").toString()), e.getMessage());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
