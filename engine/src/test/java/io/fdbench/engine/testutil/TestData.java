package io.fdbench.engine.testutil;

import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;

import java.util.Random;

/** Seeded synthetic data and small numeric helpers shared by the tests. */
public final class TestData {

    private TestData() {
    }

    /** The kernel under test: {@link Kernels#best()} (SIMD in the main run, scalar in the fallback run). */
    public static Kernel kernel() {
        return Kernels.best();
    }

    /** Inputs in [0, 1] with about {@code zeroFraction} exact zeros, random labels in [0, classes). */
    public static Dataset classification(int rows, int features, int classes, double zeroFraction, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < zeroFraction ? 0f : (float) r.nextDouble();
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(classes);
        }
        return Dataset.classification("random-" + seed, x, features, labels, classes);
    }

    /** Inputs N(0, 1), targets uniform in [0, 1] (reachable by sigmoid outputs). */
    public static Dataset regression(int rows, int features, int outputs, long seed) {
        Random r = new Random(seed);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] t = new float[rows * outputs];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) r.nextDouble();
        }
        return Dataset.regression("random-" + seed, x, features, t, outputs);
    }

    /** XOR as a regression set with one output: 00→0, 01→1, 10→1, 11→0. */
    public static Dataset xor() {
        return Dataset.regression("xor", new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 2, new float[] {0, 1, 1, 0}, 1);
    }

    /** ‖a − b‖ / (‖a‖ + ‖b‖). */
    public static double relativeError(double[] a, double[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.sqrt(d) / (Math.sqrt(na) + Math.sqrt(nb));
    }

    /** ‖a − b‖ / (‖a‖ + ‖b‖) over entries [from, to). */
    public static double relativeError(float[] a, double[] b, int from, int to) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = from; i < to; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            na += (double) a[i] * a[i];
            nb += b[i] * b[i];
        }
        return Math.sqrt(d) / (Math.sqrt(na) + Math.sqrt(nb));
    }

    public static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
