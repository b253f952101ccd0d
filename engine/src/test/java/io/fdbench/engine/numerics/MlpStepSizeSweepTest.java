package io.fdbench.engine.numerics;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpStepSizeSweepTest {

    @Test
    void curvesShowTheSchemesOrdersAndFloatsEarlierRoundOff() {
        Mlp m = new Mlp(new int[] {8, 6, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch b = TestData.classification(16, 8, 3, 0.3, 1).asBatch();
        float[] theta = m.initialise(Init.XAVIER, 2);
        MlpStepSizeSweep.Settings s = new MlpStepSizeSweep.Settings("mlp 8-6-3", List.of(Scheme.values()),
                List.of(Evaluation.values()), List.of(Precision.values()),
                StepGrid.logarithmic(1e-1, 1e-7, 13), StepGrid.logarithmic(1e-1, 1e-12, 23), 1000, 3, 1);
        SweepResult r = MlpStepSizeSweep.run(m, theta, b, s);
        assertEquals(3 * 2 * 2, r.summaries().size());
        assertEquals(3 * 2 * (13 + 23), r.rows().size());
        for (Scheme scheme : Scheme.values()) {
            for (Evaluation e : Evaluation.values()) {
                CurveSummary d = r.summary("mlp 8-6-3", Precision.DOUBLE, scheme.label(), e.label()).orElseThrow();
                assertEquals(scheme.order(), d.fittedOrder(), 0.2, d.toString());
                CurveSummary f = r.summary("mlp 8-6-3", Precision.FLOAT, scheme.label(), e.label()).orElseThrow();
                assertTrue(f.bestError() > 10 * d.bestError(), "float's best error is far above double's: " + f + " " + d);
                assertTrue(f.bestH() > d.bestH(), "float's best step is larger: " + f + " " + d);
            }
        }
    }
}
