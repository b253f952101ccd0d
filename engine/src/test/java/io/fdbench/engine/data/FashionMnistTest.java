package io.fdbench.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs only where Debian's dataset-fashion-mnist is installed; skipped elsewhere (CI). */
class FashionMnistTest {

    @Test
    void fashionMnistFolderLoads60000TrainAnd10000TestWhenInstalled() throws IOException {
        assumeTrue(MnistData.isPresent(MnistData.FASHION_MNIST_DIR),
                "Fashion-MNIST not installed at " + MnistData.FASHION_MNIST_DIR + " (apt-get install dataset-fashion-mnist)");
        MnistData.Split s = MnistData.fashionMnist();
        assertEquals(60000, s.train().rows());
        assertEquals(10000, s.test().rows());
        assertEquals(784, s.train().features());
        assertEquals(10, s.train().outputs());
        assertEquals("fashion-mnist/train", s.train().name());
        // Fashion-MNIST is balanced: 6,000 training and 1,000 test images per class.
        int[] train = new int[10];
        for (int l : s.train().labels()) {
            train[l]++;
        }
        int[] test = new int[10];
        for (int l : s.test().labels()) {
            test[l]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, train[c], "train class " + c);
            assertEquals(1000, test[c], "test class " + c);
        }
        float max = 0;
        for (float v : s.test().x()) {
            assertTrue(v >= 0f && v <= 1f);
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }
}
