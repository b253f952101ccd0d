package io.fdbench.bench.accuracy;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.engine.grad.EstimatorOption;
import io.fdbench.engine.grad.Estimators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccuracyStudyTest {

    @Test
    void errorsAndCosinesAreTheTextbookFormulas() {
        double[] truth = {3, 4, 0};
        float[] estimate = {3, 4, 5};
        assertEquals(1.0, AccuracyStudy.relativeError(estimate, truth, null), 1e-15); // ‖(0,0,5)‖ / ‖(3,4,0)‖
        assertEquals(25 / (5 * Math.sqrt(50)), AccuracyStudy.cosine(estimate, truth, null), 1e-15);
        assertEquals(0.0, AccuracyStudy.relativeError(estimate, truth, new int[] {0, 1}), 0.0);
        assertEquals(1.0, AccuracyStudy.cosine(estimate, truth, new int[] {0, 1}), 1e-15);
    }

    @Test
    void aSubsetIsHonouredWhenTheEntriesOutsideItStayUntouched() {
        float nan = Float.NaN;
        assertTrue(AccuracyStudy.honoured(new float[] {1, nan, 2, nan}, new int[] {0, 2}));
        assertFalse(AccuracyStudy.honoured(new float[] {1, 5, 2, 6}, new int[] {0, 2}));
        assertFalse(AccuracyStudy.honoured(new float[] {1, 5}, null));
    }

    @Test
    void everyRegisteredEstimatorIsComparedWithTheDoubleBackpropGradient() {
        AccuracyStudy.Settings s = new AccuracyStudy.Settings("6-5-3", 20, List.of(1, 256), 2, 10_000);
        long[] gradients = {0};
        List<AccuracyStudy.Row> rows = AccuracyStudy.run(s, n -> gradients[0] += n);
        assertEquals(AccuracyStudy.gradients(s), gradients[0]);
        Map<String, List<AccuracyStudy.Row>> byName = rows.stream()
                .collect(Collectors.groupingBy(AccuracyStudy.Row::estimator));
        assertEquals(Estimators.all().size(), byName.size(), "one estimator per registered kind");
        AccuracyStudy.Row backprop = byName.get("backprop").get(0);
        assertTrue(backprop.relErrorMean() < 1e-5, "float backprop vs double: " + backprop.relErrorMean());
        assertEquals(1.0, backprop.evaluations(), 0.0);
        AccuracyStudy.Row central = byName.get("central").get(0);
        assertTrue(central.relErrorMean() < 2e-2 && central.cosineMean() > 0.999, central.toString());
        assertTrue(central.relErrorMean() > backprop.relErrorMean(), "truncation and float round-off show");
        assertEquals(2 * 53 + 1, central.evaluations(), 0.0, "6-5-3 has 53 parameters: 2P + 1 counted");
        for (AccuracyStudy.Row r : rows) {
            assertTrue(r.relErrorMin() <= r.relErrorMean() && r.relErrorMean() <= r.relErrorMax(), r.toString());
            assertEquals(53, r.compared());
            assertTrue(r.workspaceBytes() > 0, r.toString());
            assertEquals(Estimators.kind(r.estimator()).reads(EstimatorOption.DIRECTIONS), r.stochastic());
        }
        for (List<AccuracyStudy.Row> curve : byName.values()) {
            if (curve.get(0).stochastic()) {
                AccuracyStudy.Row few = curve.get(0);
                AccuracyStudy.Row many = curve.get(curve.size() - 1);
                assertTrue(many.relErrorMean() < few.relErrorMean(), "more directions, smaller error: " + curve);
                assertTrue(many.evaluations() > few.evaluations(), curve.toString());
            }
        }
    }

    @Test
    void aLargeModelComparesTheFiniteDifferencesOnASampleAndBackpropOnEverything() {
        AccuracyStudy.Settings s = new AccuracyStudy.Settings("64-32-10", 20, List.of(1), 1, 300);
        Map<String, AccuracyStudy.Row> rows = AccuracyStudy.run(s, n -> { }).stream()
                .collect(Collectors.toMap(AccuracyStudy.Row::estimator, Function.identity(), (a, b) -> a));
        assertEquals(2410, rows.get("backprop").compared());
        int sampled = rows.get("central").compared();
        assertTrue(sampled < 2410 && sampled >= 300 / 2, "central on the sample: " + sampled);
        assertEquals(2.0 * sampled + 1, rows.get("central").evaluations(), 0.0);
    }

    @Test
    void theFamilyWritesItsTableAndEnvAndDrawsTheChart(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        AccuracyFamily family = new AccuracyFamily();
        List<Path> written = family.run(new ComputedFamily.Context(dir, Profile.QUICK, ps, ps));
        assertEquals(2, written.size(), written.toString());
        assertTrue(Files.readString(dir.resolve("accuracy-env.csv")).contains("\"model\",\"64-32-10\""));
        RunTables run = RunTables.load(dir);
        List<Figure> figures = family.figures(run);
        assertEquals(1, figures.size());
        assertTrue(figures.get(0).provenanceLines().get(0).contains("QUICK")
                || figures.get(0).quick(), "a quick run says so");
        assertEquals(Estimators.all().size(), family.keyTables(run).get(0).rows().size());
    }
}
