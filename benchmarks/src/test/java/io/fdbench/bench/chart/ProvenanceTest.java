package io.fdbench.bench.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.results.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provenance line under each chart title comes from the env file beside the results. */
public class ProvenanceTest {

    public static String env(String profileLine) {
        return String.join("\r\n", "\"key\",\"value\"",
                "\"date\",\"2026-11-23T18:09:52.917074822Z\"",
                "\"family\",\"kernel\"",
                profileLine,
                "\"command.line\",\"java -jar benchmarks.jar --out /tmp/x\"",
                "\"git.commit\",\"58433fe463c7caacab96d124215881af5fb7863b\"",
                "\"git.dirty\",\"false\"",
                "\"fork.jdk.version\",\"17.0.15\"",
                "\"fork.jdk.vendor\",\"Debian\"",
                "\"kernel.best\",\"simd-512\"",
                "\"cpu.model\",\"AMD EPYC\"",
                "\"cpu.cores\",\"2\"",
                "\"jmh.measurement.iterations\",\"5\"", "");
    }

    @Test
    void aFullRunNamesDateCommitProfileJdkAndKernel(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kernel-env.csv"), env("\"profile\",\"full\""));
        Provenance p = Provenance.read(dir.resolve("kernel.csv"));
        String line = p.line();
        assertTrue(line.startsWith("kernel.csv: "), line);
        assertTrue(line.contains("2026-11-23 18:09 UTC"), line);
        assertTrue(line.contains("commit 58433fe463"), line);
        assertFalse(line.contains("uncommitted"), line);
        assertTrue(line.contains("profile full"), line);
        assertTrue(line.contains("JDK 17.0.15 (Debian)"), line);
        assertTrue(line.contains("kernel simd-512"), line);
        assertFalse(p.quick());
        assertFalse(line.contains("QUICK"), line);
    }

    @Test
    void aQuickRunSaysQuickVisibly(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kernel-env.csv"), env("\"profile\",\"quick\""));
        Provenance p = Provenance.read(dir.resolve("kernel.csv"));
        assertTrue(p.quick());
        assertTrue(p.line().contains("profile QUICK"), p.line());
    }

    @Test
    void withoutAProfileKeyTheProfileIsInferredFromTheSettingsOrUnknown() {
        Provenance fromCommand = Provenance.of("kernel.csv", Csv.parse(env("\"x\",\"y\"")
                .replace("--out /tmp/x", "--quick --out /tmp/x")));
        assertTrue(fromCommand.quick());
        assertTrue(fromCommand.line().contains("profile QUICK (inferred from --quick"), fromCommand.line());

        Provenance fromIterations = Provenance.of("kernel.csv", Csv.parse(env("\"x\",\"y\"")
                .replace("\"jmh.measurement.iterations\",\"5\"", "\"jmh.measurement.iterations\",\"1\"")));
        assertTrue(fromIterations.quick());
        assertTrue(fromIterations.line().contains("QUICK"), fromIterations.line());

        Provenance full = Provenance.of("kernel.csv", Csv.parse(env("\"x\",\"y\"")));
        assertFalse(full.quick());
        assertTrue(full.line().contains("profile full (inferred from 5 measurement iterations)"), full.line());

        Provenance unknown = Provenance.of("stepsize.csv", Csv.parse("key,value\r\ndate,2026-01-02T03:04:05Z\r\n"));
        assertTrue(unknown.line().contains("profile unknown"), unknown.line());
        assertTrue(unknown.line().contains("commit unknown"), unknown.line());
        assertTrue(unknown.line().contains("JDK unknown"), unknown.line());
    }

    @Test
    void aMissingEnvFileIsSaid(@TempDir Path dir) throws IOException {
        Provenance p = Provenance.read(dir.resolve("epoch.csv"));
        assertFalse(p.hasEnv());
        assertTrue(p.line().contains("no env file"), p.line());
        assertTrue(p.line().contains("epoch-env.csv"), p.line());
    }

    @Test
    void thePeersEnvNamesPythonAndBlas() {
        Provenance p = Provenance.of("peers.csv", Csv.parse(String.join("\r\n", "Scope,Key,Value",
                "run,runner.date,2026-11-23T18:23:56Z", "run,runner.mode,quick", "run,git.commit,58433fe",
                "numpy/float/threads=1,python,3.11.2", "numpy/float/threads=1,numpy.version,1.24.2",
                "numpy/float/threads=1,blas.library,openblas", "numpy/float/threads=1,blas.version,0.3.21", "")));
        String line = p.line();
        assertTrue(line.contains("2026-11-23 18:23 UTC"), line);
        assertTrue(line.contains("commit 58433fe"), line);
        assertTrue(line.contains("QUICK"), line);
        assertTrue(line.contains("Python 3.11.2 (NumPy 1.24.2)"), line);
        assertTrue(line.contains("BLAS openblas 0.3.21"), line);
    }

    @Test
    void aFileThatIsNotAnEnvIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Provenance.of("x.csv", Csv.parse("a,b,c,d\r\n1,2,3,4\r\n")));
        assertTrue(e.getMessage().contains("not an env file"), e.getMessage());
    }

    @Test
    void theFigureDrawsTheProvenanceUnderTheTitle() {
        Provenance quick = Provenance.of("kernel.csv", Csv.parse(env("\"profile\",\"quick\"")));
        Figure f = new Figure("x", "A title", List.of(quick), ChartStyle.xyChart("A title", "x", "y"), "A caption.");
        assertEquals(List.of(quick.line()), f.provenanceLines());
        assertTrue(f.quick());
        assertEquals("A title", f.chart().getTitle());
        assertTrue(f.image().getHeight() > f.chart().getHeight(), "title, provenance and caption add to the chart");
    }
}
