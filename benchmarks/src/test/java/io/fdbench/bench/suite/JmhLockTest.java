package io.fdbench.bench.suite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMH's lock held by another process: named in one line, and --wait queues behind it. */
class JmhLockTest {

    private static Process holder(Path lock) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldLockMain.class.getName(), lock.toString()))
                .redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", r.readLine());
        return p;
    }

    @Test
    void aLockHeldByAnotherProcessIsNamedAndAFreeOneIsNot(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("jmh.lock");
        assertEquals(Optional.empty(), JmhLock.probe(lock));
        Process p = holder(lock);
        try {
            Optional<String> held = JmhLock.probe(lock);
            assertTrue(held.isPresent() && held.get().contains(lock.toString()), held.toString());
        } finally {
            p.getOutputStream().close();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(Optional.empty(), JmhLock.probe(lock), "free again once the holder ends");
    }

    @Test
    void waitQueuesUntilTheOtherRunLetsGo(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("jmh.lock");
        Process p = holder(lock);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                JmhLock.await(lock, new PrintStream(log, true, StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(waiting.isDone(), "still waiting while the lock is held");
        p.getOutputStream().close();
        waiting.get(30, TimeUnit.SECONDS);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("waiting for " + lock), log.toString());
    }
}
