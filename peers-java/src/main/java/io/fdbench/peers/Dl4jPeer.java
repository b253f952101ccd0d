package io.fdbench.peers;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DL4J peer: the 784-50-10 network as a {@link MultiLayerNetwork} (a sigmoid {@link DenseLayer},
 * a softmax {@link OutputLayer} with MCXENT loss, plain SGD at learning rate 0.1, no regularisation),
 * in float or double, on ND4J's native CPU backend.
 *
 * <p>Layouts: DL4J's dense weight {@code "l_W"} is [nIn × nOut] like the engine's W, and its bias
 * {@code "l_b"} is [1 × nOut]; {@link MultiLayerNetwork#setParam} copies values whatever the
 * order of the flattened parameter view ('f'), so the engine's row-major blocks go in as 'c'
 * arrays and come back with {@code dup('c')}. DL4J's backprop gradient is the gradient of the
 * summed loss (its updater divides by the minibatch size), so {@link #gradient} divides by the
 * batch to compare it with the mean-loss reference.
 */
public final class Dl4jPeer {

    private final Mlp model;
    private final DataType type;
    private final MultiLayerNetwork net;

    public Dl4jPeer(String precision, float[] theta) {
        this(precision, theta, PeerWorkload.LEARNING_RATE);
    }

    /** With another SGD learning rate: GradientCheckUtil accepts SGD only at 1.0. */
    Dl4jPeer(String precision, float[] theta, double learningRate) {
        this.model = PeerWorkload.model();
        this.type = dataType(precision);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(PeerWorkload.SEED)
                .dataType(type)
                .updater(new Sgd(learningRate))
                .list()
                .layer(new DenseLayer.Builder().nIn(model.size(0)).nOut(model.size(1))
                        .activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(model.size(1))
                        .nOut(model.size(2)).activation(Activation.SOFTMAX).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        setParameters(theta);
    }

    /**
     * Pins ND4J's OpenMP threads and OpenBLAS's threads to {@code threads}, after checking that the
     * environment (read when the natives load) says the same.
     */
    public static void pinThreads(int threads) {
        PeerThreads.requireEnvironment(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** Versions, native build and thread settings, for the env file. */
    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dl4j.version", MultiLayerNetwork.class.getPackage().getImplementationVersion() == null
                ? "1.0.0-M2.1 (pom)" : MultiLayerNetwork.class.getPackage().getImplementationVersion());
        out.put("nd4j.backend", Nd4j.getBackend().getClass().getSimpleName());
        out.put("nd4j.platform.extension", String.valueOf(System.getProperty("javacpp.platform.extension")));
        out.put("nd4j.maxThreads", String.valueOf(Nd4j.getEnvironment().maxThreads()));
        out.put("nd4j.maxMasterThreads", String.valueOf(Nd4j.getEnvironment().maxMasterThreads()));
        out.put("blas.vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        out.put("blas.num_threads", String.valueOf(Nd4j.factory().blas().getMaxThreads()));
        // Which native build javacpp extracted and loaded (the avx2 / avx512 jar, OpenBLAS).
        org.bytedeco.javacpp.Loader.getLoadedLibraries().forEach((name, path) -> {
            if (path != null && (path.contains("nd4j") || path.contains("openblas"))) {
                out.put("native." + name, path);
            }
        });
        return out;
    }

    static DataType dataType(String precision) {
        switch (precision) {
            case "float":
                return DataType.FLOAT;
            case "double":
                return DataType.DOUBLE;
            default:
                throw new IllegalArgumentException("precision: unknown '" + precision + "' (expected float or double)");
        }
    }

    public MultiLayerNetwork network() {
        return net;
    }

    /** DL4J's name of a block of the engine's layout: W1 → "0_W", b2 → "1_b". */
    static String key(ParameterBlock b) {
        return b.layer() + (b.bias() ? "_b" : "_W");
    }

    /** Copies the engine's flat parameters into the network. */
    public void setParameters(float[] theta) {
        for (ParameterBlock b : model.blocks()) {
            double[] v = new double[b.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = theta[b.offset() + i];
            }
            net.setParam(key(b), Nd4j.create(v, new long[] {b.rows(), b.cols()}, 'c').castTo(type));
        }
    }

    /** The network's parameters in the engine's flat layout. */
    public double[] parameters() {
        double[] out = new double[model.parameterCount()];
        for (ParameterBlock b : model.blocks()) {
            copy(net.getParam(key(b)), b, out, 1);
        }
        return out;
    }

    /** Rows of a batch as a [rows × features] array of this peer's type. */
    public INDArray features(float[] x, int from, int rows, int features) {
        float[] part = new float[rows * features];
        System.arraycopy(x, from * features, part, 0, part.length);
        return Nd4j.create(part, new long[] {rows, features}, 'c').castTo(type);
    }

    /** One-hot labels [rows × classes] of this peer's type. */
    public INDArray labels(int[] labels, int from, int rows, int classes) {
        return Nd4j.create(PeerWorkload.oneHot(labels, from, rows, classes), new long[] {rows, classes}, 'c')
                .castTo(type);
    }

    /** The batch as DL4J's {@link DataSet}. */
    public DataSet dataSet(Batch batch) {
        return new DataSet(features(batch.x(), 0, batch.size(), model.inputs()),
                labels(batch.labels(), 0, batch.size(), model.outputs()));
    }

    /** One backprop gradient (and score) of the batch: the timed operation. */
    public Gradient computeGradient(DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient();
    }

    /** The mean-loss gradient in the engine's flat layout, in double. */
    public double[] gradient(DataSet batch) {
        Gradient g = computeGradient(batch);
        double[] out = new double[model.parameterCount()];
        double scale = 1.0 / batch.numExamples();
        for (ParameterBlock b : model.blocks()) {
            INDArray a = g.getGradientFor(key(b));
            if (a == null) {
                throw new IllegalStateException("DL4J returned no gradient for " + key(b));
            }
            copy(a, b, out, scale);
        }
        return out;
    }

    private static void copy(INDArray a, ParameterBlock b, double[] out, double scale) {
        if (a.length() != b.size()) {
            throw new IllegalStateException("DL4J's " + key(b) + " has " + a.length() + " entries, "
                    + b.name() + " " + b.size());
        }
        double[] v = a.reshape('c', b.rows(), b.cols()).dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < v.length; i++) {
            out[b.offset() + i] = v[i] * scale;
        }
    }

    /** The contiguous batches of an epoch over {@code data} (a trailing partial batch is dropped, as the Python peers do). */
    public List<DataSet> epochBatches(Dataset data, int batch) {
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from + batch <= data.rows(); from += batch) {
            out.add(new DataSet(features(data.x(), from, batch, data.features()),
                    labels(data.labels(), from, batch, data.outputs())));
        }
        return out;
    }

    /** One epoch of SGD: one {@link MultiLayerNetwork#fit(org.nd4j.linalg.dataset.api.DataSet)} per batch. */
    public void epoch(List<DataSet> batches) {
        for (DataSet b : batches) {
            net.fit(b);
        }
    }

    /** The mean loss on a batch (DL4J's score, no regularisation), for the env file. */
    public double score(DataSet batch) {
        return net.score(batch, false);
    }
}
