package io.fdbench.bench.cost;

import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.bench.suite.SuiteRunner;
import io.fdbench.engine.grad.EstimatorKind;
import io.fdbench.engine.grad.Estimators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostFamilyTest {

    @Test
    void theBenchmarkRunsEveryRegisteredEstimator() throws Exception {
        String[] names = EstimatorCostBenchmark.EstimatorState.class.getField("estimator").getAnnotation(Param.class)
                .value();
        assertEquals(Estimators.all().stream().map(EstimatorKind::name).toList(), List.of(names),
                "EstimatorCostBenchmark's estimator list is the registry's, in its order");
    }

    /** JMH in this JVM, smallest settings: one loss row, one row per estimator, then the derived cost file. */
    @Test
    void eachGradientGetsItsCostInLossEvaluationsAndItsCountedEvaluations(@TempDir Path out) throws Exception {
        CommandLineOptions cli = new CommandLineOptions("-f", "0", "-wi", "0", "-i", "1", "-r", "20ms",
                "-p", "model=2-3-1");
        new SuiteRunner(cli, Profile.QUICK, out, List.of("test"), new ResultFiles())
                .run(new CostFamily(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        RunTables run = RunTables.load(out);
        CostFamily family = new CostFamily();
        Map<String, String> derived = family.derivedFiles(run);
        CsvTable cost = Csv.parse(derived.get(CostInLossEvaluations.STEM));
        Map<String, List<String>> byEstimator = new HashMap<>();
        for (List<String> r : cost.rows()) {
            byEstimator.put(r.get(cost.column("estimator")), r);
        }
        assertEquals(Estimators.all().size(), byEstimator.size(), cost.toString());
        // 2-3-1 has 13 parameters: central counts 2P + 1, forward P + 1, backprop its one forward pass.
        assertEquals(27, Num.parse(byEstimator.get("central").get(cost.column("counted_evaluations"))), 1e-6);
        assertEquals(14, Num.parse(byEstimator.get("forward").get(cost.column("counted_evaluations"))), 1e-6);
        assertEquals(1, Num.parse(byEstimator.get("backprop").get(cost.column("counted_evaluations"))), 1e-6);
        for (List<String> r : cost.rows()) {
            double ratio = Num.parse(r.get(cost.column("loss_evaluations")));
            double gradient = Num.parse(r.get(cost.column("gradient_us")));
            double loss = Num.parse(r.get(cost.column("loss_us")));
            assertEquals(gradient / loss, ratio, ratio * 1e-3);
            assertEquals("measured", r.get(cost.column("basis")));
        }
        Files.writeString(out.resolve(CostInLossEvaluations.STEM + ".csv"), derived.get(CostInLossEvaluations.STEM));
        List<Figure> figures = family.figures(RunTables.load(out));
        assertEquals(1, figures.size());
        assertEquals(Estimators.all().size() + 2, figures.get(0).chart().getSeriesMap().size(),
                "a line per estimator and the two references (no error bars: one sample)");
    }

    @Test
    void aSampledRowIsScaledToTheWholeGradientByItsOwnTimePerParameter() {
        List<String> header = List.of("Benchmark", "Mode", "Threads", "Samples", "Score", "Score Error (99.9%)",
                "Unit", "Param: batch", "Param: estimator", "Param: model");
        // 784-50-10: 39,760 parameters; a central row on 1,000 sampled parameters, 2,001 evaluations per call.
        CsvTable t = new CsvTable(header, List.of(
                List.of("x.EstimatorCostBenchmark.loss", "avgt", "1", "10", "100", "10", "us/op", "100", "", "784-50-10"),
                List.of("x.EstimatorCostBenchmark.gradient", "avgt", "1", "10", "4000", "400", "us/op", "100",
                        "central", "784-50-10"),
                List.of("x.EstimatorCostBenchmark.gradient:kiloParameters", "avgt", "1", "10", "4000", "400", "us/op",
                        "100", "central", "784-50-10"),
                List.of("x.EstimatorCostBenchmark.gradient:lossEvaluations", "avgt", "1", "10",
                        Double.toString(4000.0 / 2001), "0.1", "us/op", "100", "central", "784-50-10")));
        CsvTable cost = CostInLossEvaluations.from(t);
        assertEquals(1, cost.rows().size());
        List<String> r = cost.rows().get(0);
        assertEquals("1000", r.get(cost.column("estimated")));
        // Num.format keeps 6 significant digits
        assertEquals(4000 * 39.76, Num.parse(r.get(cost.column("gradient_us"))), 1e-5 * 4000 * 39.76);
        assertEquals(4000 * 39.76 / 100, Num.parse(r.get(cost.column("loss_evaluations"))), 1e-5 * 1590);
        assertEquals(2 * 39760 + 1, Num.parse(r.get(cost.column("counted_evaluations"))), 1e-5 * 79521);
        // widest interval: (gradient − error) / (loss + error) .. (gradient + error) / (loss − error)
        assertEquals(3600 * 39.76 / 110, Num.parse(r.get(cost.column("loss_evaluations_low"))), 1e-5 * 1301);
        assertEquals(4400 * 39.76 / 90, Num.parse(r.get(cost.column("loss_evaluations_high"))), 1e-5 * 1944);
        assertTrue(r.get(cost.column("basis")).contains("1000 sampled"));
    }

    @Test
    void aRatioWithAnUnknownErrorHasNoInterval() {
        Measurement m = CostInLossEvaluations.ratio(Measurement.unknownError(10), Measurement.of(2, 0.1));
        assertEquals(5, m.value(), 0);
        assertTrue(!m.hasError());
    }
}
