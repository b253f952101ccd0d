package io.fdbench.engine.reference;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.testutil.TestData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The complex forward pass: its real part is the reference loss; its continuation is analytic. */
class ComplexReferenceMlpTest {

    private static Mlp mlp(String spec, Activation hidden, Loss loss) {
        return new Mlp(Mlp.parseSizes(spec), hidden, loss, Kernels.scalar());
    }

    private static Batch batchFor(Mlp m, int rows, long seed) {
        return m.loss().needsLabels()
                ? TestData.classification(rows, m.inputs(), m.outputs(), 0.3, seed).asBatch()
                : TestData.regression(rows, m.inputs(), m.outputs(), seed).asBatch();
    }

    private static double[] randomTheta(int p, double scale, long seed) {
        Random r = new Random(seed);
        double[] t = new double[p];
        for (int i = 0; i < p; i++) {
            t[i] = scale * r.nextGaussian();
        }
        return t;
    }

    @Test
    void aRealThetaGivesTheReferenceLossWithNoImaginaryPart() {
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH}) {
            for (Loss loss : Loss.values()) {
                Mlp m = mlp("5-4-3-3", hidden, loss);
                Batch b = batchFor(m, 11, 1);
                // large parameters drive units into saturation, where a careless continuation overflows
                double[] theta = randomTheta(m.parameterCount(), 6.0, 2);
                ComplexReferenceMlp c = new ComplexReferenceMlp(m, 16);
                double ref = new ReferenceMlp(m).loss(theta, b);
                assertEquals(ref, c.forward(theta, null, b), 4e-16 * Math.abs(ref), hidden + " " + loss.label());
                assertEquals(0.0, c.meanLossImaginary(), 0.0);
                double[] im = new double[theta.length];
                assertEquals(ref, c.forward(theta, im, b), 4e-16 * Math.abs(ref), "a zero imaginary part");
                assertEquals(0.0, c.meanLossImaginary(), 0.0);
            }
        }
    }

    /** Along a direction v, f(θ + i·h·v) for h = 1e-3 differs from the Taylor series f + i·h·∇f·v − h²/2·vᵀHv: the square is z², not |z|². */
    @Test
    void theSquaredErrorIsContinuedWithTheComplexSquare() {
        Mlp m = mlp("3-2", Activation.SIGMOID, Loss.IDENTITY_SQUARED_ERROR);
        // one linear layer: f(θ) = mean ½(t − xW − b)², quadratic in θ, so f(θ + i·h·v) = f − h²/2·vᵀHv + i·h·∇f·v exactly
        Batch b = batchFor(m, 4, 3);
        double[] theta = randomTheta(m.parameterCount(), 1.0, 4);
        double[] v = new double[theta.length];
        v[2] = 1.0; // W[1, 0]... weights row-major [3 × 2]: index 2 is input 1, output 0
        double h = 1e-3;
        ComplexReferenceMlp c = new ComplexReferenceMlp(m, 4);
        double f0 = c.forward(theta, null, b);
        double[] im = new double[theta.length];
        im[2] = h;
        double re = c.forward(theta, im, b);
        // vᵀHv = mean of x₁² over the rows (∂²/∂W₁₀² of ½(t − y)²)
        double hess = 0;
        for (int s = 0; s < b.size(); s++) {
            double x1 = b.x()[s * 3 + 1];
            hess += x1 * x1;
        }
        hess /= b.size();
        assertEquals(f0 - 0.5 * h * h * hess, re, 1e-13, "Re f moves by −h²/2·vᵀHv (|z|² would move it up)");
        assertEquals(new ReferenceMlp(m).gradient(theta, b)[2], c.meanLossImaginary() / h, 1e-13);
    }

    @Test
    void reluIsRefusedAndIncrementalNeedsARealBaseline() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ComplexReferenceMlp(mlp("3-2-2", Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY), 4));
        assertTrue(e.getMessage().startsWith("activation relu"), e.getMessage());
        Mlp m = mlp("3-2-2", Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY);
        ComplexReferenceMlp c = new ComplexReferenceMlp(m, 4);
        assertThrows(IllegalStateException.class, () -> c.imaginaryLoss(0, 1e-20));
        Batch b = batchFor(m, 4, 5);
        double[] theta = randomTheta(m.parameterCount(), 1.0, 6);
        double[] im = new double[theta.length];
        im[1] = 1e-20;
        c.forward(theta, im, b);
        assertThrows(IllegalStateException.class, () -> c.imaginaryLoss(0, 1e-20), "a complex state is no baseline");
        c.forward(theta, null, b);
        assertThrows(IllegalArgumentException.class, () -> c.imaginaryLoss(theta.length, 1e-20));
        assertThrows(IllegalArgumentException.class, () -> c.forward(theta, null, batchFor(m, 5, 7)),
                "more rows than the capacity");
    }
}
