package io.fdbench.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reference scalar kernel against EJML and double-precision references. */
class ScalarKernelTest {

    private final Kernel kernel = Kernels.scalar();

    @Test
    void isNamedScalar() {
        assertEquals("scalar", kernel.name());
    }

    @Test
    void gemmsMatchEjmlOnEverySizeWithOffsetsAndAccumulation() {
        KernelChecks.checkAllGemms(kernel);
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
}
