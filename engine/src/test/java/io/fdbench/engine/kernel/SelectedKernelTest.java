package io.fdbench.engine.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whatever {@link Kernels#best()} picks in this JVM (SIMD in the main run, scalar in the
 * fallback run without the Vector API module) computes the project's target shapes correctly.
 */
class SelectedKernelTest {

    private final Kernel kernel = Kernels.best();

    @Test
    void targetShapesMatchEjml() {
        long seed = 2024;
        int[][] shapes = {{100, 50, 784}, {784, 50, 100}, {100, 50, 10}, {100, 10, 50}, {100, 784, 50}};
        for (int[] s : shapes) {
            for (KernelChecks.Op op : KernelChecks.Op.values()) {
                KernelChecks.checkGemm(kernel, op, s[0], s[1], s[2], seed++);
            }
        }
    }

    @Test
    void elementwiseKernelsMatchReferences() {
        KernelChecks.checkActivations(kernel);
        KernelChecks.checkSoftmax(kernel);
        KernelChecks.checkSparseMatchesDense(kernel);
        KernelChecks.checkPixelsToFloats(kernel);
        KernelChecks.checkSkipZeroColumns(kernel);
    }

    @Test
    void fmaChainsSumTwelveRecurrencesInEveryLane() {
        FmaPeak peak = Kernels.fmaPeak(kernel);
        int lanes = peak.lanes();
        assertEquals(kernel.name().equals("scalar") ? 1 : Integer.parseInt(kernel.name().substring(5)) / 32, lanes,
                kernel.name());
        int rounds = 1000;
        float a = 1f;
        for (int r = 0; r < rounds; r++) {
            a = Math.fma(a, 0.999999f, 1e-7f);
        }
        double expected = (double) FmaPeak.CHAINS * lanes * a;
        assertEquals(expected, peak.fmaChains(rounds), 1e-5 * expected, kernel.name());
    }
}
