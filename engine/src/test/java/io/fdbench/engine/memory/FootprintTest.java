package io.fdbench.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FootprintTest {

    private static final int[] MODEL = {196, 128, 10};
    private static final int BATCH = 40;

    @Test
    void parameterCountMatchesTheModel() {
        for (String spec : new String[] {"784-50-10", "2-3-1", "64-32-16-10", "784-1000-1000-10"}) {
            int[] sizes = Mlp.parseSizes(spec);
            Mlp m = Mlp.of(spec, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
            assertEquals(m.parameterCount(), Footprint.parameterCount(sizes), spec);
            assertEquals(4L * m.parameterCount(), Footprint.parameterVector(sizes), spec);
        }
        assertEquals(900_330_010L, Footprint.parameterCount(new int[] {30000, 30000, 10}));
    }

    @Test
    void datasetCountsBytesFloatsAndLabels() {
        assertEquals(60_000L * 784 * 5 + 60_000L * 5, Footprint.dataset(60_000, 784));
        assertEquals(0, Footprint.dataset(0, 784));
    }

    @Test
    void hugeSizesSaturateInsteadOfOverflowing() {
        int max = Integer.MAX_VALUE;
        assertEquals(Long.MAX_VALUE, Footprint.forwardState(new int[] {max, max, max, max}, max));
        assertEquals(Long.MAX_VALUE, Footprint.dataset(Long.MAX_VALUE / 2, 3));
        long p = Footprint.parameterCount(new int[] {max, max});
        assertTrue(p > 0, "parameter count " + p);
        assertEquals(Long.MAX_VALUE, Footprint.finiteDifference(new int[] {max, max, max}, max, 256, true, false));
    }

    @Test
    void badSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Footprint.parameterCount(new int[] {784}));
        assertThrows(IllegalArgumentException.class, () -> Footprint.parameterCount(new int[] {784, 0, 10}));
        assertThrows(IllegalArgumentException.class, () -> Footprint.forwardState(MODEL, 0));
        assertThrows(IllegalArgumentException.class, () -> Footprint.training(MODEL, 100, -1));
        assertThrows(IllegalArgumentException.class, () -> Footprint.dataset(-1, 1));
    }

    // ------------------------------------------------------------- against the engine's allocations

    /**
     * Each estimate is a lower bound of what the engine allocates for it, measured with the JVM's
     * per-thread allocation counter (single-threaded estimators, so all of it is on this thread).
     * Only a lower bound can be checked this way: the counter also sees garbage made while
     * computing (boxed vectors before the JIT compiles the SIMD kernel, the double reference's
     * per-evaluation matrices).
     */
    @Test
    void estimatesAreLowerBoundsOfWhatTheEngineAllocates() {
        com.sun.management.ThreadMXBean threads = threadBean();
        // the scalar kernel: the same buffers, without the SIMD kernel's slow start before the JIT
        Mlp model = new Mlp(MODEL, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY, Kernels.scalar());
        Batch batch = TestData.classification(BATCH, 196, 10, 0.8, 3).asBatch();
        float[] theta = model.initialise(Init.XAVIER, 1);
        float[] grad = new float[model.parameterCount()];
        int[] subset = {0, 1, 2, 25_000};

        long state = Footprint.forwardState(MODEL, BATCH);
        long stateAllocated = allocated(threads, () -> model.newState(BATCH));
        assertTrue(stateAllocated >= state && stateAllocated <= state * 1.2 + (64 << 10),
                "forward state: estimate " + state + ", allocated " + stateAllocated);

        assertLowerBound(threads, "backprop", Footprint.backprop(MODEL, BATCH, 1), () -> {
            BackpropEstimator e = new BackpropEstimator(model, BATCH);
            e.gradient(theta, batch, grad);
            return e;
        });
        for (Precision precision : Precision.values()) {
            for (Evaluation evaluation : Evaluation.values()) {
                FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, evaluation, precision);
                long estimate = Footprint.finiteDifference(MODEL, BATCH, 1, precision == Precision.DOUBLE,
                        evaluation == Evaluation.INCREMENTAL);
                assertTrue(estimate > 16L * model.parameterCount(), "per-parameter results alone are 16 P bytes");
                assertLowerBound(threads, "finite differences " + precision + " " + evaluation, estimate, () -> {
                    try (FiniteDifference e = new FiniteDifference(model, BATCH, c)) {
                        e.gradient(theta, batch, grad, subset);
                        return e;
                    }
                });
            }
        }
    }

    private static void assertLowerBound(com.sun.management.ThreadMXBean threads, String what, long estimate,
                                         Supplier<Object> work) {
        long allocated = allocated(threads, work);
        assertTrue(allocated >= estimate, what + ": estimate " + estimate + " bytes, allocated only " + allocated);
    }

    /** Bytes this thread allocates while {@code work} runs (what it returns stays reachable until then). */
    private static long allocated(com.sun.management.ThreadMXBean threads, Supplier<Object> work) {
        long before = threads.getCurrentThreadAllocatedBytes();
        Object kept = work.get();
        long after = threads.getCurrentThreadAllocatedBytes();
        assertTrue(kept != null);
        return after - before;
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter in this JVM");
        com.sun.management.ThreadMXBean b = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(b.isThreadAllocatedMemorySupported() && b.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter unavailable");
        return b;
    }
}
