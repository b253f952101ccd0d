package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvergenceFitTest {

    private static final double[] H = StepGrid.logarithmic(1e-1, 1e-14, 40).steps();

    /** Truncation C·h^p plus noisy round-off r/h (noise factor in [0, 2)). */
    private static double[] vShapedCurve(int p, double c, double r, long seed) {
        Random random = new Random(seed);
        double[] e = new double[H.length];
        for (int i = 0; i < H.length; i++) {
            e[i] = c * Math.pow(H[i], p) + 2 * random.nextDouble() * r / H[i];
        }
        return e;
    }

    @Test
    void recoversTheTruncationOrderOfAVShapedCurve() {
        for (int p = 1; p <= 4; p++) {
            ConvergenceFit fit = ConvergenceFit.of(H, vShapedCurve(p, 3.0, 1e-16, p), p);
            assertEquals(p, fit.order(), 0.05, "order " + p + ": " + fit);
            assertTrue(fit.points() >= 4, fit.toString());
        }
    }

    @Test
    void fitStaysAtLeastTheCutoffAboveTheKnee() {
        double[] e = vShapedCurve(2, 1.0, 1e-16, 7);
        ConvergenceFit fit = ConvergenceFit.of(H, e, 2);
        // truncation h² meets round-off 1e-16/h near h ≈ 5e-6
        assertTrue(fit.fitMinH() > 5e-6 * 2, fit.toString());
        assertEquals(1e-1, fit.fitMaxH());
    }

    @Test
    void aLuckyDipDeepInTheRoundoffRegionDoesNotDragTheFitIntoNoise() {
        double[] e = vShapedCurve(2, 1.0, 1e-16, 11);
        int dip = 30; // h ≈ 1e-11, far below the optimum
        e[dip] = 1e-20;
        ConvergenceFit fit = ConvergenceFit.of(H, e, 2);
        assertEquals(H[dip], fit.bestH(), "the best step is the literal minimum");
        assertEquals(2.0, fit.order(), 0.05, fit.toString());
        assertTrue(fit.fitMinH() > 1e-5, fit.toString());
    }

    @Test
    void skipsNaNInfiniteAndZeroErrorsAndAcceptsAnyOrder() {
        double[] h = {1e-4, 1e-1, 1e-2, 1e-3, 1e-6, 1e-5};
        double[] e = {1e-4, 1e-1, 1e-2, 1e-3, Double.NaN, 0.0};
        ConvergenceFit fit = ConvergenceFit.of(h, e, 1);
        assertEquals(1.0, fit.order(), 1e-12);
        assertEquals(1e-4, fit.bestH());
        assertEquals(1e-4, fit.bestError());
    }

    @Test
    void givesNoOrderWithFewerThanThreeQualifyingPoints() {
        double[] h = {1e-1, 1e-2, 1e-3};
        double[] e = {1e-2, 1e-4, 1e-3}; // knee at 1e-2: only 1e-1 lies above its cut-off
        ConvergenceFit fit = ConvergenceFit.of(h, e, 2);
        assertFalse(fit.hasOrder());
        assertEquals(1, fit.points());
        assertEquals(1e-2, fit.bestH());
        ConvergenceFit none = ConvergenceFit.of(h, new double[] {Double.NaN, Double.NaN, 0}, 1);
        assertEquals(0, none.points());
        assertTrue(Double.isNaN(none.bestH()));
    }

    @Test
    void aFlatRoundoffOnlyCurveGivesNoOrder() {
        Random random = new Random(3);
        double[] e = new double[H.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = 1e-16 * (1 + random.nextDouble());
        }
        assertFalse(ConvergenceFit.of(H, e, 2).hasOrder());
    }

    @Test
    void rejectsMismatchedArraysAndOrdersBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> ConvergenceFit.of(new double[2], new double[3], 1));
        assertThrows(IllegalArgumentException.class, () -> ConvergenceFit.of(new double[2], new double[2], 0));
    }
}
