package io.fdbench.engine.kernel;

import io.fdbench.engine.tuning.Tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The facade on a backend that only records its calls: valid calls reach the backend once, with
 * the caller's arguments unchanged; invalid ones never reach it. Every backend method is abstract
 * (no implementation borrows another's code through a default) and reached by the facade.
 */
class KernelFacadeTest {

    /** Method names the recording backend saw, with their arguments. */
    private final List<String> calls = new ArrayList<>();
    private final List<Object[]> arguments = new ArrayList<>();

    private final Kernel kernel = Kernel.of((KernelBackend) Proxy.newProxyInstance(
            KernelBackend.class.getClassLoader(), new Class<?>[] {KernelBackend.class}, (proxy, method, args) -> {
                calls.add(method.getName());
                arguments.add(args == null ? new Object[0] : args);
                Class<?> r = method.getReturnType();
                return r == String.class ? (Object) "recording" : r == int.class ? (Object) 4 : r == float.class ? (Object) 1f : null;
            }));

    private final float[] a = new float[24];
    private final float[] b = new float[24];
    private final float[] c = new float[24];
    private final float[] live = new float[8];
    private final SparseRows sparse = new SparseRows(4, 0);

    /** One valid call of every facade method. */
    private void callEveryOperation() {
        kernel.name();
        kernel.sparseInputThreshold();
        kernel.gemm(2, 3, 4, a, 1, b, 2, c, 3, false);
        kernel.gemmABt(2, 3, 4, a, 1, b, 2, c, 3, true);
        kernel.gemmAtB(2, 3, 4, a, 1, b, 2, c, 3, false);
        kernel.columnAbsSums(3, 8, a, 0, live);
        kernel.gemmSkipZeroColumns(2, 3, 8, a, 0, b, 0, c, 0, false, live);
        kernel.gemmAtBSkipZeroColumns(8, 3, 2, a, 0, b, 0, c, 0, true, live);
        kernel.compress(4, 6, a, 0, sparse);
        kernel.spmm(3, sparse, b, 0, c, 0, false);
        kernel.addRowVector(4, 6, b, 0, c, 0);
        kernel.columnSums(4, 6, a, 0, c, 0, true);
        kernel.activate(Activation.RELU, a, 0, c, 0, 24);
        kernel.multiplyByDerivative(Activation.SIGMOID, a, 0, c, 0, 24);
        kernel.rowLogSumExp(4, 6, a, 0, c, 0);
        kernel.rowSoftmax(4, 6, a, 0, b, 0, c, 0);
        kernel.softmaxLossShift(5, a, 0, b, 0, b, 5, 10, 9, c, 0);
        kernel.pixelsToFloats(24, new byte[24], 0, c, 0);
    }

    @Test
    void validCallsReachTheBackendOnceWithTheirArguments() {
        callEveryOperation();
        Set<String> backendMethods = new TreeSet<>();
        for (Method m : KernelBackend.class.getMethods()) {
            assertTrue(Modifier.isAbstract(m.getModifiers()), "KernelBackend." + m.getName() + " has a body");
            backendMethods.add(m.getName());
        }
        assertEquals(backendMethods, new TreeSet<>(calls), "the facade reaches every backend method");
        assertEquals(backendMethods.size(), calls.size(), "one backend call per facade call: " + calls);
        int gemm = calls.indexOf("gemm");
        assertArrayEquals(new Object[] {2, 3, 4, a, 1, b, 2, c, 3, false}, arguments.get(gemm));
        int shift = calls.indexOf("softmaxLossShift");
        assertArrayEquals(new Object[] {5, a, 0, b, 0, b, 5, 10, 9, c, 0}, arguments.get(shift));
    }

    @Test
    void theSparseThresholdFollowsTheVectorWidthFromTuning() {
        assertEquals(Tuning.sparseInputThreshold(4), kernel.sparseInputThreshold());
        assertEquals(Tuning.SPARSE_INPUT_THRESHOLD, Kernels.scalar().sparseInputThreshold());
        assertEquals(Tuning.SPARSE_INPUT_THRESHOLD_512, Tuning.sparseInputThreshold(16));
    }

    @Test
    void invalidCallsNeverReachTheBackend() {
        List<Runnable> bad = List.of(
                () -> kernel.gemm(2, 3, 5, a, 20, b, 0, c, 0, false),
                () -> kernel.gemmABt(2, -3, 4, a, 0, b, 0, c, 0, false),
                () -> kernel.gemmAtB(2, 3, 4, a, 0, b, 0, null, 0, false),
                () -> kernel.columnAbsSums(3, 9, a, 0, live),
                () -> kernel.gemmSkipZeroColumns(2, 3, 9, a, 0, b, 0, c, 0, false, live),
                () -> kernel.gemmAtBSkipZeroColumns(9, 2, 2, a, 0, b, 0, c, 0, false, live),
                () -> kernel.compress(5, 4, a, 0, sparse),
                () -> kernel.spmm(3, null, b, 0, c, 0, false),
                () -> kernel.addRowVector(4, 7, b, 18, c, 0),
                () -> kernel.columnSums(5, 6, a, 0, c, 0, false),
                () -> kernel.activate(Activation.RELU, a, 1, c, 0, 24),
                () -> kernel.multiplyByDerivative(null, a, 0, c, 0, 4),
                () -> kernel.rowLogSumExp(4, 7, a, 0, c, 0),
                () -> kernel.rowSoftmax(4, 6, a, 0, b, 21, c, 0),
                () -> kernel.softmaxLossShift(5, a, 0, b, 0, b, 0, 10, -1, c, 0),
                () -> kernel.pixelsToFloats(24, new byte[24], 1, c, 0));
        for (Runnable call : bad) {
            assertThrows(RuntimeException.class, call::run);
        }
        assertEquals(List.of(), calls, "no invalid call reached the backend");
    }
}
