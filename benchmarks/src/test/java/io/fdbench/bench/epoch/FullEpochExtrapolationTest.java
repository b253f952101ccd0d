package io.fdbench.bench.epoch;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.Num;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FullEpochExtrapolationTest {

    private static final List<String> HEADER = List.of("Benchmark", "Mode", "Threads", "Samples", "Score",
            "Score Error (99.9%)", "Unit", "Param: batch", "Param: estimator", "Param: evaluation", "Param: model",
            "Param: parameterWorkers", "ns/param");

    @Test
    void onlyFullRowsOfTheMnistNetAtBatch100AreExtrapolatedAndSayHow() {
        CsvTable t = new CsvTable(HEADER, List.of(
                List.of("g.finiteDifference", "avgt", "1", "2", "1", "NaN", "us/op", "100", "central", "full",
                        "784-50-10", "1", "250000"),
                List.of("g.finiteDifference", "avgt", "1", "2", "1", "NaN", "us/op", "100", "central", "incremental",
                        "784-50-10", "1", "600"),
                List.of("g.finiteDifference", "avgt", "1", "2", "1", "NaN", "us/op", "100", "forward", "full",
                        "2-3-1", "1", "900"),
                List.of("g.backprop", "avgt", "1", "2", "1", "NaN", "us/op", "100", "", "", "784-50-10", "", "6")));
        CsvTable x = FullEpochExtrapolation.from(t, "gradient.csv");
        assertEquals(1, x.rows().size());
        List<String> row = x.rows().get(0);
        assertEquals("central", row.get(0));
        double gradientSeconds = 250_000e-9 * 39_760;
        assertEquals(gradientSeconds, Num.parse(row.get(7)), gradientSeconds * 1e-5);
        assertEquals(gradientSeconds * 80, Num.parse(row.get(8)), gradientSeconds * 80 * 1e-5);
        assertEquals("extrapolated", row.get(9));
    }
}
