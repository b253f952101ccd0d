package io.fdbench.engine.train;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.testutil.TestData;
import io.fdbench.engine.train.TrainingResult.StopReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static Mlp xorNet(Activation hidden) {
        return new Mlp(new int[] {2, 4, 1}, hidden, Loss.SIGMOID_SQUARED_ERROR, TestData.kernel());
    }

    private static TrainingResult trainXor(Mlp m, TrainingConfig c, long initSeed) {
        Trainer t = new Trainer(m, new BackpropEstimator(m, Math.min(c.batchSize(), 4)), c, TestData.xor());
        return t.train(m.initialise(Init.XAVIER, initSeed));
    }

    private static float[] predict(Mlp m, float[] theta, Dataset d) {
        ForwardState s = m.newState(d.rows());
        m.forward(theta, d.asBatch(), s);
        return Arrays.copyOf(s.activation(m.layerCount() - 1), d.rows() * d.outputs());
    }

    @Test
    void fullBatchMomentumLearnsXor() {
        TrainingConfig c = TrainingConfig.builder().batchSize(4).learningRate(3).momentum(0.9).epochs(2000).seed(1)
                .build();
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            for (long seed = 1; seed <= 3; seed++) {
                Mlp m = xorNet(hidden);
                TrainingResult r = trainXor(m, c, seed);
                float[] y = predict(m, r.theta(), TestData.xor());
                float[] want = {0, 1, 1, 0};
                for (int i = 0; i < 4; i++) {
                    assertEquals(want[i], y[i], 0.1, hidden + " init seed " + seed + ": predictions " + Arrays.toString(y));
                }
                assertEquals(StopReason.EPOCHS, r.stopReason());
                assertEquals(2000, r.iterations());
                assertEquals(2000, r.epochs().size());
                assertTrue(r.last().trainLoss() < r.epochs().get(0).trainLoss());
            }
        }
    }

    @Test
    void sameSeedGivesBitIdenticalParameters() {
        Mlp m = xorNet(Activation.TANH);
        TrainingConfig c = TrainingConfig.builder().batchSize(2).learningRate(0.5).momentum(0.9).epochs(50).seed(17)
                .build();
        float[] a = trainXor(m, c, 1).theta();
        float[] b = trainXor(m, c, 1).theta();
        assertArrayEquals(a, b);
        float[] other = trainXor(m, c.withSeed(18), 1).theta();
        assertFalse(Arrays.equals(a, other), "another shuffling seed should change the mini-batch path");
    }

    @Test
    void batchLargerThanTheSetIsFullBatchAndIgnoresTheSeed() {
        Mlp m = xorNet(Activation.SIGMOID);
        TrainingConfig c = TrainingConfig.builder().batchSize(4).learningRate(2).momentum(0.5).epochs(20).seed(1)
                .build();
        float[] a = trainXor(m, c, 5).theta();
        assertArrayEquals(a, trainXor(m, c.withBatchSize(1000).withSeed(99), 5).theta());
    }

    @Test
    void initialThetaIsNotModified() {
        Mlp m = xorNet(Activation.SIGMOID);
        float[] theta0 = m.initialise(Init.XAVIER, 1);
        float[] copy = theta0.clone();
        TrainingResult r = new Trainer(m, new BackpropEstimator(m, 4), TrainingConfig.builder().batchSize(4)
                .learningRate(1).epochs(3).build(), TestData.xor()).train(theta0);
        assertArrayEquals(copy, theta0);
        assertFalse(Arrays.equals(copy, r.theta()));
    }

    /** A fake estimator with a constant gradient of 1: the update rule in closed form. */
    @Test
    void momentumUpdateRuleIsClassicMomentum() {
        Mlp m = new Mlp(new int[] {1, 1}, Activation.TANH, Loss.IDENTITY_SQUARED_ERROR, TestData.kernel());
        GradientEstimator ones = new GradientEstimator() {
            @Override
            public String name() {
                return "ones";
            }

            @Override
            public double gradient(float[] theta, Batch batch, float[] grad) {
                Arrays.fill(grad, 1f);
                return 2.5;
            }

            @Override
            public long lossEvaluations() {
                return 0;
            }
        };
        Dataset d = Dataset.regression("one", new float[] {1}, 1, new float[] {0}, 1);
        TrainingConfig c = TrainingConfig.builder().batchSize(1).learningRate(0.5).momentum(0.5).epochs(3).build();
        TrainingResult r = new Trainer(m, ones, c, d).train(new float[] {0, 0});
        // v1 = −0.5, θ1 = −0.5; v2 = −0.25 − 0.5 = −0.75, θ2 = −1.25; v3 = −0.375 − 0.5 = −0.875, θ3 = −2.125.
        assertArrayEquals(new float[] {-2.125f, -2.125f}, r.theta(), 0f);
        assertEquals(2.5, r.last().trainLoss(), 0.0);
        TrainingResult plain = new Trainer(m, ones, c.withMomentum(0), d).train(new float[] {0, 0});
        assertArrayEquals(new float[] {-1.5f, -1.5f}, plain.theta(), 0f);
    }

    /**
     * Linear least squares with inputs away from zero: an ill-conditioned quadratic in (w, b)
     * (Hessian [[9.5, 3], [3, 1]], eigenvalues about 10.45 and 0.048). At the same learning rate,
     * plain descent crawls along the flat direction (rate lr·λmin ≈ 0.005 per step) while
     * momentum 0.9 goes about ten times faster.
     */
    @Test
    void momentumBeatsPlainDescentOnAnIllConditionedQuadratic() {
        Mlp m = new Mlp(new int[] {1, 1}, Activation.TANH, Loss.IDENTITY_SQUARED_ERROR, TestData.kernel());
        float[] x = {2, 2.5f, 3, 3.5f, 4};
        float[] t = new float[5];
        for (int i = 0; i < 5; i++) {
            t[i] = 2 * x[i] - 3;
        }
        Dataset d = Dataset.regression("line", x, 1, t, 1);
        TrainingConfig c = TrainingConfig.builder().batchSize(5).learningRate(0.1).epochs(200).build();
        double plain = new Trainer(m, new BackpropEstimator(m, 5), c.withMomentum(0), d)
                .train(new float[2]).last().trainLoss();
        double heavy = new Trainer(m, new BackpropEstimator(m, 5), c.withMomentum(0.9), d)
                .train(new float[2]).last().trainLoss();
        double initial = new FloatLoss(m, d).at(new float[2]);
        System.out.printf("ill-conditioned quadratic after 200 steps: loss %.3e initially, %.3e plain, %.3e momentum 0.9%n",
                initial, plain, heavy);
        assertTrue(plain < 0.5 * initial, "plain descent should make some progress: " + plain + " from " + initial);
        assertTrue(heavy < 1e-3 * plain, "momentum " + heavy + " vs plain " + plain);
    }

    /** The mean loss of a data set at θ, by the float forward pass. */
    private record FloatLoss(Mlp m, Dataset d) {
        double at(float[] theta) {
            return m.forward(theta, d.asBatch(), m.newState(d.rows()));
        }
    }

    @Test
    void earlyStopTriggersWithALargeTolerance() {
        Mlp m = xorNet(Activation.SIGMOID);
        TrainingConfig c = TrainingConfig.builder().batchSize(4).learningRate(1).epochs(100).tolerance(1e9).build();
        TrainingResult r = trainXor(m, c, 1);
        assertEquals(StopReason.CONVERGED, r.stopReason());
        assertEquals(2, r.epochs().size(), "the first comparison is after epoch 2");
        assertEquals(2, r.iterations());
        TrainingResult off = trainXor(m, c.withTolerance(0), 1);
        assertEquals(StopReason.EPOCHS, off.stopReason());
        assertEquals(100, off.epochs().size());
    }

    @Test
    void earlyStopOnTheFullTrainingEvaluation() {
        Mlp m = xorNet(Activation.SIGMOID);
        TrainingConfig c = TrainingConfig.builder().batchSize(4).learningRate(0.01).epochs(100).tolerance(1e-3)
                .evaluateTrainingSet(true).build();
        TrainingResult r = trainXor(m, c, 1);
        assertEquals(StopReason.CONVERGED, r.stopReason());
        EpochStats last = r.last();
        EpochStats before = r.epochs().get(r.epochs().size() - 2);
        assertTrue(Math.abs(last.trainEvalLoss() - before.trainEvalLoss()) < 1e-3);
        assertFalse(Double.isNaN(last.trainEvalLoss()));
        assertTrue(Double.isNaN(last.trainAccuracy()), "no accuracy for regression");
    }

    @Test
    void iterationBudgetEndsMidEpoch() {
        Mlp m = xorNet(Activation.SIGMOID);
        // 4 rows in batches of 3: two steps per epoch (3 + 1 rows).
        TrainingConfig c = TrainingConfig.builder().batchSize(3).learningRate(1).iterations(5).build();
        List<EpochStats> seen = new ArrayList<>();
        TrainingResult r = new Trainer(m, new BackpropEstimator(m, 3), c, TestData.xor())
                .train(m.initialise(Init.XAVIER, 1), seen::add);
        assertEquals(StopReason.ITERATIONS, r.stopReason());
        assertEquals(5, r.iterations());
        assertEquals(3, r.epochs().size());
        assertEquals(r.epochs(), seen, "the listener sees every epoch");
        assertEquals(List.of(2L, 2L, 1L), r.epochs().stream().map(EpochStats::steps).toList());
        assertEquals(List.of(1, 2, 3), r.epochs().stream().map(EpochStats::epoch).toList());
        assertEquals(List.of(2L, 4L, 5L), r.epochs().stream().map(EpochStats::iterations).toList());
        // Budget hit exactly at an epoch boundary.
        TrainingResult exact = new Trainer(m, new BackpropEstimator(m, 3), c.withMaxIterations(4), TestData.xor())
                .train(m.initialise(Init.XAVIER, 1));
        assertEquals(StopReason.ITERATIONS, exact.stopReason());
        assertEquals(2, exact.epochs().size());
    }

    @Test
    void classificationReportsTestLossAndAccuracy() {
        // Two Gaussian blobs in 2-D, labels by blob: separable.
        Random rnd = new Random(3);
        int n = 60;
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[2 * i] = (float) (rnd.nextGaussian() * 0.5 + (y[i] == 0 ? -2 : 2));
            x[2 * i + 1] = (float) (rnd.nextGaussian() * 0.5 + (y[i] == 0 ? 1 : -1));
        }
        Dataset all = Dataset.classification("blobs", x, 2, y, 2);
        Dataset train = all.head(40);
        Dataset test = Dataset.classification("blobs-test", Arrays.copyOfRange(x, 80, 120), 2,
                Arrays.copyOfRange(y, 40, 60), 2);
        Mlp m = new Mlp(new int[] {2, 4, 2}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        TrainingConfig c = TrainingConfig.builder().batchSize(8).learningRate(0.2).momentum(0.5).epochs(20)
                .evaluateTrainingSet(true).evalChunk(7).build();
        TrainingResult r = new Trainer(m, new BackpropEstimator(m, 8), c, train, test).train(m.initialise(Init.XAVIER, 1));
        EpochStats last = r.last();
        assertEquals(1.0, last.testAccuracy(), 0.0);
        assertEquals(1.0, last.trainAccuracy(), 0.0);
        Mlp.Score score = m.evaluate(r.theta(), test, m.newState(20), Batch.allocate(20, 2, 2, true));
        assertEquals(score.loss(), last.testLoss(), 1e-6);
        assertTrue(last.testLoss() < r.epochs().get(0).testLoss());
    }

    @Test
    void divergenceStopsTraining() {
        Mlp m = new Mlp(new int[] {1, 1}, Activation.TANH, Loss.IDENTITY_SQUARED_ERROR, TestData.kernel());
        Dataset d = Dataset.regression("line", new float[] {10, 20}, 1, new float[] {1, 2}, 1);
        TrainingConfig c = TrainingConfig.builder().batchSize(2).learningRate(10).epochs(1000).build();
        TrainingResult r = new Trainer(m, new BackpropEstimator(m, 2), c, d).train(new float[2]);
        assertEquals(StopReason.DIVERGED, r.stopReason());
        assertTrue(r.epochs().size() < 1000);
    }

    @Test
    void configValidationNamesTheField() {
        TrainingConfig.Builder ok = TrainingConfig.builder();
        ok.build();
        expectError("batchSize", () -> TrainingConfig.builder().batchSize(0).build());
        expectError("learningRate", () -> TrainingConfig.builder().learningRate(0).build());
        expectError("learningRate", () -> TrainingConfig.builder().learningRate(Double.NaN).build());
        expectError("learningRate", () -> TrainingConfig.builder().learningRate(Double.POSITIVE_INFINITY).build());
        expectError("momentum", () -> TrainingConfig.builder().momentum(1).build());
        expectError("momentum", () -> TrainingConfig.builder().momentum(-0.1).build());
        expectError("epochs", () -> TrainingConfig.builder().epochs(0).build());
        expectError("maxIterations", () -> TrainingConfig.builder().iterations(0).build());
        expectError("tolerance", () -> TrainingConfig.builder().tolerance(-1e-9).build());
        expectError("tolerance", () -> TrainingConfig.builder().tolerance(Double.NaN).build());
        expectError("evalChunk", () -> TrainingConfig.builder().evalChunk(0).build());
        expectError("batchSize", () -> TrainingConfig.builder().build().withBatchSize(-3));
        TrainingConfig c = TrainingConfig.builder().batchSize(7).momentum(0.3).seed(5).build();
        assertEquals(c, c.toBuilder().build());
    }

    private static void expectError(String field, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }

    @Test
    void dataAndParameterShapesAreChecked() {
        Mlp m = xorNet(Activation.SIGMOID);
        BackpropEstimator bp = new BackpropEstimator(m, 4);
        TrainingConfig c = TrainingConfig.builder().batchSize(4).build();
        Trainer t = new Trainer(m, bp, c, TestData.xor());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(new float[3]));
        assertTrue(e.getMessage().contains("theta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(m, bp, c, TestData.regression(4, 3, 1, 1)));
        assertTrue(e.getMessage().contains("training set"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(m, bp, c, TestData.xor(), TestData.classification(4, 2, 1, 0, 1)));
        assertTrue(e.getMessage().contains("test set"), e.getMessage());
    }

    /**
     * The SGD the trainer documents, written out plainly: a fresh batch, gradient and velocity,
     * the seeded Fisher–Yates order per epoch, v = μ·v − lr·g, θ += v. The trainer, with its
     * buffers made once, must take exactly these steps, in every run.
     */
    private static float[] plainSgd(Mlp m, TrainingConfig c, Dataset d, float[] theta0) {
        int rows = d.rows();
        int batchRows = Math.min(c.batchSize(), rows);
        BackpropEstimator bp = new BackpropEstimator(m, batchRows);
        float[] theta = theta0.clone();
        float[] v = new float[theta.length];
        float[] g = new float[theta.length];
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Random rnd = new Random(c.seed());
        for (int epoch = 0; epoch < c.epochs(); epoch++) {
            if (batchRows < rows) {
                Trainer.shuffle(order, rnd);
            }
            for (int from = 0; from < rows; from += batchRows) {
                int count = Math.min(batchRows, rows - from);
                Batch b = Batch.allocate(count, d.features(), d.outputs(), d.isClassification());
                b.fillGather(d, order, from, count, m.kernel());
                bp.gradient(theta, b, g);
                for (int i = 0; i < theta.length; i++) {
                    v[i] = (float) c.momentum() * v[i] - (float) c.learningRate() * g[i];
                    theta[i] += v[i];
                }
            }
        }
        return theta;
    }

    @Test
    void everyRunOfOneTrainerTakesThePlainSgdStepsBitForBit() {
        Dataset d = TestData.classification(37, 12, 3, 0.4, 8);
        Mlp m = new Mlp(new int[] {12, 7, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        for (int batchSize : new int[] {5, 37}) {
            TrainingConfig c = TrainingConfig.builder().batchSize(batchSize).learningRate(0.3).momentum(0.8)
                    .epochs(4).seed(21).build();
            float[] theta0 = m.initialise(Init.XAVIER, 4);
            float[] expected = plainSgd(m, c, d, theta0);
            Trainer t = new Trainer(m, new BackpropEstimator(m, Math.min(batchSize, 37)), c, d);
            TrainingResult first = t.train(theta0);
            TrainingResult second = t.train(theta0);
            assertArrayEquals(expected, first.theta(), "batch " + batchSize + ", first run");
            assertArrayEquals(expected, second.theta(), "batch " + batchSize + ", second run of the same trainer");
            assertEquals(first.epochs().stream().map(EpochStats::trainLoss).toList(),
                    second.epochs().stream().map(EpochStats::trainLoss).toList());
            assertFalse(Arrays.equals(theta0, first.theta()));
        }
    }

    /** The trained network's loss, evaluated in float by the trainer, against the double reference at the same θ. */
    @Test
    void evaluatedTrainingLossAgreesWithTheDoubleReference() {
        Dataset d = TestData.classification(64, 10, 4, 0.3, 2);
        Mlp m = new Mlp(new int[] {10, 8, 4}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        TrainingConfig c = TrainingConfig.builder().batchSize(16).learningRate(0.5).momentum(0.5).epochs(5)
                .evaluateTrainingSet(true).evalChunk(20).seed(3).build();
        TrainingResult r = new Trainer(m, new BackpropEstimator(m, 16), c, d).train(m.initialise(Init.XAVIER, 6));
        double reference = new ReferenceMlp(m).loss(ReferenceMlp.toDouble(r.theta()), d.asBatch());
        assertEquals(reference, r.last().trainEvalLoss(), 1e-5 * reference);
        assertTrue(r.last().trainEvalLoss() < r.epochs().get(0).trainEvalLoss());
    }

    /** Records the batch and gradient arrays an estimator is handed, then delegates to backprop. */
    private static final class RecordingEstimator implements GradientEstimator {
        final GradientEstimator inner;
        final List<float[]> inputs = new ArrayList<>();
        final List<float[]> gradients = new ArrayList<>();

        RecordingEstimator(GradientEstimator inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public double gradient(float[] theta, Batch batch, float[] grad) {
            inputs.add(batch.x());
            gradients.add(grad);
            return inner.gradient(theta, batch, grad);
        }

        @Override
        public long lossEvaluations() {
            return inner.lossEvaluations();
        }
    }

    @Test
    void runsReuseTheBuffersMadeWithTheTrainer() {
        Dataset d = TestData.classification(30, 6, 3, 0.2, 5);
        Mlp m = new Mlp(new int[] {6, 4, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        for (int batchSize : new int[] {7, 30}) {
            RecordingEstimator rec = new RecordingEstimator(new BackpropEstimator(m, Math.min(batchSize, 30)));
            Trainer t = new Trainer(m, rec, TrainingConfig.builder().batchSize(batchSize).epochs(2).build(), d);
            t.train(m.initialise(Init.XAVIER, 1));
            t.train(m.initialise(Init.XAVIER, 2));
            int steps = 2 * 2 * ((30 + batchSize - 1) / batchSize);
            assertEquals(steps, rec.inputs.size());
            for (int i = 1; i < steps; i++) {
                assertSame(rec.inputs.get(0), rec.inputs.get(i), "batch " + batchSize + ": the same batch buffer at step " + i);
                assertSame(rec.gradients.get(0), rec.gradients.get(i), "batch " + batchSize + ": the same gradient at step " + i);
            }
        }
    }

    @Test
    void shuffleIsAPermutation() {
        int[] order = new int[50];
        for (int i = 0; i < 50; i++) {
            order[i] = i;
        }
        Trainer.shuffle(order, new Random(1));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertFalse(Arrays.equals(sorted, order));
    }
}
