package io.fdbench.engine.grad;

import io.fdbench.engine.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The work model's counts against hand-computed ones on small networks. */
class WorkModelTest {

    // 4-3-2, batch 10, a quarter of the input columns blank, half the input entries zero.
    private static final int[] NET = {4, 3, 2};

    @Test
    void forwardCountsTheLiveInputsOfTheFirstLayer() {
        // 2·10·(4·0.75)·3 + 2·10·3·2 = 180 + 120
        assertEquals(300, WorkModel.forwardFlops(NET, 10, 0.25), 0);
    }

    @Test
    void backpropIsTwoForwardsPlusTheDeltasBelowTheOutput() {
        // forward 300, weight gradients 300, δ·Wᵀ into the hidden layer 2·10·3·2 = 120
        assertEquals(720, WorkModel.backpropFlops(NET, 10, 0.25), 0);
    }

    @Test
    void fullEvaluationIsOneForwardPerLossEvaluation() {
        // 23 parameters: central 46 forwards, one-sided 24
        assertEquals(46 * 300, WorkModel.flops(NET, 10, 0.25, 0.5, Scheme.CENTRAL, Evaluation.FULL), 0);
        assertEquals(24 * 300, WorkModel.flops(NET, 10, 0.25, 0.5, Scheme.FORWARD, Evaluation.FULL), 0);
    }

    @Test
    void incrementalCountsAffectedSamplesTimesThePointWork() {
        // softmax over 2 classes: 2 exps + 1 log = 2·12 + 20 = 44 per point and sample.
        assertEquals(44, WorkModel.pointFlops(NET, 1), 0);
        // below the softmax: the unit's sigmoid first, 24 + 44.
        assertEquals(68, WorkModel.pointFlops(NET, 0), 0);
        // layer 0: 4·3 weights × 10·0.5 samples + 3 biases × 10 = 90 point-samples per side;
        // layer 1: 3·2 × 10 + 2 × 10 = 80; plus the cached forward pass.
        double central = 300 + 2 * (90 * 68 + 80 * 44);
        assertEquals(central, WorkModel.flops(NET, 10, 0.25, 0.5, Scheme.CENTRAL, Evaluation.INCREMENTAL), 0);
        assertEquals(300 + (central - 300) / 2,
                WorkModel.flops(NET, 10, 0.25, 0.5, Scheme.BACKWARD, Evaluation.INCREMENTAL), 0);
    }

    @Test
    void deeperLayersCarryTheRankOneUpdateThrough() {
        // 3-4-5-2, a first-layer parameter: its unit's sigmoid (24), the rank-one update of the 5
        // next pre-activations (2·5), their sigmoids (5·24) and the 5×2 GEMV (2·5·2), the loss (44).
        assertEquals(24 + 10 + 120 + 20 + 44, WorkModel.pointFlops(new int[] {3, 4, 5, 2}, 0), 0);
        // squared error on one output below it: Δa·W (2), the output's 3 FLOPs and sigmoid.
        assertEquals(24 + 2 + 3 + 24, WorkModel.pointFlops(new int[] {2, 3, 1}, 0), 0);
    }

    @Test
    void blankFractionCountsColumnsZeroInEveryRow() {
        // 3 rows × 4 inputs: column 0 is zero in every row, column 2 in two of three.
        float[] x = {
            0, 1, 0, 2,
            0, 3, 0, 4,
            0, 5, 6, 7,
        };
        var batch = Dataset.classification("blank", x, 4, new int[] {0, 1, 0}, 2).asBatch();
        assertEquals(0.25, WorkModel.blankInputFraction(batch), 0);
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> WorkModel.backpropFlops(new int[] {3}, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> WorkModel.backpropFlops(NET, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> WorkModel.flops(NET, 10, 1.5, 0, Scheme.CENTRAL, Evaluation.FULL));
    }
}
