package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ToySetsTest {

    @Test
    void xorHasFourRowsTwoInputsOneTargetZeroOneOneZero() {
        Dataset d = ToySets.xor();
        assertEquals(4, d.rows());
        assertEquals(2, d.features());
        assertEquals(1, d.outputs());
        assertFalse(d.isClassification());
        assertNull(d.labels());
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, d.x());
        assertArrayEquals(new float[] {0, 1, 1, 0}, d.targets());
    }

    @Test
    void sigmoidRegressionHasTwoInputsInUnitSquareAndTwoTargetsInsideZeroOne() {
        Dataset d = ToySets.sigmoidRegression(7, 500);
        assertEquals(500, d.rows());
        assertEquals(2, d.features());
        assertEquals(2, d.outputs());
        assertFalse(d.isClassification());
        assertEquals(1000, d.x().length);
        assertEquals(1000, d.targets().length);
        for (float v : d.x()) {
            assertTrue(v >= -1f && v <= 1f, "input " + v);
        }
        float min = 1;
        float max = 0;
        for (float t : d.targets()) {
            assertTrue(t > 0f && t < 1f, "target " + t);
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        assertTrue(max - min > 0.5f, "targets should spread, got [" + min + ", " + max + "]");
    }

    @Test
    void sigmoidRegressionRepeatsPerSeedAndDiffersAcrossSeeds() {
        Dataset a = ToySets.sigmoidRegression(42, 64);
        Dataset b = ToySets.sigmoidRegression(42, 64);
        Dataset c = ToySets.sigmoidRegression(43, 64);
        assertArrayEquals(a.x(), b.x());
        assertArrayEquals(a.targets(), b.targets());
        assertFalse(Arrays.equals(a.x(), c.x()));
        assertFalse(Arrays.equals(a.targets(), c.targets()));
    }

    @Test
    void sigmoidRegressionLongerSetExtendsTheShorterOneForTheSameSeed() {
        Dataset a = ToySets.sigmoidRegression(1, 8);
        Dataset longer = ToySets.sigmoidRegression(1, 16);
        assertArrayEquals(a.x(), Arrays.copyOf(longer.x(), 16));
        assertArrayEquals(a.targets(), Arrays.copyOf(longer.targets(), 16));
    }

    @Test
    void sigmoidRegressionIsTheSameFunctionForEverySeed() {
        // logit(target) is linear in (x0, x1, x0·x1, 1) with fixed coefficients: solve them from
        // four rows of one seed and check they predict every row of another seed.
        for (int o = 0; o < 2; o++) {
            double[] coef = solveLogitCoefficients(ToySets.sigmoidRegression(11, 4), o);
            Dataset other = ToySets.sigmoidRegression(12, 200);
            for (int r = 0; r < other.rows(); r++) {
                double x0 = other.x()[2 * r];
                double x1 = other.x()[2 * r + 1];
                double predicted = 1 / (1 + Math.exp(-(coef[0] * x0 + coef[1] * x1 + coef[2] * x0 * x1 + coef[3])));
                assertEquals(predicted, other.targets()[2 * r + o], 1e-4, "row " + r + ", output " + o);
            }
        }
    }

    /** Gaussian elimination on the 4 × 4 system logit(y_o) = c·(x0, x1, x0·x1, 1). */
    private static double[] solveLogitCoefficients(Dataset d, int o) {
        double[][] m = new double[4][5];
        for (int r = 0; r < 4; r++) {
            double x0 = d.x()[2 * r];
            double x1 = d.x()[2 * r + 1];
            double y = d.targets()[2 * r + o];
            m[r] = new double[] {x0, x1, x0 * x1, 1, Math.log(y / (1 - y))};
        }
        for (int c = 0; c < 4; c++) {
            int pivot = c;
            for (int r = c + 1; r < 4; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 4; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k < 5; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] coef = new double[4];
        for (int c = 0; c < 4; c++) {
            coef[c] = m[c][4] / m[c][c];
        }
        return coef;
    }

    @Test
    void sigmoidRegressionRejectsNonPositiveRows() {
        assertThrows(IllegalArgumentException.class, () -> ToySets.sigmoidRegression(1, 0));
    }
}
