package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
