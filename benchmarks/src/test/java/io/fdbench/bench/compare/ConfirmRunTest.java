package io.fdbench.bench.compare;

import io.fdbench.bench.Families;
import io.fdbench.bench.cli.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare --confirm} end to end with a real JMH re-run of one kernel row, in this JVM and
 * with three 10 ms iterations (a smoke run: what is checked is the flow, not a timing). The
 * baseline claims 0.001 us per product and the first run 10^9 us, so the first run flags a
 * regression; the re-run's score (whatever this machine measures, never 10^9 us) replaces the
 * first run's, and the verdict and exit code follow the re-run: confirmed, or noise when three
 * iterations on a loaded machine give an error bar wider than the score.
 */
class ConfirmRunTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",\"Param: impl\",\"Param: shape\"\r\n";

    @Test
    void aFlaggedRowIsRerunAndJudgedAgain(@TempDir Path dir) throws Exception {
        String gemm = "\"io.fdbench.bench.kernel.KernelBenchmark.gemm\",\"avgt\",1,5,";
        Path base = Files.writeString(Files.createDirectories(dir.resolve("base")).resolve("kernel.csv"),
                HEADER + gemm + "0.001,0.0001,\"us/op\",scalar,fwd2\r\n");
        Path now = Files.writeString(Files.createDirectories(dir.resolve("new")).resolve("kernel.csv"),
                HEADER + gemm + "1000000000,1,\"us/op\",scalar,fwd2\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CompareCommand(Families.ALL).run(new String[] {"--confirm", "--confirm-forks", "0",
                "--confirm-jmh", "-wi 0 -i 3 -r 10ms", "--fail-on-regression", "--format", "markdown",
                base.toString(), now.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String md = out.toString(StandardCharsets.UTF_8);
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("compare --confirm: java -jar benchmarks.jar -f 0 -p impl=scalar -p shape=fwd2"
                + " -wi 0 -i 3 -r 10ms '^\\Qio.fdbench.bench.kernel.KernelBenchmark.gemm\\E$'"), log);
        assertTrue(md.startsWith("### fdbench compare"), "JMH's progress stays off stdout: " + md);
        String row = md.lines().filter(l -> l.startsWith("| `KernelBenchmark.gemm` |")).findFirst().orElseThrow();
        String[] cells = row.split(" \\| ");
        double rerunScore = Double.parseDouble(cells[4].substring(0, cells[4].indexOf(' ')));
        assertTrue(rerunScore > 0 && rerunScore < 1e8, "the New column is the re-run's score: " + row);
        boolean confirmed = row.contains("**REGRESSION, confirmed by a re-run**");
        assertTrue(confirmed || row.contains("noise (intervals overlap) on a re-run; first run: REGRESSION"), row);
        assertEquals(confirmed ? Exit.FAILURE : Exit.OK, code, "the gate follows the re-run: " + md + log);
        assertTrue(Files.isRegularFile(dir.resolve("new/confirm/kernel.csv")), "the re-run's results are kept");
        assertTrue(Files.isRegularFile(dir.resolve("new/confirm/kernel.json")));
        String rerun = Files.readString(dir.resolve("new/confirm/kernel.csv"));
        assertEquals(2, rerun.lines().filter(l -> l.startsWith("\"io.fdbench")).count(),
                "only the gemm row and its counter: " + rerun);
    }
}
