package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.VanishedStepException;
import java.util.ArrayList;
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
        // every estimator in both precisions, except the complex step: double only, on the double
        // grid continued to 1e-200
        int targets = ScalarTestFunction.standard().size();
        int curves = targets * (2 * Estimator.values().length - 1);
        assertEquals(curves, sweep.curves().size());
        assertEquals(curves, sweep.summaries().size());
        assertEquals((curves - targets) * StepGrid.DEFAULT_POINTS
                + targets * (StepGrid.DEFAULT_POINTS + StepGrid.COMPLEX_STEP_EXTRA_POINTS), sweep.rows().size());
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
                if (!e.supports(Precision.FLOAT)) {
                    continue;
                }
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
    void aStepBelowHalfAnUlpHasNoEstimateNotAZeroError() {
        double h = 0.4 * Math.ulp((float) QUARTIC.x0());
        for (Estimator e : Estimator.values()) {
            if (!e.supports(Precision.FLOAT)) {
                continue;
            }
            VanishedStepException v = assertThrows(VanishedStepException.class,
                    () -> StepSizeSweep.estimate(QUARTIC, Precision.FLOAT, e, h), e.label());
            assertEquals(Precision.FLOAT, v.precision());
            assertEquals(h, v.step(), 0.0);
            assertEquals(Math.ulp((float) QUARTIC.x0()), v.smallestUsableStep(), 0.0);
            assertTrue(v.getMessage().contains("float") && v.getMessage().contains("x0 of " + QUARTIC.label()),
                    v.getMessage());
            assertEquals(1, v.getMessage().lines().count(), v.getMessage());
        }
        double hd = 0.4 * Math.ulp(QUARTIC.x0());
        VanishedStepException v = assertThrows(VanishedStepException.class,
                () -> StepSizeSweep.estimate(QUARTIC, Precision.DOUBLE, Estimator.FORWARD, hd));
        assertEquals(Precision.DOUBLE, v.precision());
        // One ulp is enough, in both precisions.
        assertTrue(Double.isFinite(StepSizeSweep.estimate(QUARTIC, Precision.FLOAT, Estimator.CENTRAL,
                Math.ulp((float) QUARTIC.x0()))));
        assertTrue(Double.isFinite(StepSizeSweep.estimate(QUARTIC, Precision.DOUBLE, Estimator.CENTRAL,
                Math.ulp(QUARTIC.x0()))));
    }

    @Test
    void theDefaultSweepHasOnlyFiniteErrors() {
        for (SweepRow r : sweep.rows()) {
            assertTrue(Double.isFinite(r.absError()) && Double.isFinite(r.relError()), r.toString());
        }
    }

    @Test
    void aGridWhoseSmallestStepVanishesIsRefusedBeforeAnyPoint() {
        List<int[]> progress = new ArrayList<>();
        StepGrid tiny = StepGrid.logarithmic(1e-1, 1e-300, 12);
        VanishedStepException e = assertThrows(VanishedStepException.class,
                () -> StepSizeSweep.run(ScalarTestFunction.standard(), List.of(Precision.DOUBLE, Precision.FLOAT),
                        List.of(Estimator.values()), p -> p == Precision.FLOAT ? tiny : StepGrid.defaultFor(p),
                        (done, total) -> progress.add(new int[] {done, total})));
        assertEquals(Precision.FLOAT, e.precision());
        assertEquals(1e-300, e.step(), 0.0);
        assertTrue(progress.isEmpty(), "refused before evaluating any point");
        // 1e-300 vanishes at x0 = 1 in double as well.
        assertThrows(VanishedStepException.class, () -> StepSizeSweep.run(List.of(ScalarTestFunction.sine()),
                List.of(Precision.DOUBLE), List.of(Estimator.FORWARD), p -> tiny));
    }

    @Test
    void progressCountsEveryPointOnce() {
        List<int[]> progress = new ArrayList<>();
        StepGrid grid = StepGrid.logarithmic(1e-1, 1e-5, 7);
        SweepResult r = StepSizeSweep.run(List.of(ScalarTestFunction.sine(), ScalarTestFunction.exponential()),
                List.of(Precision.DOUBLE, Precision.FLOAT), List.of(Estimator.FORWARD, Estimator.CENTRAL), p -> grid,
                (done, total) -> progress.add(new int[] {done, total}));
        assertEquals(r.rows().size(), progress.size());
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(i + 1, progress.get(i)[0]);
            assertEquals(2 * 2 * 2 * 7, progress.get(i)[1]);
        }
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
