package io.fdbench.engine.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class WorkerTeamTest {

    @Test
    void rangesCoverEveryIndexExactlyOnceInPartOrder() {
        for (int workers : new int[] {1, 2, 3, 4, 8}) {
            try (WorkerTeam team = new WorkerTeam("test", workers)) {
                for (int size : new int[] {0, 1, 2, 3, 7, 8, 100, 101}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(size);
                    int[][] ranges = new int[workers][];
                    team.forEachRange(size, (part, from, to) -> {
                        ranges[part] = new int[] {from, to};
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                    for (int i = 0; i < size; i++) {
                        assertEquals(1, hits.get(i), workers + " workers, size " + size + ", index " + i);
                    }
                    int next = 0;
                    for (int p = 0; p < workers; p++) {
                        int from = WorkerTeam.rangeStart(size, p, workers);
                        int to = WorkerTeam.rangeStart(size, p + 1, workers);
                        assertEquals(next, from, "ranges are contiguous in part order");
                        assertTrue(to - from == size / workers || to - from == size / workers + 1,
                                "lengths differ by at most one");
                        if (from < to) {
                            assertArrayEquals(new int[] {from, to}, ranges[p], "part " + p);
                        } else {
                            assertEquals(null, ranges[p], "an empty range is not run");
                            assertTrue(p >= size, "only the last parts are empty");
                        }
                        next = to;
                    }
                    assertEquals(size, next);
                }
            }
        }
    }

    @Test
    void everyPartRunsOnceAndPartZeroOnTheCaller() {
        try (WorkerTeam team = new WorkerTeam("names", 3)) {
            for (int rep = 0; rep < 50; rep++) {
                Thread[] ran = new Thread[3];
                AtomicIntegerArray runs = new AtomicIntegerArray(3);
                team.run(part -> {
                    ran[part] = Thread.currentThread();
                    runs.incrementAndGet(part);
                });
                for (int p = 0; p < 3; p++) {
                    assertEquals(1, runs.get(p), "part " + p);
                }
                assertSame(Thread.currentThread(), ran[0]);
                for (int p = 1; p < 3; p++) {
                    assertEquals("fdbench-names-worker-" + p, ran[p].getName());
                    assertTrue(ran[p].isDaemon());
                }
            }
        }
    }

    /** Per-part buffers summed in part order: the same bits as a sequential sum, for any team size. */
    @Test
    void sumAddsThePartsInPartOrderWhateverTheTeamSize() {
        Random r = new Random(3);
        int length = 1_003;
        float[][] parts = new float[5][length + 4];
        for (float[] p : parts) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4));
            }
        }
        float[] weights = {0.25f, 0.3f, 0.1f, 0.2f, 0.15f};
        float[] start = new float[length + 7];
        for (int i = 0; i < start.length; i++) {
            start[i] = (float) r.nextGaussian();
        }
        for (boolean weighted : new boolean[] {false, true}) {
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] w = weighted ? weights : null;
                float[] expected = start.clone();
                for (int p = 1; p < 5; p++) {
                    for (int e = 0; e < length; e++) {
                        float term = w == null ? parts[p][e] : w[p] * parts[p][e];
                        expected[5 + e] = p == 1 && !accumulate ? term : expected[5 + e] + term;
                    }
                }
                for (int workers : new int[] {1, 2, 3, 7}) {
                    try (WorkerTeam team = new WorkerTeam("sum", workers)) {
                        for (int rep = 0; rep < 3; rep++) {
                            float[] actual = start.clone();
                            team.sum(parts, 1, 5, w, actual, 5, length, accumulate);
                            assertArrayEquals(expected, actual, workers + " workers, weighted " + weighted
                                    + ", accumulate " + accumulate + ", run " + rep);
                        }
                    }
                }
            }
        }
        try (WorkerTeam team = new WorkerTeam("sum", 2)) {
            float[] zeroed = start.clone();
            team.sum(parts, 2, 2, null, zeroed, 1, 10, false);
            for (int i = 0; i < zeroed.length; i++) {
                assertEquals(i >= 1 && i < 11 ? 0f : start[i], zeroed[i], 0f, "no parts, no accumulate: zeros");
            }
            assertThrows(IllegalArgumentException.class,
                    () -> team.sum(parts, 0, 6, null, start.clone(), 0, 10, false));
            assertThrows(IllegalArgumentException.class,
                    () -> team.sum(parts, 0, 2, null, start.clone(), 0, start.length + 1, false));
        }
    }

    /** Partial sums by range, then reduced in part order: repeated runs give the same bits. */
    @Test
    void aRangeSplitReductionRepeatsBitForBit() {
        Random r = new Random(9);
        float[] x = new float[10_001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        try (WorkerTeam team = new WorkerTeam("reduce", 3)) {
            float[][] partial = new float[3][1];
            float[] first = null;
            for (int rep = 0; rep < 20; rep++) {
                team.forEachRange(x.length, (part, from, to) -> {
                    float s = 0;
                    for (int i = from; i < to; i++) {
                        s += x[i] * x[i];
                    }
                    partial[part][0] = s;
                });
                float[] total = new float[1];
                team.sum(partial, 0, 3, null, total, 0, 1, false);
                if (first == null) {
                    first = total;
                }
                assertEquals(first[0], total[0], 0f, "run " + rep);
            }
        }
    }

    @Test
    void aWorkersExceptionReachesTheCallerAfterEveryPartHasFinished() {
        try (WorkerTeam team = new WorkerTeam("fail", 3)) {
            AtomicBoolean slowDone = new AtomicBoolean();
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> team.run(part -> {
                if (part == 1) {
                    sleep(30);
                    slowDone.set(true);
                } else if (part == 2) {
                    throw boom;
                }
            }));
            assertSame(boom, thrown);
            assertTrue(slowDone.get(), "the caller waited for the slow part");
            // The team is still usable.
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            team.run(runs::incrementAndGet);
            assertEquals(3, runs.get(0) + runs.get(1) + runs.get(2));
        }
    }

    @Test
    void aWorkersErrorReachesTheCallerAndLaterPartsFailuresAreSuppressed() {
        try (WorkerTeam team = new WorkerTeam("error", 4)) {
            StackOverflowError deep = new StackOverflowError("deep");
            StackOverflowError thrown = assertThrows(StackOverflowError.class, () -> team.run(part -> {
                if (part == 1) {
                    throw deep;
                }
            }));
            assertSame(deep, thrown);

            AssertionError first = new AssertionError("part 1");
            IllegalStateException second = new IllegalStateException("part 3");
            AssertionError both = assertThrows(AssertionError.class, () -> team.run(part -> {
                if (part == 3) {
                    throw second;
                }
                if (part == 1) {
                    sleep(20);
                    throw first;
                }
            }));
            assertSame(first, both, "the lowest failing part is thrown");
            assertEquals(List.of(second), List.of(both.getSuppressed()));
        }
    }

    @Test
    void theCallersOwnErrorWaitsForTheWorkers() {
        try (WorkerTeam team = new WorkerTeam("caller", 2)) {
            AtomicBoolean workerDone = new AtomicBoolean();
            OutOfMemoryError oom = new OutOfMemoryError("pretend");
            assertSame(oom, assertThrows(OutOfMemoryError.class, () -> team.run(part -> {
                if (part == 0) {
                    throw oom;
                }
                sleep(30);
                workerDone.set(true);
            })));
            assertTrue(workerDone.get(), "no worker still runs when the call returns");
        }
    }

    @Test
    void closeEndsTheThreadsAndLaterUseFailsClearly() {
        WorkerTeam team = new WorkerTeam("closing", 3);
        List<Thread> threads = new ArrayList<>();
        team.run(part -> {
            synchronized (threads) {
                threads.add(Thread.currentThread());
            }
        });
        assertEquals(3, threads.size());
        assertFalse(team.isClosed());
        team.close();
        assertTrue(team.isClosed());
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                assertFalse(t.isAlive(), t.getName() + " ended");
            }
        }
        team.close(); // a second close does nothing
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(part -> { }));
        assertTrue(e.getMessage().contains("closing") && e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> team.forEachRange(10, (p, a, b) -> { }));
        assertThrows(IllegalStateException.class,
                () -> team.sum(new float[][] {{1f}}, 0, 1, null, new float[1], 0, 1, false));
    }

    @Test
    void callsFromInsideATaskFailInsteadOfDeadlocking() {
        try (WorkerTeam team = new WorkerTeam("nested", 2)) {
            for (int inner : new int[] {0, 1}) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(part -> {
                    if (part == inner) {
                        team.run(p -> { });
                    }
                }));
                assertTrue(e.getMessage().contains("already running"), e.getMessage());
                e = assertThrows(IllegalStateException.class, () -> team.run(part -> {
                    if (part == inner) {
                        team.close();
                    }
                }));
                assertTrue(e.getMessage().contains("inside"), e.getMessage());
            }
            assertFalse(team.isClosed());
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new WorkerTeam("gemm", 0));
        assertTrue(none.getMessage().contains("gemm workers"), none.getMessage());
    }

    /** The hand-over allocates nothing, on the caller or on the workers (measured over many calls). */
    @Test
    void callsAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        try (WorkerTeam team = new WorkerTeam("alloc", 2)) {
            float[][] parts = new float[2][64];
            float[] target = new float[64];
            float[] sink = new float[2];
            long[] before = new long[2];
            long[] after = new long[2];
            WorkerTeam.PartTask task = part -> sink[part] += part;
            WorkerTeam.PartTask start = part -> before[part] = mx.getCurrentThreadAllocatedBytes();
            WorkerTeam.PartTask end = part -> after[part] = mx.getCurrentThreadAllocatedBytes();
            WorkerTeam.RangeTask ranges = (part, from, to) -> sink[part] += to - from;
            int calls = 200;
            for (int round = 0; round < 2; round++) { // the first round warms up: class loading, linkage
                team.run(start);
                for (int i = 0; i < calls; i++) {
                    team.run(task);
                    team.forEachRange(100, ranges);
                    team.sum(parts, 0, 2, null, target, 0, 64, false);
                }
                team.run(end);
            }
            // Below one byte per call: any allocation per call would be at least 16 bytes each.
            for (int part = 0; part < 2; part++) {
                long bytes = after[part] - before[part];
                assertTrue(bytes < calls, "part " + part + " allocated " + bytes + " bytes over " + calls + " calls");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
