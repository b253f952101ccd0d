package io.fdbench.bench.epoch;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhCsv;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.roofline.InputFractions;
import io.fdbench.bench.roofline.RooflineColumns;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.WorkModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The roofline columns of the epoch family: steps × (the gradient's work + the SGD update). */
class EpochWorkTest {

    private static final String HEAD = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
            + "\"Unit\",\"Param: batch\",\"Param: dataset\",\"Param: estimator\",\"Param: evaluation\","
            + "\"Param: parameterWorkers\"\r\n";
    private static final String B = "io.fdbench.bench.epoch.EpochBenchmark.";

    @Test
    void anEpochIsEightyGradientsAndUpdatesAtBatch100() {
        CsvTable t = DerivedColumns.apply(JmhCsv.parse(HEAD
                + B + "backprop,avgt,1,6,20,1,ms/op,100,mnist-10k,,,\r\n"
                + B + "finiteDifference,avgt,1,6,4000,1,ms/op,100,mnist-10k,central,incremental,1\r\n"
                + B + "backprop,avgt,1,6,20,1,ms/op,100,no-such-set,,,\r\n"), EpochFamily.COLUMNS);
        InputFractions f = InputFractions.meanOverBatches("mnist-10k", MnistData.embedded().train(), 100);
        assertTrue(f.blank() > 0.2 && f.blank() < 0.5, "MNIST: about a third of the pixels blank per batch of 100");
        int[] sizes = {784, 50, 10};
        double live = 784 * (1 - f.blank());
        // backprop: 2 × forward (2·100·(live·50 + 50·10)) + δ·Wᵀ (2·100·50·10); update: 2 FLOPs × 39,760.
        double backprop = 2 * 2.0 * 100 * (live * 50 + 50 * 10) + 2.0 * 100 * 50 * 10;
        assertEquals(WorkModel.backpropFlops(sizes, 100, f.blank()), backprop, backprop * 1e-12);
        double epoch = 80 * (backprop + 2.0 * 39_760);
        int work = t.column(RooflineColumns.WORK_GFLOP);
        assertEquals(epoch * 1e-9, Num.parse(t.rows().get(0).get(work)), epoch * 1e-14);
        assertEquals(epoch * 1e-9 / 20e-3, Num.parse(t.rows().get(0).get(t.column(RooflineColumns.GFLOPS))),
                epoch / 20e-3 * 1e-14);
        double fd = 80 * (WorkModel.flops(sizes, 100, f.blank(), f.zero(), Scheme.CENTRAL, Evaluation.INCREMENTAL)
                + 2.0 * 39_760);
        assertEquals(fd * 1e-9, Num.parse(t.rows().get(1).get(work)), fd * 1e-14);
        assertEquals("", t.rows().get(2).get(work), "an unknown data set has no work");
    }
}
