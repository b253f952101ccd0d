package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {

    private final Mlp model = new Mlp(new int[] {12, 8, 6, 4}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY,
            TestData.kernel());
    private final Batch batch = TestData.classification(30, 12, 4, 0.5, 1).asBatch();
    private final float[] theta = model.initialise(Init.XAVIER, 2);

    @Test
    void backpropPassesAgainstCentralDifferencesOnTheReference() {
        GradientCheck.Report r = GradientCheck.backpropAgainstReference(model, theta, batch, null);
        assertTrue(r.passed(), r.format());
        assertEquals(model.blocks().size(), r.blocks().size());
        assertTrue(r.format().contains("PASS"));
    }

    /** A gradient with one layer's block scaled by ½ must FAIL, and the report must point at that block. */
    @Test
    void aGradientWithOneBlockHalvedFails() {
        float[] good = new float[model.parameterCount()];
        new BackpropEstimator(model, 30).gradient(theta, batch, good);
        float[] bad = good.clone();
        ParameterBlock w2 = model.block("W2");
        for (int i = w2.offset(); i < w2.offset() + w2.size(); i++) {
            bad[i] *= 0.5f;
        }
        GradientCheck.Report ok = GradientCheck.compare(model, "backprop", good, "same", good.clone(), null, 1e-4, 5);
        GradientCheck.Report r = GradientCheck.compare(model, "halved", bad, "backprop", good, null, 1e-4, 5);
        assertTrue(ok.passed());
        assertFalse(r.passed(), r.format());
        assertTrue(r.format().contains("FAIL"));
        for (GradientCheck.BlockError b : r.blocks()) {
            if (b.block().equals("W2")) {
                assertEquals(1.0 / 3.0, b.relativeError(), 1e-6, "½g vs g gives (½)/(1½)");
            } else {
                assertEquals(0.0, b.relativeError(), 0.0, b.block());
            }
        }
        assertTrue(r.worst().stream().allMatch(e -> e.block().equals("W2")), r.format());
    }

    @Test
    void comparisonOverASubsetCountsOnlyThoseEntries() {
        float[] a = new float[model.parameterCount()];
        float[] b = new float[model.parameterCount()];
        b[3] = 1f;
        int[] subset = {0, 1, 2};
        GradientCheck.Report r = GradientCheck.compare(model, "a", a, "b", b, subset, 1e-4, 3);
        assertEquals(3, r.compared());
        assertTrue(r.passed(), "entry 3 is outside the subset");
    }
}
