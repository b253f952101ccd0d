package io.fdbench.engine.nn;

import java.util.Locale;
import java.util.Random;

/** Seeded weight initialisations; biases always start at zero. */
public enum Init {
    /** N(0, 0.01²): the classic from-scratch TwoLayerNet's weight_init_std = 0.01. */
    NORMAL_001,
    /** Glorot/Xavier uniform: U(±√(6 / (in + out))). */
    XAVIER,
    /** He normal: N(0, 2 / in), for ReLU layers. */
    HE;

    /** Fills layer weights [in × out] starting at off, drawing from rnd. */
    void fill(float[] theta, int off, int in, int out, Random rnd) {
        int count = in * out;
        switch (this) {
            case NORMAL_001:
                for (int i = 0; i < count; i++) {
                    theta[off + i] = (float) (0.01 * rnd.nextGaussian());
                }
                break;
            case XAVIER:
                double limit = Math.sqrt(6.0 / (in + out));
                for (int i = 0; i < count; i++) {
                    theta[off + i] = (float) ((2 * rnd.nextDouble() - 1) * limit);
                }
                break;
            default:
                double sigma = Math.sqrt(2.0 / in);
                for (int i = 0; i < count; i++) {
                    theta[off + i] = (float) (sigma * rnd.nextGaussian());
                }
        }
    }

    public static Init parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "normal":
            case "normal-0.01":
            case "normal_001":
                return NORMAL_001;
            case "xavier":
            case "glorot":
                return XAVIER;
            case "he":
                return HE;
            default:
                throw new IllegalArgumentException("unknown init '" + s + "' (expected normal, xavier or he)");
        }
    }
}
