package io.fdbench.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
