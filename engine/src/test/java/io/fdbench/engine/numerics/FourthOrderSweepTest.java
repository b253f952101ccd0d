package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.FourPointStencil;
import io.fdbench.engine.grad.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five-point, Richardson and complex-step curves of the scalar sweep. */
class FourthOrderSweepTest {

    private static final String EXACT = StepSizeSweep.EXACT_FUNCTION;
    private static SweepResult sweep;

    @BeforeAll
    static void run() {
        sweep = StepSizeSweep.run(ScalarTestFunction.standard(), List.of(Precision.DOUBLE, Precision.FLOAT),
                List.of(Estimator.CENTRAL, Estimator.FIVE_POINT, Estimator.RICHARDSON, Estimator.COMPLEX_STEP),
                StepGrid::defaultFor);
    }

    private static CurveSummary summary(ScalarTestFunction f, Precision p, Estimator e) {
        return sweep.summary(f.label(), p, e.label(), EXACT).orElseThrow();
    }

    @Test
    void fittedOrdersOnSineAndExpInDouble() {
        for (ScalarTestFunction f : List.of(ScalarTestFunction.sine(), ScalarTestFunction.exponential())) {
            assertEquals(4.0, summary(f, Precision.DOUBLE, Estimator.FIVE_POINT).fittedOrder(), 0.2, f.label());
            assertEquals(4.0, summary(f, Precision.DOUBLE, Estimator.RICHARDSON).fittedOrder(), 0.2, f.label());
            assertEquals(2.0, summary(f, Precision.DOUBLE, Estimator.CENTRAL).fittedOrder(), 0.15, f.label());
        }
    }

    @Test
    void onTheQuarticTheFourthOrderSchemesAreNotFittable() {
        ScalarTestFunction quartic = ScalarTestFunction.quarticMinusQuadratic();
        for (Precision p : Precision.values()) {
            for (Estimator e : List.of(Estimator.FIVE_POINT, Estimator.RICHARDSON)) {
                CurveSummary s = summary(quartic, p, e);
                assertTrue(Double.isNaN(s.fittedOrder()), s.toString());
                assertEquals(CurveSummary.NOT_FITTABLE, s.orderNote());
                // exact up to round-off: even the largest step is at round-off level
                double exact = quartic.exactDerivative(1, p);
                double u = p.unitRoundoff();
                ErrorCurve c = sweep.curve(quartic.label(), p, e.label(), EXACT).orElseThrow();
                assertTrue(c.absErrors()[0] < 1e3 * u * Math.abs(exact), c + " at h = 0.1: " + c.absErrors()[0]);
            }
            CurveSummary central = summary(quartic, p, Estimator.CENTRAL);
            assertEquals("", central.orderNote(), central.toString());
            assertFalse(Double.isNaN(central.fittedOrder()));
        }
        for (ScalarTestFunction f : List.of(ScalarTestFunction.sine(), ScalarTestFunction.exponential())) {
            assertFalse(StepSizeSweep.exactUpToRoundoff(f, Precision.DOUBLE, Estimator.FIVE_POINT), f.label());
        }
    }

    @Test
    void theComplexStepStaysFlatAtRoundoffDownTo1eMinus200() {
        for (ScalarTestFunction f : ScalarTestFunction.standard()) {
            double exact = f.exactDerivative(1, Precision.DOUBLE);
            ErrorCurve c = sweep.curve(f.label(), Precision.DOUBLE, Estimator.COMPLEX_STEP.label(), EXACT).orElseThrow();
            double[] h = c.steps();
            assertEquals(StepGrid.COMPLEX_STEP_TO, h[h.length - 1], 0.0);
            for (int i = 0; i < h.length; i++) {
                if (h[i] <= 1e-8) {
                    assertTrue(c.relErrors()[i] <= 1e-14, f.label() + " h = " + h[i] + ": " + c.relErrors()[i]);
                }
            }
            for (double step : new double[] {1e-20, 1e-100}) {
                double est = StepSizeSweep.estimate(f, Precision.DOUBLE, Estimator.COMPLEX_STEP, step);
                assertTrue(Math.abs(est - exact) <= 1e-14 * Math.abs(exact), f.label() + " h = " + step);
            }
            // the central difference has turned up by many orders at the bottom of its own grid
            ErrorCurve central = sweep.curve(f.label(), Precision.DOUBLE, "central", EXACT).orElseThrow();
            assertTrue(central.relErrors()[central.size() - 1] > 1e-6, central.toString());
        }
        assertTrue(sweep.summary("sin@1", Precision.FLOAT, "complex-step", EXACT).isEmpty(), "double only");
    }

    @Test
    void richardsonsErrorEstimateBoundsItsErrorAndMeasuresTheCentralDifferenceAtHalfTheStep() {
        for (ScalarTestFunction f : List.of(ScalarTestFunction.sine(), ScalarTestFunction.exponential())) {
            double x = f.x0();
            double exact = f.exactDerivative(1, Precision.DOUBLE);
            CurveSummary s = summary(f, Precision.DOUBLE, Estimator.RICHARDSON);
            int checked = 0;
            for (double h : StepGrid.defaultFor(Precision.DOUBLE).steps()) {
                if (h < s.fitMinH()) {
                    continue; // the truncation region is the fit's
                }
                double estimate = FourPointStencil.errorEstimate(f.valueInDouble(x + h / 2), f.valueInDouble(x - h / 2),
                        f.valueInDouble(x + h), f.valueInDouble(x - h), (x + h / 2) - x, x - (x - h / 2),
                        (x + h) - x, x - (x - h));
                double richardson = Math.abs(StepSizeSweep.estimate(f, Precision.DOUBLE, Estimator.RICHARDSON, h)
                        - exact);
                double centralAtHalf = Math.abs(StepSizeSweep.estimate(f, Precision.DOUBLE, Estimator.CENTRAL, h / 2)
                        - exact);
                assertTrue(estimate >= richardson, f.label() + " h = " + h + ": " + estimate + " < " + richardson);
                assertTrue(estimate <= 10 * centralAtHalf && centralAtHalf <= 10 * estimate,
                        f.label() + " h = " + h + ": " + estimate + " vs " + centralAtHalf);
                checked++;
            }
            assertTrue(checked >= 4, f.label() + ": " + checked + " steps in the truncation region");
        }
    }
}
