package io.fdbench.bench.results;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child-JVM main for {@link ResultFilesKillTest}: streams a large result through
 * {@link ResultFiles} into the folder {@code args[0]}, announces {@code WRITING} on stdout once
 * half of it is on disk, then pauses (until killed) before the rest.
 */
public final class SlowResultWriter {

    private SlowResultWriter() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Path dir = Path.of(args[0]);
        byte[] line = "0123456789,0.123456789,0.987654321\n".getBytes(StandardCharsets.US_ASCII);
        Path written = new ResultFiles().writeStream(dir, "big", ".csv", o -> {
            for (int i = 0; i < 30_000; i++) {
                o.write(line);
            }
            o.flush();
            out.println("WRITING");
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = 0; i < 30_000; i++) {
                o.write(line);
            }
        });
        out.println("WROTE " + written);
    }
}
