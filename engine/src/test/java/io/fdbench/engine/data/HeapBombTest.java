package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small gzip whose header claims 2,700,000 images, loaded by a JVM with a 64 MB heap: it is
 * refused in one line naming the file and the -Xmx it would take, before anything is inflated
 * (reading even the first chunk of its 2 GB of declared pixels into a growing array would not fit).
 */
class HeapBombTest {

    @TempDir
    Path dir;

    @Test
    void bombIsRefusedInOneLineByAJvmWith64MegabytesOfHeap() throws Exception {
        Path bomb = Files.createDirectory(dir.resolve("bomb"));
        IdxBytes.write(bomb, "train-images-idx3-ubyte.gz", IdxBytes.bombImages(2_700_000, 48 << 20));
        IdxBytes.write(bomb, "train-labels-idx1-ubyte.gz", IdxBytes.zeroLabels(2_700_000));
        IdxBytes.write(bomb, "t10k-images-idx3-ubyte", IdxBytes.images(2, 28, 28));
        IdxBytes.write(bomb, "t10k-labels-idx1-ubyte", IdxBytes.labels(0, 1));
        assertTrue(Files.size(bomb.resolve("train-images-idx3-ubyte.gz")) < 100_000);

        Result r = probe("-Xmx64m", bomb);
        assertEquals(3, r.exit, () -> "expected a refused heap (exit 3), got " + r);
        assertEquals(1, r.stderr.size(), () -> "expected one line, got " + r);
        String line = r.stderr.get(0);
        assertTrue(line.contains("train-images-idx3-ubyte.gz: 2,700,000 images of 28 × 28"), line);
        assertTrue(line.matches(".*needs about 11\\.1 GiB of heap, but only \\d+ MiB of the \\d+ MiB maximum is free;"
                + " run java with -Xmx1[34]g"), line);

        // the same JVM loads a real folder of the same shape
        Path small = Files.createDirectory(dir.resolve("small"));
        IdxBytes.write(small, "train-images-idx3-ubyte.gz", IdxBytes.gzip(IdxBytes.images(3, 28, 28)));
        IdxBytes.write(small, "train-labels-idx1-ubyte.gz", IdxBytes.zeroLabels(3));
        IdxBytes.write(small, "t10k-images-idx3-ubyte", IdxBytes.images(2, 28, 28));
        IdxBytes.write(small, "t10k-labels-idx1-ubyte", IdxBytes.labels(0, 1));
        Result ok = probe("-Xmx64m", small);
        assertEquals(0, ok.exit, ok::toString);
        assertEquals(List.of("loaded 3 + 2 rows"), ok.stdout);
    }

    private record Result(int exit, List<String> stdout, List<String> stderr) {
    }

    private Result probe(String heap, Path folder) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve("probe.out");
        Path err = dir.resolve("probe.err");
        Process p = new ProcessBuilder(java.toString(), heap, "-Duser.language=en", "-Dsun.stderr.encoding=UTF-8",
                "-Dstderr.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp",
                System.getProperty("java.class.path"), HeapBombProbe.class.getName(), folder.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe JVM did not finish in 60 s");
        }
        return new Result(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }
}
