package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.engine.grad.Precision;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StepSizeSweepTest {

    private static final ScalarTestFunction QUARTIC = ScalarTestFunction.quarticMinusQuadratic();
    private static final String EXACT = StepSizeSweep.EXACT_FUNCTION;
    private static SweepResult sweep;

    @BeforeAll
    static void runDefaultSweep() {
        sweep = StepSizeSweep.runDefault();
    }

    private static CurveSummary summary(ScalarTestFunction f, Precision p, Estimator e) {
        return sweep.summary(f.label(), p, e.label(), EXACT).orElseThrow();
    }

    @Test
    void coversEveryTargetPrecisionAndEstimatorOnTheDefaultGrid() {
        int curves = ScalarTestFunction.standard().size() * 2 * Estimator.values().length;
        assertEquals(curves, sweep.curves().size());
        assertEquals(curves, sweep.summaries().size());
        assertEquals(curves * StepGrid.DEFAULT_POINTS, sweep.rows().size());
    }

    @Test
    void oneSidedSchemesConvergeWithOrderOneOnTheQuarticInDouble() {
        for (Estimator e : List.of(Estimator.FORWARD, Estimator.BACKWARD)) {
            CurveSummary s = summary(QUARTIC, Precision.DOUBLE, e);
            assertEquals(1.0, s.fittedOrder(), 0.15, s.toString());
        }
    }

    @Test
    void centralAndSecondDifferenceConvergeWithOrderTwoOnTheQuarticInDouble() {
        for (Estimator e : List.of(Estimator.CENTRAL, Estimator.SECOND_DIFFERENCE)) {
            CurveSummary s = summary(QUARTIC, Precision.DOUBLE, e);
            assertEquals(2.0, s.fittedOrder(), 0.15, s.toString());
        }
    }

    @Test
    void centralIsAtLeastAThousandTimesMoreAccurateThanForwardAtOneEMinusFive() {
        double exact = QUARTIC.exactDerivative(1, Precision.DOUBLE);
        double central = Math.abs(StepSizeSweep.estimate(QUARTIC, Precision.DOUBLE, Estimator.CENTRAL, 1e-5) - exact);
        double forward = Math.abs(StepSizeSweep.estimate(QUARTIC, Precision.DOUBLE, Estimator.FORWARD, 1e-5) - exact);
        assertTrue(central * 1000 <= forward, "central " + central + " vs forward " + forward);
    }

    @Test
    void bestCentralStepInDoubleIsWithinTwoDecadesOfTheCubeRootOfTheRoundoff() {
        CurveSummary s = summary(QUARTIC, Precision.DOUBLE, Estimator.CENTRAL);
        assertEquals(Math.cbrt(Precision.DOUBLE.unitRoundoff()), s.theoreticalBestH(), 0.0);
        assertEquals(0.0, s.bestStepDecadesFromTheory(), 2.0, s.toString());
    }

    @Test
    void floatCurvesBottomOutHigherThanDoubleCurves() {
        for (ScalarTestFunction f : ScalarTestFunction.standard()) {
            for (Estimator e : Estimator.values()) {
                double inFloat = summary(f, Precision.FLOAT, e).bestError();
                double inDouble = summary(f, Precision.DOUBLE, e).bestError();
                assertTrue(inFloat > inDouble, f.label() + " " + e.label() + ": float " + inFloat
                        + " vs double " + inDouble);
            }
        }
    }

    @Test
    void firstDerivativeOrdersHoldForEveryTargetInBothPrecisions() {
        for (ScalarTestFunction f : ScalarTestFunction.standard()) {
            for (Precision p : Precision.values()) {
                for (Estimator e : List.of(Estimator.FORWARD, Estimator.BACKWARD, Estimator.CENTRAL)) {
                    CurveSummary s = summary(f, p, e);
                    assertEquals(e.truncationOrder(), s.fittedOrder(), 0.15, s.toString());
                }
            }
        }
    }

    @Test
    void floatQuotientUsesTheRepresentableStep() {
        // h = 1e-7 is not a multiple of ulp(1.3f) ≈ 1.19e-7: x + h rounds to x + ulp, and dividing
        // by the nominal h instead of the representable step would be off by about 19 %.
        float x = (float) QUARTIC.x0();
        float h = 1e-7f;
        float hPlus = (x + h) - x;
        assertEquals(Math.ulp(x), hPlus, 0.0);
        float expected = (QUARTIC.valueInFloat(x + h) - QUARTIC.valueInFloat(x)) / hPlus;
        assertEquals(expected, StepSizeSweep.estimate(QUARTIC, Precision.FLOAT, Estimator.FORWARD, 1e-7), 0.0);
    }

    @Test
    void aStepBelowHalfAnUlpGivesAnUndefinedEstimateNotAZeroError() {
        double h = 0.4 * Math.ulp((float) QUARTIC.x0());
        assertTrue(Double.isNaN(StepSizeSweep.estimate(QUARTIC, Precision.FLOAT, Estimator.CENTRAL, h)));
        ErrorCurve curve = sweep.curve(QUARTIC.label(), Precision.FLOAT, "central", EXACT).orElseThrow();
        assertTrue(Double.isNaN(curve.absErrorNear(1e-8)));
    }

    @Test
    void commonsMathPeerAgreesWithOurCentralSchemesAtModerateSteps() {
        for (ScalarTestFunction f : ScalarTestFunction.standard()) {
            for (double h : new double[] {1e-2, 1e-3}) {
                double exact1 = f.exactDerivative(1, Precision.DOUBLE);
                double ours1 = StepSizeSweep.estimate(f, Precision.DOUBLE, Estimator.CENTRAL, h);
                double peer1 = StepSizeSweep.estimate(f, Precision.DOUBLE, Estimator.CM3_FD3_FIRST, h);
                // same stencil: they differ by far less than either differs from the truth
                assertTrue(Math.abs(peer1 - ours1) < 1e-3 * Math.abs(ours1 - exact1),
                        f.label() + " h=" + h + ": ours " + ours1 + " peer " + peer1 + " exact " + exact1);
                double exact2 = f.exactDerivative(2, Precision.DOUBLE);
                double ours2 = StepSizeSweep.estimate(f, Precision.DOUBLE, Estimator.SECOND_DIFFERENCE, h);
                double peer2 = StepSizeSweep.estimate(f, Precision.DOUBLE, Estimator.CM3_FD3_SECOND, h);
                assertTrue(Math.abs(peer2 - ours2) < 1e-2 * Math.abs(ours2 - exact2),
                        f.label() + " h=" + h + ": ours'' " + ours2 + " peer'' " + peer2 + " exact " + exact2);
            }
        }
    }

    @Test
    void commonsMathPeerConvergesWithOrderTwoInDouble() {
        for (ScalarTestFunction f : ScalarTestFunction.standard()) {
            for (Estimator e : List.of(Estimator.CM3_FD3_FIRST, Estimator.CM3_FD3_SECOND)) {
                assertEquals(2.0, summary(f, Precision.DOUBLE, e).fittedOrder(), 0.15, f.label() + " " + e);
            }
        }
    }

    @Test
    void rowsOfEachCurveRunDownTheGridWithConsistentRelativeErrors() {
        ErrorCurve curve = sweep.curve(QUARTIC.label(), Precision.DOUBLE, "forward", EXACT).orElseThrow();
        double exact = QUARTIC.exactDerivative(1, Precision.DOUBLE);
        List<SweepRow> rows = curve.rows();
        double[] grid = StepGrid.defaultFor(Precision.DOUBLE).steps();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(grid[i], rows.get(i).h(), 0.0);
            assertEquals(rows.get(i).absError() / Math.abs(exact), rows.get(i).relError(), 1e-15);
        }
    }
}
