package io.fdbench.bench.trend;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EDivisiveTest {

    /** Gaussian noise of relative spread {@code noise} around the given levels, seeded. */
    private static double[] series(long seed, double noise, double... levelsOf20) {
        Random r = new Random(seed);
        double[] x = new double[20 * levelsOf20.length];
        for (int i = 0; i < x.length; i++) {
            double level = levelsOf20[i / 20];
            x[i] = level * (1 + noise * r.nextGaussian());
        }
        return x;
    }

    @Test
    void tenPercentStepAfterTwentyNoisyPointsIsFoundAtIndexTwenty() {
        for (long seed = 1; seed <= 5; seed++) {
            List<ChangePoint> cps = EDivisive.defaults().detect(series(seed, 0.01, 100, 110));
            assertEquals(1, cps.size(), "seed " + seed + ": " + cps);
            ChangePoint cp = cps.get(0);
            assertEquals(20, cp.index(), "seed " + seed);
            assertEquals(0.10, cp.relativeShift(), 0.02, "seed " + seed);
            assertTrue(cp.pValue() <= EDivisive.DEFAULT_SIGNIFICANCE, "seed " + seed + ": " + cp);
        }
    }

    /**
     * Noise of the step test's spread and length. At significance 0.001 a noise series shows a
     * change point once in a thousand; seed 9 is such a draw (its first ten points lie 3.4
     * standard errors above the rest, p = 0.001), so the test allows one of twenty seeds (two or
     * more has probability 2e-4 for a calibrated test) and the rate test below checks calibration.
     */
    @Test
    void pureNoiseOfTheSameSpreadHasNoChangePoint() {
        List<Long> withChange = new java.util.ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            if (!EDivisive.defaults().detect(series(seed, 0.01, 100, 100)).isEmpty()) {
                withChange.add(seed);
            }
        }
        assertTrue(withChange.size() <= 1, "noise seeds with a change point: " + withChange);
    }

    /**
     * The permutation test is calibrated: on pure noise a series shows a change point at about the
     * significance's rate. Bounds are binomial tails of about 1e-3 at the nominal rate, so a test
     * that is too eager (or, at 0.05, too timid) fails.
     */
    @Test
    void falseAlarmRateOnNoiseIsTheSignificance() {
        int series = 300;
        int atDefault = 0;
        int atFivePercent = 0;
        EDivisive loose = new EDivisive(0.05, 99, 11, 5);
        for (long seed = 1000; seed < 1000 + series; seed++) {
            double[] x = series(seed, 0.01, 100, 100, 100, 100, 100);
            atDefault += EDivisive.defaults().detect(x).isEmpty() ? 0 : 1;
            atFivePercent += loose.detect(x).isEmpty() ? 0 : 1;
        }
        assertTrue(atDefault <= 3, atDefault + " of " + series + " noise series had a change point at 0.001");
        assertTrue(atFivePercent >= 4 && atFivePercent <= 30,
                atFivePercent + " of " + series + " noise series had a change point at 0.05 (expected about 15)");
    }

    @Test
    void singleOutlierIsNotAShift() {
        for (long seed = 1; seed <= 5; seed++) {
            for (int at : new int[] {0, 3, 17, 20, 39}) {
                double[] x = series(seed, 0.01, 100, 100);
                x[at] = 130;
                assertEquals(List.of(), EDivisive.defaults().detect(x), "seed " + seed + ", outlier at " + at);
            }
        }
    }

    @Test
    void twoStepsAreBothFound() {
        for (long seed = 1; seed <= 5; seed++) {
            List<ChangePoint> up = EDivisive.defaults().detect(series(seed, 0.01, 100, 110, 121));
            assertEquals(List.of(20, 40), up.stream().map(ChangePoint::index).toList(), "seed " + seed);
            List<ChangePoint> upDown = EDivisive.defaults().detect(series(seed, 0.01, 100, 110, 100));
            assertEquals(List.of(20, 40), upDown.stream().map(ChangePoint::index).toList(), "seed " + seed);
            assertTrue(upDown.get(0).relativeShift() > 0.05 && upDown.get(1).relativeShift() < -0.05, upDown.toString());
        }
    }

    @Test
    void meansAreThoseOfTheNeighbouringSegments() {
        double[] x = {1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5, 3, 3, 3, 3, 3, 3};
        List<ChangePoint> cps = new EDivisive(0.01, 199, 7, 3).detect(x);
        assertEquals(List.of(6, 12), cps.stream().map(ChangePoint::index).toList());
        assertEquals(1, cps.get(0).meanBefore());
        assertEquals(5, cps.get(0).meanAfter());
        assertEquals(5, cps.get(1).meanBefore());
        assertEquals(3, cps.get(1).meanAfter());
    }

    @Test
    void sameSeedSameResultAndConstantOrShortSeriesHaveNone() {
        double[] x = series(3, 0.01, 100, 104);
        EDivisive e = new EDivisive(0.05, 99, 42, 5);
        assertEquals(e.detect(x), e.detect(x));
        assertEquals(List.of(), EDivisive.defaults().detect(new double[30]));
        assertEquals(List.of(), EDivisive.defaults().detect(new double[] {1, 2, 3, 100, 100, 100}));
        assertEquals(List.of(), EDivisive.defaults().detect(new double[0]));
    }

    @Test
    void refusesBadParametersAndValues() {
        assertThrows(IllegalArgumentException.class, () -> new EDivisive(0, 999, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new EDivisive(0.001, 500, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new EDivisive(0.01, 999, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EDivisive.defaults().detect(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("1"), e.getMessage());
    }

    @Test
    void aFewHundredPointsWithShiftsAreHandled() {
        double[] x = new double[400];
        Random r = new Random(9);
        for (int i = 0; i < x.length; i++) {
            x[i] = (i < 150 ? 100 : i < 300 ? 95 : 103) * (1 + 0.01 * r.nextGaussian());
        }
        assertEquals(List.of(150, 300), EDivisive.defaults().detect(x).stream().map(ChangePoint::index).toList());
    }
}
