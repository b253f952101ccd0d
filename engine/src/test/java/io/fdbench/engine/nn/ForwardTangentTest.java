package io.fdbench.engine.nn;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tangent pass gives vᵀ∇f: against vᵀg of backprop on the same float kernel, within float
 * rounding. Bound: |tangent − vᵀg| ≤ 1e-5 · Σ|vᵢ·gᵢ| (about 170 u; both are float evaluations of
 * the same sum whose rounding errors are a few dozen u of that magnitude at these sizes; measured
 * up to 1e-7).
 */
class ForwardTangentTest {

    private static final double BOUND = 1e-5;

    @Test
    void theTangentPassGivesTheDirectionalDerivativeOfBackprop() {
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU}) {
            Mlp m = new Mlp(new int[] {12, 8, 6, 4}, hidden, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
            check(m, Init.XAVIER, TestData.classification(30, 12, 4, 0.3, 1).asBatch());
        }
        // mostly zero inputs: the first layer runs sparse on every kernel; no zeros: dense
        Mlp wide = new Mlp(new int[] {40, 7, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        check(wide, Init.XAVIER, TestData.classification(25, 40, 3, 0.97, 2).asBatch());
        check(wide, Init.XAVIER, TestData.classification(25, 40, 3, 0.0, 2).asBatch());
        for (Loss loss : new Loss[] {Loss.SIGMOID_SQUARED_ERROR, Loss.IDENTITY_SQUARED_ERROR}) {
            Mlp m = new Mlp(new int[] {5, 6, 2}, Activation.SIGMOID, loss, TestData.kernel());
            check(m, Init.XAVIER, TestData.regression(20, 5, 2, 3).asBatch());
        }
    }

    private static void check(Mlp m, Init init, Batch batch) {
        float[] theta = m.initialise(init, 5);
        float[] g = new float[m.parameterCount()];
        ForwardState s = m.newState(batch.size());
        Backprop.gradient(m, theta, batch, s, g);
        ForwardTangent t = new ForwardTangent(m, batch.size());
        m.forward(theta, batch, s);
        t.prepare(batch, s);
        Random r = new Random(9);
        for (int k = 0; k < 3; k++) {
            float[] v = new float[m.parameterCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) r.nextGaussian();
            }
            double vg = 0;
            double scale = 0;
            for (int i = 0; i < v.length; i++) {
                vg += (double) v[i] * g[i];
                scale += Math.abs((double) v[i] * g[i]);
            }
            double d = t.directionalDerivative(theta, v, batch, s);
            assertTrue(Math.abs(d - vg) <= BOUND * scale, m.describe() + ": tangent " + d + " vs vᵀg " + vg
                    + " (scale " + scale + ")");
        }
        // a unit direction on one weight gives that weight's derivative
        float[] e = new float[m.parameterCount()];
        int i = m.weightOffset(m.layerCount() - 1) + 1;
        e[i] = 1f;
        double d = t.directionalDerivative(theta, e, batch, s);
        assertTrue(Math.abs(d - g[i]) <= BOUND * Math.abs(g[i]) + 1e-9, m.describe() + ": " + d + " vs " + g[i]);
    }

    @Test
    void aBatchLargerThanTheCapacityIsRefused() {
        Mlp m = new Mlp(new int[] {4, 3, 2}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch batch = TestData.classification(10, 4, 2, 0.0, 1).asBatch();
        ForwardState s = m.newState(10);
        m.forward(m.initialise(Init.XAVIER, 1), batch, s);
        ForwardTangent t = new ForwardTangent(m, 5);
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> t.prepare(batch, s));
        assertTrue(x.getMessage().contains("capacity 5"), x.getMessage());
    }
}
