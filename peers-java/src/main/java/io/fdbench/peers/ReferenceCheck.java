package io.fdbench.peers;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;

/**
 * The check every peer passes before it is timed: its gradient on the suite's weights and batch
 * against the engine's double-precision reference ({@link ReferenceMlp}, EJML), as the relative
 * error ‖g − g_ref‖₂ / ‖g_ref‖₂ over all parameters in the engine's flat layout.
 */
public final class ReferenceCheck {

    /** The largest relative error a float32 peer may have (the bound). */
    public static final double TOLERANCE = 1e-4;

    private ReferenceCheck() {
    }

    /** The relative error of {@code peerGradient} (flat layout, mean-loss gradient) against the double reference. */
    public static double relativeError(Mlp model, float[] theta, Batch batch, double[] peerGradient) {
        double[] ref = new ReferenceMlp(model).gradient(ReferenceMlp.toDouble(theta), batch);
        if (peerGradient.length != ref.length) {
            throw new IllegalStateException("peer gradient has " + peerGradient.length + " entries, the model "
                    + ref.length);
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < ref.length; i++) {
            double d = peerGradient[i] - ref[i];
            num += d * d;
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }

    /** Throws with a one-line message naming the peer when its gradient is off by {@link #TOLERANCE} or more. */
    public static double require(String peer, Mlp model, float[] theta, Batch batch, double[] peerGradient) {
        double rel = relativeError(model, theta, batch, peerGradient);
        if (!(rel < TOLERANCE)) {
            throw new IllegalStateException(peer + ": gradient differs from the engine's double reference by "
                    + String.format(java.util.Locale.ROOT, "%.3e", rel) + " (relative, must be < " + TOLERANCE
                    + "); not timing a wrong gradient");
        }
        return rel;
    }
}
