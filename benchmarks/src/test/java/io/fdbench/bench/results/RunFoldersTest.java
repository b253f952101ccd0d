package io.fdbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run folders under results/runs/ and the names that select them. */
class RunFoldersTest {

    @TempDir
    Path results;

    @Test
    void latestIsTheNewestRunByNameAndNoRunSaysHowToMakeOne() throws IOException {
        RunFolders runs = new RunFolders(results);
        assertEquals(List.of(), runs.list());
        assertEquals(Optional.empty(), runs.latest());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> runs.resolve("latest"));
        assertTrue(none.getMessage().startsWith("no run in " + results.resolve("runs") + " yet")
                && none.getMessage().contains("scripts/run-suite.sh"), none.getMessage());

        Path older = Files.createDirectories(results.resolve("runs/20261123-180952-58433fe"));
        Path newest = Files.createDirectories(results.resolve("runs/20261124-090000-1b3e658"));
        Path sameDayEarlier = Files.createDirectories(results.resolve("runs/20261124-085959-ffffff0"));
        Files.createDirectories(results.resolve("runs/zzz-scratch"));
        Files.writeString(results.resolve("runs/20991231-235959-file"), "not a folder");
        assertEquals(List.of(older, sameDayEarlier, newest), runs.list());
        assertEquals(Optional.of(newest), runs.latest());
        assertEquals(newest, runs.resolve("latest"));
        assertEquals(older, runs.resolve("20261123-180952-58433fe"));
        assertEquals(results, runs.resolve(results.toString()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> runs.resolve("20200101-000000-nothere"));
        assertTrue(unknown.getMessage().startsWith("no such file, folder or run"), unknown.getMessage());
    }

    @Test
    void theBaselineIsTheRunThePointerFileNames() throws IOException {
        RunFolders runs = new RunFolders(results);
        Path pointer = results.resolve("baseline");
        assertEquals(pointer, runs.baselineFile());
        Path base = Files.createDirectories(results.resolve("runs/20261129-164007-536e7fc"));
        Path newer = Files.createDirectories(results.resolve("runs/20261130-090000-1b3e658"));
        Files.writeString(pointer, "20261129-164007-536e7fc\n");
        assertEquals(base, runs.baseline());
        // blank lines and surrounding spaces are not part of the name
        Files.writeString(pointer, "\n  20261130-090000-1b3e658 \r\n\n");
        assertEquals(newer, runs.baseline());
        assertEquals(newer, runs.latest().orElseThrow());
    }

    @Test
    void aMissingDanglingOrMalformedPointerIsOneLineNamingTheFile() throws IOException {
        RunFolders runs = new RunFolders(results);
        Path pointer = results.resolve("baseline");
        Files.createDirectories(results.resolve("runs/20261129-164007-536e7fc"));
        Files.writeString(results.resolve("runs/20261201-000000-file"), "a file, not a run folder");
        assertPointerError(runs, pointer + ": no such file (it names the baseline run");
        Files.writeString(pointer, "20261130-090000-1b3e658\n");
        assertPointerError(runs, pointer + ": names 20261130-090000-1b3e658, but "
                + results.resolve("runs/20261130-090000-1b3e658") + " is not a folder");
        Files.writeString(pointer, "20261201-000000-file\n");
        assertPointerError(runs, pointer + ": names 20261201-000000-file, but");
        Files.writeString(pointer, "\n \n");
        assertPointerError(runs, pointer + ": empty: expected one line");
        Files.writeString(pointer, "20261129-164007-536e7fc\n20261129-164007-536e7fc\n");
        assertPointerError(runs, pointer + ": 2 lines: expected one line");
        Files.writeString(pointer, "../runs/20261129-164007-536e7fc\n");
        assertPointerError(runs, pointer + ": '../runs/20261129-164007-536e7fc' is not a run name");
        Files.delete(pointer);
        Files.createDirectories(pointer);
        assertPointerError(runs, pointer + ": ");
    }

    private static void assertPointerError(RunFolders runs, String start) {
        ResultFileException e = assertThrows(ResultFileException.class, runs::baseline);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void runNamesSortByTime() {
        String a = RunFolders.runName(LocalDateTime.of(2026, 1, 2, 3, 4, 5), "abc1234");
        String b = RunFolders.runName(LocalDateTime.of(2026, 10, 2, 3, 4, 5), "0000000");
        assertEquals("20260102-030405-abc1234", a);
        assertTrue(a.compareTo(b) < 0);
        assertTrue(RunFolders.isRunName(a));
        assertFalse(RunFolders.isRunName("latest"));
        assertFalse(RunFolders.isRunName("2026-01-02"));
    }
}
