package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outside sweep (here a made-up MLP loss gradient) feeding its own (h, error) curve. */
class ErrorCurveTest {

    private static final double[] H = StepGrid.logarithmic(1e-1, 1e-6, 16).steps();

    private static ErrorCurve mlpLikeCurve() {
        double[] abs = new double[H.length];
        double[] rel = new double[H.length];
        for (int i = 0; i < H.length; i++) {
            abs[i] = 0.5 * H[i] * H[i] + 1e-9 / H[i];
            rel[i] = abs[i] / 2.0;
        }
        Scheme scheme = Scheme.CENTRAL;
        return ErrorCurve.of("mlp-784-32-10/loss", Precision.FLOAT, scheme.label(), Evaluation.INCREMENTAL.label(),
                scheme.order(), scheme.theoreticalBestStep(Precision.FLOAT.unitRoundoff()), H, abs, rel);
    }

    @Test
    void givesOneRowPerStepWithTheCurvesKey() {
        List<SweepRow> rows = mlpLikeCurve().rows();
        assertEquals(H.length, rows.size());
        SweepRow r = rows.get(3);
        assertEquals("mlp-784-32-10/loss", r.target());
        assertEquals(Precision.FLOAT, r.precision());
        assertEquals("central", r.estimator());
        assertEquals("incremental", r.evaluation());
        assertEquals(H[3], r.h());
        assertEquals(r.absError() / 2.0, r.relError(), 0.0);
    }

    @Test
    void summarizesWithTheFittedOrderAndBothBestSteps() {
        CurveSummary s = mlpLikeCurve().summarize();
        assertEquals(2, s.expectedOrder());
        assertEquals(2.0, s.fittedOrder(), 0.1);
        assertEquals(Math.cbrt(Precision.FLOAT.unitRoundoff()), s.theoreticalBestH(), 0.0);
        // 0.5h² + 1e-9/h is smallest at h = 1e-3
        assertEquals(-3.0, Math.log10(s.bestH()), 0.2);
        assertEquals("incremental", s.evaluation());
    }

    @Test
    void rebuildsFromItsOwnRows() {
        ErrorCurve curve = mlpLikeCurve();
        ErrorCurve again = ErrorCurve.fromRows(curve.rows(), curve.expectedOrder(), curve.theoreticalBestH());
        assertEquals(curve.summarize(), again.summarize());
    }

    @Test
    void refusesRowsOfDifferentCurves() {
        List<SweepRow> rows = new ArrayList<>(mlpLikeCurve().rows());
        rows.add(new SweepRow("mlp-784-32-10/loss", Precision.FLOAT, "central", "full", 1e-3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ErrorCurve.fromRows(rows, 2, 1e-3));
    }

    @Test
    void refusesArraysOfDifferentLengths() {
        assertThrows(IllegalArgumentException.class, () -> ErrorCurve.of("t", Precision.DOUBLE, "forward", "full",
                1, 1e-8, new double[3], new double[2], new double[3]));
    }
}
