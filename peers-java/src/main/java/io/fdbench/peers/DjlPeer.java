package io.fdbench.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.fdbench.engine.data.Batch;
import io.fdbench.engine.data.Dataset;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch peer through DJL's PyTorch engine: the 784-50-10 network as four leaf tensors
 * W1 [784 × 50], b1 [50], W2 [50 × 10], b2 [10] (the engine's layout: x·W + b, so no transpose,
 * unlike {@code torch.nn.Linear}'s [out × in] weight), the mean cross-entropy of
 * {@code logSoftmax} against one-hot labels, and the gradient from PyTorch's autograd
 * ({@link GradientCollector}), as the Python torch peer does with {@code addmm} and
 * {@code cross_entropy}. SGD updates the leaves in place outside the collector (no grad mode).
 *
 * <p>Memory: every temporary of a step lives in a sub-manager closed after the step; the batch is
 * attached to it for the step only ({@link NDArray#tempAttach}), so nothing accumulates.
 */
public final class DjlPeer implements AutoCloseable {

    /** The engine name DJL registers PyTorch under. */
    public static final String ENGINE = "PyTorch";

    private final Mlp model;
    private final DataType type;
    private final NDManager manager;
    private final NDArray[] params;
    /** θ as the tensors were created from it (the central difference restores a parameter from here). */
    private final double[] values;

    public DjlPeer(String precision, float[] theta) {
        this.model = PeerWorkload.model();
        this.type = dataType(precision);
        this.manager = NDManager.newBaseManager(Device.cpu(), ENGINE);
        List<ParameterBlock> blocks = model.blocks();
        this.params = new NDArray[blocks.size()];
        this.values = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            values[i] = theta[i];
        }
        for (int k = 0; k < params.length; k++) {
            ParameterBlock b = blocks.get(k);
            Shape shape = b.bias() ? new Shape(b.cols()) : new Shape(b.rows(), b.cols());
            params[k] = create(manager, theta, b.offset(), b.size(), shape);
            params[k].setRequiresGradient(true);
        }
    }

    /**
     * Pins PyTorch's intra-op threads to {@code threads} and its inter-op threads to 1 (what the
     * Python torch peer reports at both thread counts), after checking the environment (OpenMP
     * reads it when the natives load). The inter-op count can only be set before the engine
     * loads, so it goes in as DJL's system property.
     */
    public static void pinThreads(int threads) {
        PeerThreads.requireEnvironment(threads);
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        engine();
        JniUtils.setNumThreads(threads);
        if (JniUtils.getNumThreads() != threads) {
            throw new IllegalStateException("threads=" + threads + " but PyTorch uses " + JniUtils.getNumThreads()
                    + " intra-op threads");
        }
    }

    /** Versions, thread settings and where the natives came from, for the env file. */
    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        Engine e = engine();
        out.put("djl.version", String.valueOf(Engine.getDjlVersion()));
        out.put("pytorch.version", e.getVersion());
        out.put("pytorch.num_threads", String.valueOf(JniUtils.getNumThreads()));
        out.put("pytorch.num_interop_threads", String.valueOf(JniUtils.getNumInteropThreads()));
        out.put("djl.offline", String.valueOf(System.getProperty("ai.djl.offline")));
        out.put("djl.engine_cache_dir", String.valueOf(System.getProperty("ENGINE_CACHE_DIR")));
        return out;
    }

    static DataType dataType(String precision) {
        switch (precision) {
            case "float":
                return DataType.FLOAT32;
            case "double":
                return DataType.FLOAT64;
            default:
                throw new IllegalArgumentException("precision: unknown '" + precision + "' (expected float or double)");
        }
    }

    /** The engine DJL loaded (its version is the PyTorch version). */
    public static Engine engine() {
        return Engine.getEngine(ENGINE);
    }

    private NDArray create(NDManager m, float[] v, int from, int count, Shape shape) {
        if (type == DataType.FLOAT32) {
            float[] part = new float[count];
            System.arraycopy(v, from, part, 0, count);
            return m.create(part, shape);
        }
        double[] part = new double[count];
        for (int i = 0; i < count; i++) {
            part[i] = v[from + i];
        }
        return m.create(part, shape);
    }

    /** A batch on the device: inputs [rows × features] and one-hot labels [rows × classes]. */
    public record Step(NDArray x, NDArray y) {
    }

    public Step step(float[] x, int[] labels, int from, int rows, int features, int classes) {
        return new Step(create(manager, x, from * features, rows * features, new Shape(rows, features)),
                create(manager, PeerWorkload.oneHot(labels, from, rows, classes), 0, rows * classes,
                        new Shape(rows, classes)));
    }

    public Step step(Batch batch) {
        return step(batch.x(), batch.labels(), 0, batch.size(), model.inputs(), model.outputs());
    }

    /** The contiguous batches of an epoch (a trailing partial batch is dropped, as the Python peers do). */
    public List<Step> epochBatches(Dataset data, int batch) {
        List<Step> out = new ArrayList<>();
        for (int from = 0; from + batch <= data.rows(); from += batch) {
            out.add(step(data.x(), data.labels(), from, batch, data.features(), data.outputs()));
        }
        return out;
    }

    /** Mean cross-entropy of softmax(sigmoid(x·W1 + b1)·W2 + b2) against the one-hot labels. */
    private NDArray loss(Step s) {
        NDArray h = Activation.sigmoid(s.x().matMul(params[0]).add(params[1]));
        NDArray logits = h.matMul(params[2]).add(params[3]);
        return logits.logSoftmax(1).mul(s.y()).sum().neg().div(s.x().getShape().get(0));
    }

    /** Forward and autograd backward; the leaves' gradients hold the result. Returns the loss. */
    private float backward(Step s, NDManager scope) {
        s.x().tempAttach(scope);
        s.y().tempAttach(scope);
        // Not GradientCollector.zeroGradients(): it walks every array DJL manages and leaves two new
        // gradient handles per parameter behind each call (measured: the managed list grew by 1,000
        // per 500 calls and each call slowed down), so the leaves' gradients are zeroed in place, as
        // the Python peer clears p.grad.
        for (NDArray p : params) {
            JniUtils.zeroGrad((PtNDArray) p);
        }
        try (GradientCollector gc = engine().newGradientCollector()) {
            NDArray loss = loss(s);
            gc.backward(loss);
            return loss.toType(DataType.FLOAT32, false).getFloat();
        }
    }

    /** One backprop gradient of the batch (the timed operation); returns the loss. */
    public float computeGradient(Step s) {
        try (NDManager scope = manager.newSubManager()) {
            return backward(s, scope);
        }
    }

    /** The mean-loss gradient in the engine's flat layout, in double. */
    public double[] gradient(Step s) {
        computeGradient(s);
        double[] out = new double[model.parameterCount()];
        List<ParameterBlock> blocks = model.blocks();
        for (int k = 0; k < params.length; k++) {
            ParameterBlock b = blocks.get(k);
            try (NDArray g = params[k].getGradient(); NDArray d = g.toType(DataType.FLOAT64, true)) {
                double[] v = d.toDoubleArray();
                if (v.length != b.size()) {
                    throw new IllegalStateException("DJL's gradient of " + b.name() + " has " + v.length
                            + " entries, expected " + b.size());
                }
                System.arraycopy(v, 0, out, b.offset(), v.length);
            }
        }
        return out;
    }

    /**
     * One parameter of the textbook full-evaluation central difference, as the classic NumPy loop
     * runs it: the parameter set to θᵢ + h in place, the loss of the whole batch (no autograd),
     * θᵢ − h, the loss again, θᵢ restored; returns (L₊ − L₋) / 2h. {@code index} is in the engine's
     * flat layout (block by block, each row-major).
     */
    public double centralDifference(Step s, int index, double h) {
        ParameterBlock b = model.blockOf(index);
        int k = model.blocks().indexOf(b);
        int local = index - b.offset();
        NDIndex at = b.bias() ? new NDIndex(local) : new NDIndex(local / b.cols(), local % b.cols());
        NDArray p = params[k];
        double saved = values[index];
        try (NDManager scope = manager.newSubManager()) {
            s.x().tempAttach(scope);
            s.y().tempAttach(scope);
            p.set(at, value(saved + h));
            double plus = loss(s).toType(DataType.FLOAT64, false).getDouble();
            p.set(at, value(saved - h));
            double minus = loss(s).toType(DataType.FLOAT64, false).getDouble();
            p.set(at, value(saved));
            return (plus - minus) / (2 * h);
        }
    }

    /** A parameter value as the tensors hold it: rounded to float for float32. */
    private Number value(double v) {
        return type == DataType.FLOAT32 ? (Number) (float) v : (Number) v;
    }

    /** One epoch of SGD (learning rate 0.1), one step per batch. */
    public void epoch(List<Step> batches) {
        for (Step s : batches) {
            try (NDManager scope = manager.newSubManager()) {
                backward(s, scope);
                for (NDArray p : params) {
                    try (NDArray g = p.getGradient()) {
                        p.subi(g.muli(PeerWorkload.LEARNING_RATE));
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
