package io.fdbench.engine.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** softmaxLossShift against the same quantity in double, for every kernel and tail length. */
class SoftmaxLossShiftTest {

    @Test
    void shiftEqualsTheChangeOfTheCrossEntropyComputedInDouble() {
        Random r = new Random(3);
        for (Kernel k : new Kernel[] {Kernels.scalar(), Kernels.best()}) {
            for (int classes : new int[] {2, 10, 17}) {
                double[] logits = new double[classes];
                for (int c = 0; c < classes; c++) {
                    logits[c] = r.nextGaussian() * 3;
                }
                double max = java.util.Arrays.stream(logits).max().orElseThrow();
                double sum = 0;
                for (double v : logits) {
                    sum += Math.exp(v - max);
                }
                float[] p = new float[classes];
                for (int c = 0; c < classes; c++) {
                    p[c] = (float) (Math.exp(logits[c] - max) / sum);
                }
                float[] w = new float[classes];
                for (int c = 0; c < classes; c++) {
                    w[c] = (float) r.nextGaussian();
                }
                int label = r.nextInt(classes);
                // Scale 0.5 takes the range-reduced exp; 1e-3, a finite-difference step's size,
                // takes the short Taylor path of the vector kernel, held to a tighter bound.
                for (double scale : new double[] {0.5, 1e-3})
                for (int count : new int[] {1, 7, 16, 37, 300}) {
                    float[] d = new float[count + 3];
                    for (int t = 0; t < d.length; t++) {
                        d[t] = (float) (r.nextGaussian() * scale);
                    }
                    float[] out = new float[count + 5];
                    out[2 + count] = 42f;
                    k.softmaxLossShift(count, d, 3 % d.length == 0 ? 0 : 1, p, 0, w, 0, classes, label, out, 2);
                    int dOff = 3 % d.length == 0 ? 0 : 1;
                    for (int t = 0; t < count; t++) {
                        double s = 0;
                        for (int c = 0; c < classes; c++) {
                            s += p[c] * Math.exp((double) d[dOff + t] * w[c]);
                        }
                        double expected = Math.log(s) - (double) d[dOff + t] * w[label];
                        double tolerance = scale < 0.01 ? 3e-7 : 2e-6 * (1 + Math.abs(expected));
                        assertEquals(expected, out[2 + t], tolerance,
                                k.name() + " classes " + classes + " scale " + scale + " count " + count
                                        + " point " + t);
                    }
                    assertEquals(42f, out[2 + count], 0f, k.name() + ": nothing written past count");
                }
            }
        }
    }
}
