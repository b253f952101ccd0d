package io.fdbench.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernel, obtained through {@link Kernels#simd()} (never by class name: this class must
 * also load in the scalar-fallback run, where the Vector API module is absent and these tests are
 * skipped).
 */
class VectorKernelTest {

    private Kernel kernel;

    @BeforeEach
    void loadSimd() {
        assumeTrue(Kernels.vectorModulePresent(), "jdk.incubator.vector is not in this JVM");
        kernel = Kernels.simd();
    }

    @Test
    void isNamedAfterItsVectorWidth() {
        assertTrue(kernel.name().matches("simd-(64|128|256|512|1024|2048)"), kernel.name());
    }

    @Test
    void gemmsMatchEjmlOnEverySizeWithOffsetsAndAccumulation() {
        KernelChecks.checkAllGemms(kernel);
    }

    @Test
    void gemmsAgreeWithTheScalarKernel() {
        Kernel scalar = Kernels.scalar();
        Random r = new Random(99);
        int[][] shapes = {{100, 50, 784}, {784, 50, 100}, {100, 50, 10}, {37, 29, 61}, {4, 8, 1}, {9, 24, 300}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (KernelChecks.Op op : KernelChecks.Op.values()) {
                boolean sparse = op == KernelChecks.Op.SPARSE_AB || op == KernelChecks.Op.SPARSE_ATB;
                float[] a = KernelChecks.random(r, m * k, sparse ? 0.8 : 0.0);
                float[] b = KernelChecks.random(r, k * n, 0.0);
                float[] expected = new float[m * n];
                float[] actual = new float[m * n];
                KernelChecks.run(scalar, op, m, n, k, a, 0, b, 0, expected, 0, false);
                KernelChecks.run(kernel, op, m, n, k, a, 0, b, 0, actual, 0, false);
                KernelChecks.assertClose(op + " simd vs scalar " + m + "x" + n + "x" + k, expected, actual, 0, k, 1f);
            }
        }
    }

    @Test
    void sparseVariantsMatchDense() {
        KernelChecks.checkSparseMatchesDense(kernel);
    }

    @Test
    void biasAddAndColumnSumsMatchDirectSums() {
        KernelChecks.checkBiasAndColumnSums(kernel);
    }

    @Test
    void activationsAndDerivativesMatchTheScalarFormulas() {
        KernelChecks.checkActivations(kernel);
    }

    @Test
    void skippingAllZeroColumnsOfAGivesTheSameProducts() {
        KernelChecks.checkSkipZeroColumns(kernel);
    }

    @Test
    void pixelBytesBecomeTheSameFloatsAsTheLoadedData() {
        KernelChecks.checkPixelsToFloats(kernel);
    }

    @Test
    void logSumExpIsStableAndSoftmaxRowsSumToOne() {
        KernelChecks.checkSoftmax(kernel);
    }

    @Test
    void badArgumentsFailAtTheFacadeBeforeAnythingIsWritten() {
        KernelChecks.checkArgumentsAreChecked(kernel);
    }

    @Test
    void repeatedCallsGiveIdenticalResults() {
        // Enough calls for the JIT to compile the vector paths; results must not change with it.
        Random r = new Random(1);
        int m = 20;
        int n = 50;
        int k = 30;
        float[] a = KernelChecks.random(r, m * k, 0.5);
        float[] b = KernelChecks.random(r, k * n, 0.0);
        float[] first = new float[m * n];
        kernel.gemm(m, n, k, a, 0, b, 0, first, 0, false);
        float[] c = new float[m * n];
        for (int it = 0; it < 3000; it++) {
            kernel.gemm(m, n, k, a, 0, b, 0, c, 0, false);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, c);
    }
}
