package io.fdbench.bench.gradient;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.roofline.InputFractions;
import io.fdbench.bench.roofline.RooflineColumns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The roofline columns of the gradient family on synthetic JMH rows, against work computed by hand. */
class GradientWorkTest {

    private static final String HEAD = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
            + "\"Unit\",\"Param: batch\",\"Param: estimator\",\"Param: evaluation\",\"Param: model\","
            + "\"Param: parameterWorkers\"\r\n";
    private static final String B = "io.fdbench.bench.gradient.GradientCostBenchmark.";

    private static CsvTable derive(String rows) {
        return DerivedColumns.apply(JmhCsv.parse(HEAD + rows), GradientCostFamily.COLUMNS);
    }

    private static double cell(CsvTable t, int row, String column) {
        return Num.parse(t.rows().get(row).get(t.column(column)));
    }

    @Test
    void backpropWorkIsTheGemmFlopsOverTheLiveInputs() {
        CsvTable t = derive(B + "backprop,avgt,1,6,2,0.1,us/op,100,,,2-3-1,\r\n"
                + B + "backprop:kiloParameters,avgt,1,6,150,1,us/op,100,,,2-3-1,\r\n"
                + B + "backprop,avgt,1,6,50,1,us/op,100,,,784-50-10,\r\n");
        // 2-3-1 on the synthetic data (80 % zeros, 2 inputs): no input is zero in all 100 rows.
        assertEquals(0, InputFractions.ofWorkload("2-3-1", 100).blank());
        // forward 2·100·(2·3 + 3·1) = 1,800; backprop = 2 × forward + δ·Wᵀ to the hidden layer (2·100·3·1 = 600).
        assertEquals(4_200e-9, cell(t, 0, RooflineColumns.WORK_GFLOP), 1e-15);
        assertEquals(4_200 / 2e-6 * 1e-9, cell(t, 0, RooflineColumns.GFLOPS), 1e-9);
        assertEquals("", t.rows().get(1).get(t.column(RooflineColumns.WORK_GFLOP)), "the counter row has no work");
        // 784-50-10 on the first 100 MNIST-10k digits: 271 of the 784 pixels are blank in every row.
        assertEquals(271.0 / 784, InputFractions.ofWorkload("784-50-10", 100).blank(), 1e-12);
        double forward = 2.0 * 100 * (513 * 50 + 50 * 10);
        double backprop = 2 * forward + 2.0 * 100 * 50 * 10;
        assertEquals(10_560_000, backprop);
        assertEquals(backprop * 1e-9, cell(t, 2, RooflineColumns.WORK_GFLOP), 1e-15);
        assertEquals(backprop / 50e-6 * 1e-9, cell(t, 2, RooflineColumns.GFLOPS), 1e-6);
    }

    @Test
    void sampledRowsCountTheShareTheirTimeCovers() {
        CsvTable t = derive(B + "finiteDifference,avgt,1,6,1000,10,us/op,100,central,full,784-50-10,\r\n"
                + B + "finiteDifference,avgt,1,6,1000,10,us/op,100,forward,full,784-50-10,\r\n");
        double forward = 2.0 * 100 * (513 * 50 + 50 * 10);
        double sampled = cell(t, 0, GradientCostFamily.ESTIMATED);
        assertTrue(sampled < 39_760, "FULL evaluation of 784-50-10 is sampled");
        // Central: two forward passes per estimated parameter; forward: one each, plus the base point.
        double central = 2 * sampled * forward * 1e-9;
        double oneSided = (sampled + 1) * forward * 1e-9;
        assertEquals(central, cell(t, 0, RooflineColumns.WORK_GFLOP), central * 1e-5, "six significant digits");
        assertEquals(oneSided, cell(t, 1, RooflineColumns.WORK_GFLOP), oneSided * 1e-5);
        assertEquals(central / 1000e-6, cell(t, 0, RooflineColumns.GFLOPS), central / 1000e-6 * 1e-5);
    }

    @Test
    void incrementalWorkOnTheToyModelIsThePerPointLossWork() {
        CsvTable t = derive(B + "finiteDifference,avgt,1,6,10,1,us/op,100,central,incremental,2-3-1,\r\n");
        double z = InputFractions.ofWorkload("2-3-1", 100).zero();
        assertTrue(z > 0.7 && z < 0.9, "synthetic data: about 80 % zeros, got " + z);
        // Squared error on one sigmoid output: 3 + 24 FLOPs per output; a hidden unit adds its sigmoid (24)
        // and the output's move (2 per output). Per side: first layer 6 weights × the samples whose input is
        // non-zero + 3 biases × all, at 53 each; the output layer's 3 weights + 1 bias × all, at 27 each.
        double perSide = 53 * (6 * 100 * (1 - z) + 3 * 100) + 27 * (3 * 100 + 100);
        double work = 1_800 + 2 * perSide;
        assertEquals(work * 1e-9, cell(t, 0, RooflineColumns.WORK_GFLOP), work * 1e-15);
    }

    @Test
    void rowsOfOtherBenchmarksOrUnknownModelsHaveNoWork() {
        CsvTable t = derive(B + "finiteDifference,avgt,1,6,10,1,us/op,100,central,incremental,not-a-model,\r\n"
                + "x.Other.method,avgt,1,6,10,1,us/op,100,,,2-3-1,\r\n");
        for (List<String> row : t.rows()) {
            assertEquals("", row.get(t.column(RooflineColumns.WORK_GFLOP)));
            assertEquals("", row.get(t.column(RooflineColumns.GFLOPS)));
        }
    }
}
