package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.ParallelKernel;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SPSA, the Gaussian two-point (MeZO) estimator and the forward gradient. */
class ZerothOrderEstimatorsTest {

    private static final String[] NAMES = {"spsa", "gaussian", "forward-gradient"};

    private final Mlp model = new Mlp(new int[] {5, 4, 3}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY,
            TestData.kernel());
    private final Batch batch = TestData.classification(20, 5, 3, 0.2, 4).asBatch();
    private final float[] theta = model.initialise(Init.XAVIER, 3);

    private float[] backprop() {
        float[] g = new float[model.parameterCount()];
        new BackpropEstimator(model, batch.size()).gradient(theta, batch, g);
        return g;
    }

    private float[] estimate(String name, EstimatorOptions o) {
        float[] g = new float[model.parameterCount()];
        try (GradientEstimator e = Estimators.kind(name).create(model, batch.size(), o)) {
            e.gradient(theta, batch, g);
        }
        return g;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /**
     * Unbiased estimators: with q directions the cosine to the gradient is about 1/√(1 + P/q) (P = 39
     * here): 0.99 at q = 2048, 0.2 or so at q = 1.
     */
    @Test
    void manyDirectionsApproachTheBackpropGradient() {
        float[] g = backprop();
        for (String name : NAMES) {
            double many = cosine(estimate(name, EstimatorOptions.defaults().withDirections(2048)), g);
            assertTrue(many > 0.9, name + ": cosine " + many + " with 2048 directions");
            double one = cosine(estimate(name, EstimatorOptions.defaults()), g);
            assertTrue(one < many, name + ": one direction " + one + " is no better than 2048");
        }
        double relative = cosine(estimate("spsa", EstimatorOptions.defaults().withDirections(2048)
                .withStep(StepRule.relative(TwoPointEstimator.defaultStep()))), g);
        assertTrue(relative > 0.9, "spsa with a relative step: " + relative);
    }

    @Test
    void theSameSeedGivesTheSameBitsAndEachCallNewDirections() {
        for (String name : NAMES) {
            EstimatorOptions o = EstimatorOptions.defaults().withDirections(3).withDirectionSeed(11);
            float[] a1 = new float[theta.length];
            float[] a2 = new float[theta.length];
            float[] b1 = new float[theta.length];
            try (GradientEstimator a = Estimators.kind(name).create(model, batch.size(), o);
                 GradientEstimator b = Estimators.kind(name).create(model, batch.size(), o)) {
                a.gradient(theta, batch, a1);
                a.gradient(theta, batch, a2);
                b.gradient(theta, batch, b1);
            }
            assertArrayEquals(a1, b1, name + ": same seed, same call, same bits");
            assertFalse(Arrays.equals(a1, a2), name + ": the second call takes new directions");
            assertFalse(Arrays.equals(a1, estimate(name, o.withDirectionSeed(12))), name + ": another seed");
        }
    }

    /**
     * Not parallelised themselves, they run their forward passes on the model's kernel: a kernel
     * that splits the products over two threads (row splits, bit-identical) gives the same bits.
     */
    @Test
    void theEstimateDoesNotDependOnTheKernelsThreadCount() {
        Mlp wide = new Mlp(new int[] {120, 100, 10}, Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY, TestData.kernel());
        Batch rows = TestData.classification(100, 120, 10, 0.0, 6).asBatch();
        float[] at = wide.initialise(Init.XAVIER, 7);
        try (ParallelKernel parallel = new ParallelKernel(TestData.kernel(), 2)) {
            Mlp split = wide.withKernel(Kernel.of(parallel));
            for (String name : NAMES) {
                EstimatorOptions o = EstimatorOptions.defaults().withDirections(2);
                float[] one = new float[wide.parameterCount()];
                float[] two = new float[wide.parameterCount()];
                try (GradientEstimator a = Estimators.kind(name).create(wide, 100, o);
                     GradientEstimator b = Estimators.kind(name).create(split, 100, o)) {
                    a.gradient(at, rows, one);
                    b.gradient(at, rows, two);
                }
                assertArrayEquals(one, two, name + ": one thread or two, the same bits");
            }
        }
    }

    /**
     * The gaussian and forward-gradient estimators take the same directions: they differ by the
     * difference quotient's error only.
     */
    @Test
    void theGaussianTwoPointEstimateIsTheForwardGradientUpToTheDifferenceError() {
        EstimatorOptions o = EstimatorOptions.defaults().withDirections(8);
        float[] twoPoint = estimate("gaussian", o);
        float[] forward = estimate("forward-gradient", o);
        double d = 0;
        double n = 0;
        for (int i = 0; i < theta.length; i++) {
            d += Math.pow(twoPoint[i] - forward[i], 2);
            n += (double) forward[i] * forward[i];
        }
        assertTrue(Math.sqrt(d / n) < 1e-2, "relative difference " + Math.sqrt(d / n));
    }

    @Test
    void theyCountTwoTwoAndOneLossEvaluationsPerDirection() {
        int[] perDirection = {2, 2, 1};
        for (int j = 0; j < NAMES.length; j++) {
            for (int q : new int[] {1, 5}) {
                try (GradientEstimator e = Estimators.kind(NAMES[j]).create(model, batch.size(),
                        EstimatorOptions.defaults().withDirections(q))) {
                    float[] g = new float[theta.length];
                    e.gradient(theta, batch, g);
                    assertEquals((long) perDirection[j] * q, e.lossEvaluations(), NAMES[j] + ", q = " + q);
                    e.gradient(theta, batch, g, new int[] {0, 3});
                    assertEquals(2L * perDirection[j] * q, e.lossEvaluations(), NAMES[j] + ": a subset costs the same");
                }
            }
        }
    }

    @Test
    void theReturnedLossIsTheLossAtTheta() {
        double exact = backpropLoss();
        for (String name : NAMES) {
            float[] g = new float[theta.length];
            try (GradientEstimator e = Estimators.kind(name).create(model, batch.size(),
                    EstimatorOptions.defaults().withDirections(4))) {
                double loss = e.gradient(theta, batch, g);
                // the two-point estimators return the mean of f(θ ± hv): f(θ) to O(h²·‖v‖²)
                assertEquals(exact, loss, 1e-3 * exact, name);
            }
        }
    }

    private double backpropLoss() {
        float[] g = new float[model.parameterCount()];
        return new BackpropEstimator(model, batch.size()).gradient(theta, batch, g);
    }

    @Test
    void directionsAreRademacherOrStandardNormal() {
        long stream = RandomDirections.stream(1, 0, 0);
        int n = 200_000;
        double sum = 0;
        double sum2 = 0;
        int plus = 0;
        for (int i = 0; i < n; i++) {
            float r = RandomDirections.component(RandomDirections.Distribution.RADEMACHER, stream, i);
            assertTrue(r == 1f || r == -1f);
            plus += r > 0 ? 1 : 0;
            double v = RandomDirections.component(RandomDirections.Distribution.GAUSSIAN, stream, i);
            sum += v;
            sum2 += v * v;
        }
        assertEquals(0.5, (double) plus / n, 0.005, "balanced signs (5 σ)");
        assertEquals(0, sum / n, 0.012, "mean 0 (5 σ)");
        assertEquals(1, sum2 / n, 0.016, "variance 1 (5 σ)");
        assertFalse(RandomDirections.stream(1, 0, 1) == stream || RandomDirections.stream(1, 1, 0) == stream
                || RandomDirections.stream(2, 0, 0) == stream, "distinct streams");
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TwoPointEstimator(model, 20,
                RandomDirections.Distribution.RADEMACHER, StepRule.absolute(1e-3), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ForwardGradientEstimator(model, 20, 0, 1));
        try (GradientEstimator e = Estimators.kind("spsa").create(model, 20, EstimatorOptions.defaults())) {
            assertThrows(IllegalArgumentException.class, () -> e.gradient(theta, batch, new float[3]));
        }
    }

    @Test
    void theFootprintsCountTheirWorkspaces() {
        int[] sizes = model.sizes();
        long p = Footprint.parameterVector(sizes);
        long state = Footprint.forwardState(sizes, 20);
        assertEquals(p + state, Footprint.twoPoint(sizes, 20), "one perturbed θ and a forward state");
        assertEquals(p + state + 4L * 20 * (4 + 3 + 3), Footprint.forwardGradient(sizes, 20),
                "a direction, the tangents and the output delta");
        assertEquals(Footprint.twoPoint(sizes, 20), Estimators.kind("spsa").footprint().bytes(sizes, 20,
                EstimatorOptions.defaults().withDirections(1000)), "the directions are not stored");
        assertEquals(TwoPointEstimator.defaultStep(), Estimators.kind("gaussian").resolve(EstimatorOptions.defaults())
                .step().h(), 0.0);
        assertEquals(3L * 8 * model.parameterCount(), Footprint.directionChecks(sizes), "three vectors in double");
        assertEquals(0x1p-8, TwoPointEstimator.defaultStep(), 1e-18, "∛u of float");
    }
}
