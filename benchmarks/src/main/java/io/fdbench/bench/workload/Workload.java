package io.fdbench.bench.workload;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

import java.util.Random;

/**
 * A model, its seeded parameters and one batch: what every gradient benchmark works on.
 *
 * <p>Models with 784 inputs run on the embedded MNIST-10k training digits (sigmoid hidden
 * layers, softmax cross-entropy, σ = 0.01 init as the classic TwoLayerNet). Smaller input widths
 * get seeded synthetic data of the same kind: classification with ~80 % zero inputs for more than
 * one output, and a sigmoid squared-error regression for one output (2-3-1).
 */
public record Workload(Mlp model, float[] theta, Batch batch) {

    /** Seed of every parameter initialisation and synthetic data set in the benchmarks. */
    public static final long SEED = 20261123L;

    public static Workload of(String layerSizes, int batchSize) {
        int[] sizes = Mlp.parseSizes(layerSizes);
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch must be positive, got " + batchSize);
        }
        int outputs = sizes[sizes.length - 1];
        Loss loss = Loss.forOutputs(outputs);
        Mlp model = Mlp.of(layerSizes, Activation.SIGMOID, loss);
        Dataset data = data(sizes[0], outputs, batchSize);
        return new Workload(model, model.initialise(Init.NORMAL_001, SEED), data.batch(0, batchSize));
    }

    /** The data set a model of this input and output width is benchmarked on. */
    public static Dataset data(int inputs, int outputs, int rows) {
        if (inputs == 784 && outputs == 10 && rows <= 8000) {
            return MnistData.embedded().train();
        }
        Random r = new Random(SEED);
        float[] x = new float[rows * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble() < 0.8 ? 0f : (float) r.nextDouble();
        }
        if (outputs == 1) {
            float[] t = new float[rows];
            for (int i = 0; i < rows; i++) {
                t[i] = (float) r.nextDouble();
            }
            return Dataset.regression("synthetic-" + inputs, x, inputs, t, 1);
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(outputs);
        }
        return Dataset.classification("synthetic-" + inputs, x, inputs, labels, outputs);
    }
}
