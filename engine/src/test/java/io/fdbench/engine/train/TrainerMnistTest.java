package io.fdbench.engine.train;

import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerMnistTest {

    /** The classic TwoLayerNet setup: a NumPy version reaches 0.91 after 4,000 steps. */
    @Test
    void mnist10kReachesNinetyPercentTestAccuracyWithin50Epochs() {
        MnistData.Split data = MnistData.embedded();
        Mlp model = new Mlp(new int[] {784, 50, 10}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        float[] theta0 = model.initialise(Init.NORMAL_001, 1);
        TrainingConfig config = TrainingConfig.builder().batchSize(100).learningRate(0.1).epochs(50).seed(2).build();
        TrainingResult result = new Trainer(model, new BackpropEstimator(model, 100), config, data.train(), data.test())
                .train(theta0);
        double best = result.epochs().stream().mapToDouble(EpochStats::testAccuracy).max().orElse(0);
        double first = result.epochs().get(0).testAccuracy();
        assertTrue(best >= 0.90, "best test accuracy " + best);
        assertTrue(first < best, "accuracy improves with training");
    }
}
