package io.fdbench.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** Splitting products over threads: row splits are bit-identical, inner-dimension splits within rounding. */
class ParallelKernelTest {

    private static final Kernel BASE = Kernels.best();

    private static float[] gaussian(Random r, int size) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextFloat() < 0.3f ? 0f : (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void rowSplitGemmIsBitIdenticalAndInnerSplitGemmAtBIsWithinRounding() {
        Random r = new Random(8);
        for (int threads : new int[] {2, 3}) {
            try (ParallelKernel pk = new ParallelKernel(BASE, threads)) {
                Kernel kernel = Kernel.of(pk);
                for (int[] s : new int[][] {{100, 50, 784}, {37, 33, 2000}, {7, 3, 5}}) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    float[] a = gaussian(r, 1 + m * k);
                    float[] b = gaussian(r, 2 + k * n);
                    float[] live = new float[k];
                    BASE.columnAbsSums(m, k, a, 1, live);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] c0 = gaussian(r, 3 + m * n);
                        float[] expected = c0.clone();
                        float[] actual = c0.clone();
                        BASE.gemm(m, n, k, a, 1, b, 2, expected, 3, accumulate);
                        kernel.gemm(m, n, k, a, 1, b, 2, actual, 3, accumulate);
                        for (int i = 0; i < expected.length; i++) {
                            assertEquals(expected[i], actual[i], 0f, threads + " threads gemm at " + i);
                        }
                        float[] skipped = c0.clone();
                        kernel.gemmSkipZeroColumns(m, n, k, a, 1, b, 2, skipped, 3, accumulate, live);
                        for (int i = 0; i < expected.length; i++) {
                            assertEquals(expected[i], skipped[i], 0f, threads + " threads skipping gemm at " + i);
                        }
                    }
                    // Aᵀ·B with A [k' = m] × [m' = k]: C [k × n] summed over m rows, split over them.
                    float[] d = gaussian(r, 2 + m * n);
                    float[] rowLive = new float[k];
                    BASE.columnAbsSums(m, k, a, 1, rowLive);
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] c0 = gaussian(r, 3 + k * n);
                        float[] expected = c0.clone();
                        float[] actual = c0.clone();
                        BASE.gemmAtB(k, n, m, a, 1, d, 2, expected, 3, accumulate);
                        kernel.gemmAtBSkipZeroColumns(k, n, m, a, 1, d, 2, actual, 3, accumulate, rowLive);
                        for (int i = 0; i < expected.length; i++) {
                            assertEquals(expected[i], actual[i], 1e-5f * (float) Math.sqrt(m) * (1 + Math.abs(expected[i])),
                                    threads + " threads gemmAtB at " + i);
                        }
                        float[] again = c0.clone();
                        kernel.gemmAtBSkipZeroColumns(k, n, m, a, 1, d, 2, again, 3, accumulate, rowLive);
                        for (int i = 0; i < actual.length; i++) {
                            assertEquals(actual[i], again[i], 0f, "same bits for the same thread count");
                        }
                    }
                }
            }
        }
    }

    @Test
    void callsFromTwoThreadsAtOnceAreBothRight() throws Exception {
        Random r = new Random(4);
        int m = 100;
        int n = 50;
        int k = 784;
        float[] a = gaussian(r, m * k);
        float[] b = gaussian(r, k * n);
        float[] expected = new float[m * n];
        BASE.gemm(m, n, k, a, 0, b, 0, expected, 0, false);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ParallelKernel pk = new ParallelKernel(BASE, 2)) {
            Kernel kernel = Kernel.of(pk);
            Future<?>[] f = new Future<?>[2];
            for (int t = 0; t < 2; t++) {
                f[t] = pool.submit(() -> {
                    for (int rep = 0; rep < 200; rep++) {
                        float[] c = new float[m * n];
                        kernel.gemm(m, n, k, a, 0, b, 0, c, 0, false);
                        for (int i = 0; i < c.length; i++) {
                            assertEquals(expected[i], c[i], 0f);
                        }
                    }
                    return null;
                });
            }
            for (Future<?> x : f) {
                x.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (ParallelKernel named = new ParallelKernel(BASE, 2)) {
            assertTrue(named.name().endsWith("-x2"), named.name());
            assertEquals(named.name(), Kernel.of(named).name());
        }
    }

    @Test
    void badArgumentsFailAtTheFacadeBeforeAnythingIsWritten() {
        try (ParallelKernel pk = new ParallelKernel(BASE, 2)) {
            KernelChecks.checkArgumentsAreChecked(Kernel.of(pk));
        }
    }

    /** A part that fails (here: C too short for the last rows) reaches the caller, and the kernel still works. */
    @Test
    void aFailingPartReachesTheCallerAndTheKernelStaysUsable() {
        Random r = new Random(5);
        int m = 100;
        int n = 50;
        int k = 784;
        float[] a = gaussian(r, m * k);
        float[] b = gaussian(r, k * n);
        float[] expected = new float[m * n];
        BASE.gemm(m, n, k, a, 0, b, 0, expected, 0, false);
        try (ParallelKernel pk = new ParallelKernel(BASE, 2)) {
            assertThrows(RuntimeException.class, () -> pk.gemm(m, n, k, a, 0, b, 0, new float[m * n - 1], 0, false));
            float[] c = new float[m * n];
            pk.gemm(m, n, k, a, 0, b, 0, c, 0, false);
            for (int i = 0; i < c.length; i++) {
                assertEquals(expected[i], c[i], 0f, "after a failure, at " + i);
            }
        }
    }

    /** A closed kernel (its team's threads ended) still computes, on the caller's thread alone. */
    @Test
    void aClosedKernelComputesOnTheBase() {
        Random r = new Random(6);
        int m = 100;
        int n = 50;
        int k = 784;
        float[] a = gaussian(r, m * k);
        float[] b = gaussian(r, k * n);
        float[] expected = new float[m * n];
        BASE.gemm(m, n, k, a, 0, b, 0, expected, 0, false);
        ParallelKernel pk = new ParallelKernel(BASE, 3);
        assertEquals(3, pk.gemmWorkers());
        pk.gemm(m, n, k, a, 0, b, 0, new float[m * n], 0, false);
        pk.close();
        pk.close();
        float[] c = new float[m * n];
        pk.gemm(m, n, k, a, 0, b, 0, c, 0, false);
        for (int i = 0; i < c.length; i++) {
            assertEquals(expected[i], c[i], 0f, "closed kernel at " + i);
        }
    }
}
