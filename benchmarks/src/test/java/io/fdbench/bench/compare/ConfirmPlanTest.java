package io.fdbench.bench.compare;

import io.fdbench.bench.Families;
import io.fdbench.bench.compare.Comparison.Verdict;
import io.fdbench.bench.kernel.KernelFamily;
import io.fdbench.bench.results.ResultFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which rows {@code compare --confirm} re-runs, and the JMH command line of each, without running JMH. */
class ConfirmPlanTest {

    private static final String GEMM = "io.fdbench.bench.kernel.KernelBenchmark.gemm";
    private static final String PEAK = "io.fdbench.bench.kernel.FmaPeakBenchmark.fmaPeak";
    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\","
            + "\"Score Error (99.9%)\",\"Unit\",\"Param: impl\",\"Param: peakImpl\",\"Param: shape\"\r\n";

    @TempDir
    Path dir;

    private static String row(String bench, double score, String impl, String peak, String shape) {
        return "\"" + bench + "\",\"avgt\",1,5," + score + ",1.0,\"us/op\"," + impl + "," + peak + "," + shape + "\r\n";
    }

    /** Baseline: every row at 100 us. New: the flagged rows moved beyond the threshold and their intervals. */
    private List<ConfirmPlan.Input> inputs(String newName) throws IOException {
        Path base = Files.writeString(dir.resolve("base.csv"), HEADER
                + row(GEMM, 100, "scalar", "", "fwd2") + row(GEMM + ":mflop", 100, "scalar", "", "fwd2")
                + row(GEMM, 100, "simd", "", "fwd2") + row(GEMM + ":mflop", 100, "simd", "", "fwd2")
                + row(GEMM, 100, "ejml", "", "dW2") + row(PEAK, 100, "", "scalar", "") + row(PEAK, 100, "", "simd", ""));
        Path now = Files.writeString(dir.resolve(newName), HEADER
                + row(GEMM, 130, "scalar", "", "fwd2") + row(GEMM + ":mflop", 130, "scalar", "", "fwd2") // regression x2
                + row(GEMM, 100.5, "simd", "", "fwd2") + row(GEMM + ":mflop", 70, "simd", "", "fwd2")  // improvement (secondary)
                + row(GEMM, 101, "ejml", "", "dW2")                                                     // same
                + row(PEAK, 80, "", "scalar", "")                                                      // improvement
                + row(PEAK, 100.5, "", "simd", ""));                                                   // same
        List<String> params = Measurements.commonParams(Measurements.header(base), Measurements.header(now));
        Comparison.Result r = Comparison.compare(Measurements.read(base, params), Measurements.read(now, params), 0.05);
        assertEquals(2, r.count(Verdict.REGRESSION));
        assertEquals(2, r.count(Verdict.IMPROVEMENT));
        return List.of(new ConfirmPlan.Input(now, r));
    }

    @Test
    void onlyFlaggedRowsAreRerunOncePerBenchmarkAndParameterSet() throws IOException {
        List<ConfirmPlan.Rerun> plan = ConfirmPlan.plan(inputs("kernel.csv"), Families.ALL, 5, List.of("-i", "10"));
        assertEquals(3, plan.size(), plan.toString());

        ConfirmPlan.Rerun scalar = plan.get(0);
        assertEquals(GEMM, scalar.benchmark());
        assertEquals(Map.of("impl", "scalar", "shape", "fwd2"), scalar.params());
        assertEquals(2, scalar.flagged().size(), "the primary row and its :mflop counter, one run");
        assertTrue(scalar.family() instanceof KernelFamily);
        assertEquals(List.of("-f", "5", "-p", "impl=scalar", "-p", "shape=fwd2", "-i", "10",
                "^" + Pattern.quote(GEMM) + "$"), scalar.jmhArgs());
        assertEquals("java -jar benchmarks.jar -f 5 -p impl=scalar -p shape=fwd2 -i 10 '^\\Q" + GEMM + "\\E$'",
                scalar.commandLine());

        ConfirmPlan.Rerun simd = plan.get(1);
        assertEquals(GEMM, simd.benchmark(), "a flagged secondary row re-runs its primary benchmark");
        assertEquals(Map.of("impl", "simd", "shape", "fwd2"), simd.params());

        ConfirmPlan.Rerun peak = plan.get(2);
        assertEquals(PEAK, peak.benchmark());
        assertEquals(Map.of("peakImpl", "scalar"), peak.params(), "only the parameters the row has");
        assertFalse(peak.jmhArgs().contains("impl=scalar"));
    }

    @Test
    void theIncludeRegexMatchesTheOneMethodOnly() {
        Pattern p = Pattern.compile(ConfirmPlan.Rerun.include(GEMM));
        assertTrue(p.matcher(GEMM).find());
        assertFalse(p.matcher(GEMM + "Narrow").find());
        assertFalse(p.matcher("io.fdbench.bench.kernel.KernelBenchmarkXgemm").find(), "dots are literal");
    }

    @Test
    void theFamilyComesFromTheStemAndAnUnknownOneIsRefused() throws IOException {
        assertTrue(ConfirmPlan.plan(inputs("kernel-20250601-142233-2.csv"), Families.ALL, 3, List.of()).get(0)
                .family() instanceof KernelFamily);
        List<ConfirmPlan.Input> other = inputs("other.csv");
        ResultFileException e = assertThrows(ResultFileException.class,
                () -> ConfirmPlan.plan(other, Families.ALL, 3, List.of()));
        assertTrue(e.getMessage().startsWith(dir.resolve("other.csv") + ": --confirm cannot re-run"), e.getMessage());
        assertEquals(List.of(), ConfirmPlan.plan(List.of(new ConfirmPlan.Input(dir.resolve("x.csv"),
                new Comparison.Result(List.of(), List.of(), List.of(), List.of()))), Families.ALL, 3, List.of()),
                "nothing flagged, nothing re-run (and no family needed)");
    }
}
