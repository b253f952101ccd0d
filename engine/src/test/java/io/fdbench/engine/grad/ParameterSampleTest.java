package io.fdbench.engine.grad;

import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterSampleTest {

    private final Mlp model = new Mlp(new int[] {784, 50, 10}, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY,
            Kernels.scalar());

    @Test
    void sampleCoversEveryBlockWithDistinctSortedIndices() {
        int[] s = ParameterSample.stratified(model, 500, 1);
        assertTrue(s.length >= 500 && s.length < 520, "size " + s.length);
        for (int i = 1; i < s.length; i++) {
            assertTrue(s[i] > s[i - 1], "sorted and distinct");
        }
        for (ParameterBlock b : model.blocks()) {
            assertTrue(Arrays.stream(s).anyMatch(b::contains), b.name() + " is represented");
        }
    }

    @Test
    void sameSeedSameSampleOtherSeedOtherSample() {
        assertArrayEquals(ParameterSample.stratified(model, 300, 7), ParameterSample.stratified(model, 300, 7));
        assertFalse(Arrays.equals(ParameterSample.stratified(model, 300, 7), ParameterSample.stratified(model, 300, 8)));
    }

    @Test
    void aSampleAsLargeAsTheModelIsEveryParameter() {
        int[] s = ParameterSample.stratified(model, 10_000_000, 1);
        assertEquals(model.parameterCount(), s.length);
        assertEquals(model.parameterCount() - 1, s[s.length - 1]);
        assertThrows(IllegalArgumentException.class, () -> ParameterSample.stratified(model, 0, 1));
    }
}
