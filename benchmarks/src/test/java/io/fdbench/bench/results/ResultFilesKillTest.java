package io.fdbench.bench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A writer killed while writing leaves no file under a real name: SIGKILL leaves only a hidden
 * temporary, which the next run removes; SIGINT runs the shutdown hook, which removes it at once.
 * The writer is a child JVM ({@link SlowResultWriter}) paused half-way through a large file.
 */
class ResultFilesKillTest {

    private static final long SIGINT_MASK = 1L << (2 - 1);

    @Test
    void sigkillLeavesOnlyAHiddenTemporaryThatTheNextRunRemoves(@TempDir Path dir) throws Exception {
        Process writer = startWriterAndWaitUntilHalfWritten(dir);
        writer.destroyForcibly(); // SIGKILL: no hook, no finally
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));

        assertEquals(List.of(), realNames(dir), "nothing under a real name");
        List<String> left = names(dir);
        assertEquals(1, left.size(), "the killed writer's temporary: " + left);
        assertTrue(left.get(0).matches("\\.big\\.csv\\.tmp-" + writer.pid() + "-[0-9a-z]+"), left.get(0));

        Path next = new ResultFiles().write(dir, "next", ".csv", "x\n");
        assertEquals(List.of("next.csv"), names(dir), "the next write swept the dead writer's temporary");
        assertEquals("x\n", Files.readString(next));
    }

    @Test
    void sigintRemovesTheTemporaryThroughTheShutdownHook(@TempDir Path dir) throws Exception {
        Process writer = startWriterAndWaitUntilHalfWritten(dir);
        if (sigintIgnored(writer.pid())) {
            writer.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assumeFalse(true, "this process tree ignores SIGINT (started in the background without job"
                    + " control), so the JVM cannot receive it");
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(writer.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        boolean ended = writer.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            writer.destroyForcibly();
        }
        assertTrue(ended, "SIGINT ends the writer");
        assertEquals(130, writer.exitValue(), "128 + SIGINT");
        assertEquals(List.of(), names(dir), "no real name and no temporary left");
    }

    private static Process startWriterAndWaitUntilHalfWritten(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SlowResultWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"WRITING".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("the writer did not start writing: " + line);
        }
        assertEquals(List.of(), realNames(dir), "half-way: nothing under a real name");
        List<String> temps = names(dir);
        assertEquals(1, temps.size(), temps.toString());
        assertTrue(Files.size(dir.resolve(temps.get(0))) > 0, "half of the file is on disk");
        return p;
    }

    /** Bit SIGINT of SigIgn in /proc/PID/status; false where there is no /proc. */
    private static boolean sigintIgnored(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String l : Files.readAllLines(status)) {
            if (l.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(l.substring(7).trim(), 16) & SIGINT_MASK) != 0;
            }
        }
        return false;
    }

    private static List<String> realNames(Path dir) throws IOException {
        return names(dir).stream().filter(n -> !n.startsWith(".")).toList();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theTemporaryNameIsHiddenAndCarriesThePid(@TempDir Path dir) throws Exception {
        try (ResultFiles.TempFile t = ResultFiles.temporary(dir, "jmh-kernel.csv")) {
            String name = t.path().getFileName().toString();
            assertTrue(name.matches("\\.jmh-kernel\\.csv\\.tmp-" + ProcessHandle.current().pid() + "-[0-9a-z]+"), name);
            assertTrue(Files.exists(t.path()));
            assertEquals(List.of(), ResultFiles.sweepStale(dir), "a live temporary of this process is kept");
            assertTrue(Files.exists(t.path()));
        }
        assertEquals(List.of(), names(dir), "closed: deleted");
    }
}
