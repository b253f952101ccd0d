package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void regressionWithNonPositiveOutputsIsRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.regression("r", new float[] {1, 2}, 2, new float[] {}, 0));
        assertTrue(e.getMessage().contains("outputs must be positive"), e.getMessage());
    }

    @Test
    void classificationRejectsLabelsOutsideTheClassRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification("c", new float[] {0, 0}, 1, new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("label 3 at row 1"), e.getMessage());
    }

    @Test
    void headCopiesTheFirstRows() {
        Dataset d = ToySets.xor().head(2);
        assertEquals(2, d.rows());
        assertArrayEquals(new float[] {0, 0, 0, 1}, d.x());
        assertArrayEquals(new float[] {0, 1}, d.targets());
    }

    @Test
    void pixelSetHoldsTheScaledFloatsAndKeepsItsBytesThroughHead() {
        byte[] pixels = {0, (byte) 255, (byte) 128, 7, (byte) 200, 1};
        Dataset d = Dataset.fromPixels("p", pixels, 2, new int[] {1, 0, 1}, 2);
        assertEquals(3, d.rows());
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 7 / 255f, 200 / 255f, 1 / 255f}, d.x());
        assertSame(pixels, d.pixels());
        Dataset h = d.head(2);
        assertArrayEquals(new byte[] {0, (byte) 255, (byte) 128, 7}, h.pixels());
        assertArrayEquals(new int[] {1, 0}, h.labels());
        assertNull(Dataset.classification("c", new float[] {0, 0}, 1, new int[] {0, 1}, 2).pixels());
    }

    @Test
    void pixelSetRejectsBytesThatDoNotMatchTheLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.fromPixels("p", new byte[5], 2, new int[] {0, 1}, 2));
        assertTrue(e.getMessage().contains("p: x has 5 values"), e.getMessage());
    }
}
