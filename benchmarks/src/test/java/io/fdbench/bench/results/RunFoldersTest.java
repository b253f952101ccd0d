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
        assertEquals(results, runs.baseline());
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
