package io.fdbench.engine.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The Taylor series that gives a sigmoid unit's change below a softmax output in incremental
 * evaluation, against σ(z + δ) − σ(z) in double, up to the step limit where it is used.
 */
class SigmoidSeriesTest {

    @Test
    void seriesEqualsTheSigmoidsChangeToAFractionOfAFloatUlp() {
        float[] deltas = {1e-6f, -3e-4f, 1e-3f, -1e-2f, 2e-2f, -IncrementalFloatLoss.SIGMOID_SERIES_LIMIT,
                IncrementalFloatLoss.SIGMOID_SERIES_LIMIT};
        float[] out = new float[deltas.length];
        for (double z = -12; z <= 12; z += 0.37) {
            float a = (float) sigmoid(z);
            // The series starts from the cached float a, as the engine does: z is the point whose
            // sigmoid is a, so the reference runs from there.
            double zA = Math.log(a / (1.0 - a));
            IncrementalFloatLoss.sigmoidSeries(a, deltas, out, deltas.length);
            for (int q = 0; q < deltas.length; q++) {
                double expected = sigmoid(zA + deltas[q]) - sigmoid(zA);
                // Float arithmetic on the coefficients: a few ulps of the change, plus the
                // truncation (below δ⁴/120 of it).
                assertEquals(expected, out[q], 4e-7 * Math.abs(expected) + 1e-15,
                        "z " + z + " delta " + deltas[q]);
            }
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
