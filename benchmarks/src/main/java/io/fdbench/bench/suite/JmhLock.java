package io.fdbench.bench.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * JMH's machine-wide lock ({@code /tmp/jmh.lock}, in {@code java.io.tmpdir}): JMH refuses to start
 * while another JMH run holds it, since two runs would share the cores. The suite checks it before
 * any work, so a held lock is one clear line (exit 3) instead of a failure after the first family,
 * and {@code --wait} queues behind the other run.
 */
final class JmhLock {

    /** The lock file JMH uses. */
    static Path file() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
    }

    private JmhLock() {
    }

    /**
     * Whether the lock is free now (it is taken and released at once; JMH takes it again).
     *
     * @return empty when free, else the reason
     */
    static Optional<String> probe(Path lock) {
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return Optional.of("another JMH run holds " + lock);
            }
            l.release();
            return Optional.empty();
        } catch (OverlappingFileLockException e) {
            return Optional.of("this JVM already holds " + lock);
        } catch (IOException e) {
            return Optional.of("cannot open " + lock + ": " + e.getMessage());
        }
    }

    /** Blocks until the lock is free, saying once what it waits for. */
    static void await(Path lock, PrintStream log) throws IOException {
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                log.println("waiting for " + lock + " (another JMH run holds it) ...");
                l = ch.lock();
            }
            l.release();
        }
    }
}
