package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.VanishedStepException;
import org.junit.jupiter.api.Test;

class StepGridTest {

    @Test
    void runsFromTheLargestStepDownToTheSmallestWithEqualLogSpacing() {
        StepGrid grid = StepGrid.logarithmic(1e-1, 1e-5, 9);
        double[] h = grid.steps();
        assertEquals(9, h.length);
        assertEquals(1e-1, h[0]);
        assertEquals(1e-5, h[8]);
        for (int i = 1; i < h.length; i++) {
            assertEquals(-0.5, Math.log10(h[i] / h[i - 1]), 1e-12, "log spacing at " + i);
        }
    }

    @Test
    void defaultsAreFortyPointsFromATenthDownToPrecisionDependentFloors() {
        StepGrid dbl = StepGrid.defaultFor(Precision.DOUBLE);
        StepGrid flt = StepGrid.defaultFor(Precision.FLOAT);
        assertEquals(40, dbl.size());
        assertEquals(40, flt.size());
        assertEquals(1e-1, dbl.step(0));
        assertEquals(1e-14, dbl.step(39));
        assertEquals(1e-1, flt.step(0));
        assertEquals(2e-7, flt.step(39));
    }

    @Test
    void aSmallestStepThatVanishesAtAPointIsRefusedNamingIt() {
        StepGrid grid = StepGrid.logarithmic(1e-1, 1e-8, 10);
        // Half an ulp of float at 1.3 is 5.96e-8: 1e-8 rounds back to 1.3 in float, not in double.
        VanishedStepException e = assertThrows(VanishedStepException.class,
                () -> grid.requireUsableAt(Precision.FLOAT, 1.3, "x0"));
        assertEquals(1e-8, e.step(), 0.0);
        assertEquals(Precision.FLOAT, e.precision());
        assertEquals(Math.ulp(1.3f), e.smallestUsableStep(), 0.0);
        assertTrue(e.getMessage().startsWith("step h = 1.0E-8 vanishes in float at x0 = 1.3"), e.getMessage());
        assertSame(grid, grid.requireUsableAt(Precision.DOUBLE, 1.3, "x0"));
        assertSame(grid, grid.requireUsableAt(Precision.FLOAT, 0.01, "x0"), "ulp(0.01f) = 9.3e-10");
        // An underflowing step vanishes even at zero.
        StepGrid tiny = StepGrid.logarithmic(1e-1, 1e-300, 10);
        assertThrows(VanishedStepException.class, () -> tiny.requireUsableAt(Precision.FLOAT, 0, "x0"));
        assertSame(tiny, tiny.requireUsableAt(Precision.DOUBLE, 0, "x0"));
        // The defaults are usable at the scalar targets' points.
        for (ScalarTestFunction f : ScalarTestFunction.standard()) {
            for (Precision p : Precision.values()) {
                StepGrid.defaultFor(p).requireUsableAt(p, f.x0(p), f.label());
            }
        }
    }

    @Test
    void stepsAreACopy() {
        StepGrid grid = StepGrid.logarithmic(1, 1e-2, 3);
        grid.steps()[0] = 42;
        assertEquals(1.0, grid.step(0));
    }

    @Test
    void rejectsNonPositiveOrNonFiniteFromNamingIt() {
        for (double bad : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> StepGrid.logarithmic(bad, 1e-8, 10));
            assertTrue(e.getMessage().startsWith("from "), e.getMessage());
        }
    }

    @Test
    void rejectsNonPositiveToNamingIt() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StepGrid.logarithmic(1e-1, 0, 10));
        assertTrue(e.getMessage().startsWith("to "), e.getMessage());
    }

    @Test
    void rejectsAGridThatDoesNotRunDownwards() {
        IllegalArgumentException up =
                assertThrows(IllegalArgumentException.class, () -> StepGrid.logarithmic(1e-8, 1e-1, 10));
        assertTrue(up.getMessage().contains("from must be larger than to"), up.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StepGrid.logarithmic(1e-3, 1e-3, 10));
    }

    @Test
    void rejectsFewerThanTwoPointsNamingThem() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StepGrid.logarithmic(1e-1, 1e-8, 1));
        assertTrue(e.getMessage().startsWith("points "), e.getMessage());
    }
}
