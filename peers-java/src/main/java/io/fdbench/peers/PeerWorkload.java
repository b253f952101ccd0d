package io.fdbench.peers;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.data.MnistData;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * What every Java peer works on: the suite's 784-50-10 network (sigmoid hidden layer, softmax and
 * mean cross-entropy), its seeded parameters in the engine's flat layout (per layer W [in × out]
 * row-major, then b [out]), the gradient batch (the first 100 MNIST-10k training digits, as the
 * suite's gradient family uses) and the epoch data sets, shuffled once with a fixed seed so an
 * epoch walks contiguous batches (as the Python peers do).
 */
public final class PeerWorkload {

    public static final String MODEL = "784-50-10";
    public static final int BATCH = 100;
    public static final float LEARNING_RATE = 0.1f;
    /** The central-difference step of the Python peers' classic loop and of DL4J's gradient check here. */
    public static final double FD_STEP = 1e-4;
    /** The seed of the suite's parameters ({@code io.fdbench.bench.workload.Workload.SEED}; that module is not a dependency here). */
    public static final long SEED = 20261123L;

    public static final String MNIST_10K = "mnist-10k";
    public static final String FASHION = "fashion-mnist";

    private PeerWorkload() {
    }

    /** The network's structure (the engine's model, used for its layout and by the reference). */
    public static Mlp model() {
        return Mlp.of(MODEL, Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY);
    }

    /** The suite's seeded initial parameters, N(0, 0.01²) weights and zero biases, in the flat layout. */
    public static float[] theta() {
        return model().initialise(Init.NORMAL_001, SEED);
    }

    /** The gradient batch: the first {@link #BATCH} MNIST-10k training rows. */
    public static Batch gradientBatch() {
        return MnistData.embedded().train().batch(0, BATCH);
    }

    /** An epoch's data set by its {@code dataset} parameter, rows shuffled once with {@link #SEED}. */
    public static Dataset epochData(String dataset) {
        Dataset d;
        switch (dataset) {
            case MNIST_10K:
                d = MnistData.embedded().train();
                break;
            case FASHION:
                try {
                    d = MnistData.fashionMnist().train();
                } catch (IOException e) {
                    throw new UncheckedIOException("dataset=" + FASHION + ": " + e.getMessage(), e);
                }
                break;
            default:
                throw new IllegalArgumentException("dataset: unknown '" + dataset + "' (expected " + MNIST_10K
                        + " or " + FASHION + ")");
        }
        return shuffled(d);
    }

    private static Dataset shuffled(Dataset d) {
        int n = d.rows();
        int f = d.features();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] x = new float[n * f];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(d.x(), order[i] * f, x, i * f, f);
            labels[i] = d.labels()[order[i]];
        }
        return Dataset.classification(d.name() + " (shuffled)", x, f, labels, d.outputs());
    }

    /**
     * A seeded sample of {@code n} parameter indices in the engine's flat layout, uniform over the
     * whole vector (as the NumPy peer's classic loop and DL4J's gradient-check loop sample theirs).
     */
    public static int[] parameterSample(int n) {
        int size = model().parameterCount();
        Random r = new Random(SEED);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextInt(size);
        }
        return out;
    }

    /** One-hot rows [rows × classes] of the labels. */
    public static float[] oneHot(int[] labels, int from, int count, int classes) {
        float[] y = new float[count * classes];
        for (int i = 0; i < count; i++) {
            y[i * classes + labels[from + i]] = 1f;
        }
        return y;
    }
}
