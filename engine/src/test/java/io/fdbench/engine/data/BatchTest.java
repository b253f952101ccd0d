package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BatchTest {

    private static final int FEATURES = 37; // not a multiple of any vector width

    private static Dataset pixels(int rows, long seed) {
        byte[] px = new byte[rows * FEATURES];
        new Random(seed).nextBytes(px);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 3;
        }
        return Dataset.fromPixels("px", px, FEATURES, labels, 3);
    }

    @Test
    void gatherFromPixelBytesGivesTheRowsOfTheFloatInputs() {
        Dataset d = pixels(50, 5);
        Dataset floats = Dataset.classification("f", d.x(), FEATURES, d.labels(), 3);
        int[] order = {49, 0, 17, 17, 3, 48, 21};
        for (Kernel k : new Kernel[] {Kernels.best(), Kernels.scalar()}) {
            Batch fromBytes = Batch.allocate(8, FEATURES, 3, true);
            Batch fromFloats = Batch.allocate(8, FEATURES, 3, true);
            fromBytes.fillGather(d, order, 1, 6, k);
            fromFloats.fillGather(floats, order, 1, 6, k);
            assertEquals(6, fromBytes.size());
            assertArrayEquals(fromFloats.x(), fromBytes.x(), k.name());
            for (int r = 0; r < 6; r++) {
                int src = order[1 + r];
                assertArrayEquals(Arrays.copyOfRange(d.x(), src * FEATURES, (src + 1) * FEATURES),
                        Arrays.copyOfRange(fromBytes.x(), r * FEATURES, (r + 1) * FEATURES), k.name() + " row " + r);
                assertEquals(d.labels()[src], fromBytes.labels()[r]);
            }
        }
    }

    @Test
    void gatherRejectsMoreRowsThanTheCapacity() {
        Batch b = Batch.allocate(2, FEATURES, 3, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.fillGather(pixels(5, 1), new int[] {0, 1, 2}, 0, 3, Kernels.scalar()));
        assertTrue(e.getMessage().contains("does not fit capacity 2"), e.getMessage());
    }
}
