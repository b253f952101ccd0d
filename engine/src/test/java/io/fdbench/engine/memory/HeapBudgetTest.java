package io.fdbench.engine.memory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fdbench.engine.nn.Mlp;
import org.junit.jupiter.api.Test;

class HeapBudgetTest {

    private static final long MIB = HeapBudget.MIB;
    private static final long GIB = HeapBudget.GIB;

    @Test
    void requestFitsWhenItAndItsMarginAreFree() {
        HeapBudget b = HeapBudget.fixed(1 * GIB, 200 * MIB); // 824 MiB free
        long exact = 824 * MIB * 8 / 9; // bytes + bytes/8 == 824 MiB
        assertDoesNotThrow(() -> b.check(exact, "just fits"));
        assertThrows(InsufficientHeapException.class, () -> b.check(exact + 16, "just too much"));
        // small requests keep the 32 MiB minimum margin
        HeapBudget tight = HeapBudget.fixed(100 * MIB, 60 * MIB);
        assertDoesNotThrow(() -> tight.check(8 * MIB, "small"));
        assertThrows(InsufficientHeapException.class, () -> tight.check(9 * MIB, "small plus margin"));
    }

    @Test
    void refusalIsOneLineNamingWhatTheFiguresAndTheXmx() {
        HeapBudget b = HeapBudget.fixed(1 * GIB, 100 * MIB);
        InsufficientHeapException e = assertThrows(InsufficientHeapException.class,
                () -> b.check(4 * GIB, "train-images-idx3-ubyte.gz (2,700,000 images of 28 × 28)"));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertEquals("train-images-idx3-ubyte.gz (2,700,000 images of 28 × 28): needs about 4.5 GiB of heap, but only"
                + " 924 MiB of the 1.0 GiB maximum is free; run java with -Xmx6g", m);
        assertEquals(4 * GIB + GIB / 2, e.neededBytes());
        assertEquals(924 * MIB, e.freeBytes());
        assertEquals(GIB, e.maxBytes());
        assertEquals("-Xmx6g", e.xmx());
        assertEquals("train-images-idx3-ubyte.gz (2,700,000 images of 28 × 28)", e.what());
    }

    @Test
    void suggestedXmxIsEnoughAndOneUnitLessIsNot() {
        long[] used = {0, 10 * MIB, 300 * MIB, 3 * GIB};
        long[] requests = {1, 50 * MIB, 200 * MIB, 700 * MIB, 1 * GIB, 5 * GIB + 123, 40 * GIB};
        for (long u : used) {
            for (long r : requests) {
                String xmx = HeapBudget.xmx(u, r);
                long x = HeapBudget.xmxBytes(xmx);
                long unit = xmx.endsWith("g") ? GIB : 256 * MIB;
                long usable = (long) (x * HeapBudget.USABLE_FRACTION);
                String what = "used " + u + ", request " + r + ", " + xmx;
                assertDoesNotThrow(() -> HeapBudget.fixed(usable, Math.min(u, usable)).check(r, what), what);
                if (x > unit) {
                    long less = (long) ((x - unit) * HeapBudget.USABLE_FRACTION);
                    assertThrows(InsufficientHeapException.class,
                            () -> HeapBudget.fixed(less, Math.min(u, less)).check(r, what), what);
                }
            }
        }
        assertEquals("-Xmx256m", HeapBudget.xmx(0, 1));
        assertEquals("-Xmx2g", HeapBudget.xmx(0, 1500 * MIB));
    }

    @Test
    void sizesAreInBinaryUnits() {
        assertEquals("512 bytes", HeapBudget.size(512));
        assertEquals("45 MiB", HeapBudget.size(45 * MIB));
        assertEquals("1.5 GiB", HeapBudget.size(GIB + GIB / 2));
    }

    @Test
    void fixedBudgetRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> HeapBudget.fixed(0, 0));
        assertThrows(IllegalArgumentException.class, () -> HeapBudget.fixed(10, 11));
        assertThrows(IllegalArgumentException.class, () -> HeapBudget.fixed(10, 0).check(-1, "negative"));
    }

    @Test
    void jvmBudgetReadsThisJvm() {
        HeapBudget jvm = HeapBudget.jvm();
        assertEquals(Runtime.getRuntime().maxMemory(), jvm.maxBytes());
        long used = jvm.usedBytes();
        assertTrue(used > 0 && used <= jvm.maxBytes(), "used " + used);
    }

    /** The test JVM runs with -Xmx2g (engine/pom.xml): the models the CLI must refuse do not fit in it. */
    @Test
    void hugeModelsAreRefusedAndTheDefaultModelIsAcceptedUnderTheTestHeap() {
        assumeTrue(Runtime.getRuntime().maxMemory() <= 3 * GIB, "needs the test suite's -Xmx2g");
        int[] wide = Mlp.parseSizes("30000-30000-10");
        long gradcheck = Footprint.gradientCheck(wide) + Footprint.backprop(wide, 100, 1)
                + Footprint.finiteDifference(wide, 100, 2, true, true);
        InsufficientHeapException e = assertThrows(InsufficientHeapException.class,
                () -> HeapBudget.require(gradcheck, "gradcheck --model 30000-30000-10"));
        assertTrue(e.getMessage().startsWith("gradcheck --model 30000-30000-10: needs about "), e.getMessage());
        assertTrue(e.xmx().endsWith("g") && HeapBudget.xmxBytes(e.xmx()) > 20 * GIB, e.xmx());

        int[] tall = Mlp.parseSizes("784-1000000-10");
        long train = Footprint.training(tall, 100, 1000) + Footprint.backprop(tall, 100, 1);
        assertThrows(InsufficientHeapException.class, () -> HeapBudget.require(train, "train --model 784-1000000-10"));

        int[] small = Mlp.parseSizes("784-50-10");
        assertDoesNotThrow(() -> HeapBudget.require(Footprint.gradientCheck(small) + Footprint.backprop(small, 100, 1)
                + Footprint.finiteDifference(small, 100, 2, true, true), "gradcheck --model 784-50-10"));
        assertDoesNotThrow(() -> HeapBudget.require(Footprint.training(small, 100, 1000)
                + Footprint.finiteDifference(small, 100, 2, false, true), "train --model 784-50-10"));
    }
}
