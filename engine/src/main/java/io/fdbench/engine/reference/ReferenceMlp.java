package io.fdbench.engine.reference;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;

/**
 * The double-precision ground truth: the same network and loss as an {@link Mlp}, written
 * independently of the float kernel on EJML's {@link DMatrixRMaj}.
 *
 * <p>Straightforward rather than fast: every call allocates its matrices. Parameters use the
 * model's flat layout (per layer the weights row-major [in × out], then the bias [out]) as a
 * {@code double[]}. The activations and their derivatives are written out here from the
 * pre-activation z, not taken from the kernel or from {@link Activation}'s helpers, so that a bug
 * there cannot hide in the comparison. Immutable and thread-safe.
 */
public final class ReferenceMlp {

    private final Mlp structure;
    private final int[] sizes;
    private final Activation hidden;
    private final Loss loss;

    /** A reference for the network of {@code structure}: sizes, hidden activation, loss (the kernel is ignored). */
    public ReferenceMlp(Mlp structure) {
        this.structure = structure;
        this.sizes = structure.sizes();
        this.hidden = structure.hidden();
        this.loss = structure.loss();
    }

    /** Widens float parameters to double, exactly. */
    public static double[] toDouble(float[] theta) {
        double[] d = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            d[i] = theta[i];
        }
        return d;
    }

    public Mlp structure() {
        return structure;
    }

    public int parameterCount() {
        return structure.parameterCount();
    }

    public int layerCount() {
        return sizes.length - 1;
    }

    /** The mean batch loss at theta, in double (softmax through a max-shifted log-sum-exp). */
    public double loss(double[] theta, Batch batch) {
        return forward(theta, batch).meanLoss();
    }

    /**
     * The mean batch loss at theta, and its exact gradient by backpropagation in double, written
     * into {@code grad} in the flat parameter layout.
     */
    public double lossAndGradient(double[] theta, Batch batch, double[] grad) {
        ReferenceState s = forward(theta, batch);
        backward(theta, s, grad);
        return s.meanLoss();
    }

    /** The gradient of the mean batch loss at theta as a new array. */
    public double[] gradient(double[] theta, Batch batch) {
        double[] g = new double[parameterCount()];
        lossAndGradient(theta, batch, g);
        return g;
    }

    /** The forward pass: every layer's pre-activation and activation, per-sample losses, log-sum-exp. */
    public ReferenceState forward(double[] theta, Batch batch) {
        checkShapes(theta, batch);
        int n = batch.size();
        int layers = layerCount();
        DMatrixRMaj input = new DMatrixRMaj(n, sizes[0]);
        float[] x = batch.x();
        for (int i = 0; i < n * sizes[0]; i++) {
            input.data[i] = x[i];
        }
        DMatrixRMaj[] z = new DMatrixRMaj[layers];
        DMatrixRMaj[] a = new DMatrixRMaj[layers];
        DMatrixRMaj in = input;
        for (int l = 0; l < layers; l++) {
            DMatrixRMaj w = weights(theta, l);
            DMatrixRMaj zl = new DMatrixRMaj(n, sizes[l + 1]);
            CommonOps_DDRM.mult(in, w, zl);
            int off = structure.biasOffset(l);
            int out = sizes[l + 1];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < out; j++) {
                    zl.data[i * out + j] += theta[off + j];
                }
            }
            Activation f = activation(l);
            DMatrixRMaj al = new DMatrixRMaj(n, out);
            for (int i = 0; i < n * out; i++) {
                al.data[i] = apply(f, zl.data[i]);
            }
            z[l] = zl;
            a[l] = al;
            in = al;
        }

        int out = sizes[layers];
        double[] y = a[layers - 1].data;
        double[] per = new double[n];
        double[] lse = null;
        int[] labels = null;
        double[] targets = null;
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            lse = new double[n];
            labels = Arrays.copyOf(batch.labels(), n);
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < out; j++) {
                    max = Math.max(max, y[i * out + j]);
                }
                double sum = 0;
                for (int j = 0; j < out; j++) {
                    sum += Math.exp(y[i * out + j] - max);
                }
                lse[i] = max + Math.log(sum);
                per[i] = lse[i] - y[i * out + labels[i]];
            }
        } else {
            targets = new double[n * out];
            float[] t = batch.targets();
            for (int i = 0; i < n * out; i++) {
                targets[i] = t[i];
            }
            for (int i = 0; i < n; i++) {
                double e = 0;
                for (int j = 0; j < out; j++) {
                    double d = targets[i * out + j] - y[i * out + j];
                    e += d * d;
                }
                per[i] = 0.5 * e;
            }
        }
        double sum = 0;
        for (double v : per) {
            sum += v;
        }
        return new ReferenceState(this, n, input, z, a, per, lse, labels, targets, sum / n);
    }

    /** The backward pass over a state from {@link #forward} at the same theta: ∂(mean loss)/∂θ into grad. */
    public void backward(double[] theta, ReferenceState s, double[] grad) {
        if (grad.length != parameterCount()) {
            throw new IllegalArgumentException("gradient has " + grad.length + " entries, expected " + parameterCount());
        }
        ReferenceMlp r = s.reference();
        if (r != this && !(Arrays.equals(r.sizes, sizes) && r.hidden == hidden && r.loss == loss)) {
            throw new IllegalArgumentException("reference state was made for another network");
        }
        int n = s.rows();
        int layers = layerCount();
        int out = sizes[layers];
        // δ of the output pre-activation for the mean loss.
        DMatrixRMaj delta = new DMatrixRMaj(n, out);
        double[] zL = s.z[layers - 1].data;
        double[] y = s.a[layers - 1].data;
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < out; j++) {
                    double p = Math.exp(zL[i * out + j] - s.lse[i]);
                    delta.data[i * out + j] = (p - (j == s.labels[i] ? 1.0 : 0.0)) / n;
                }
            }
        } else {
            Activation f = loss.outputActivation();
            for (int i = 0; i < n * out; i++) {
                delta.data[i] = (y[i] - s.targets[i]) * derivative(f, zL[i]) / n;
            }
        }
        for (int l = layers - 1; l >= 0; l--) {
            DMatrixRMaj in = l == 0 ? s.input : s.a[l - 1];
            DMatrixRMaj gw = new DMatrixRMaj(sizes[l], sizes[l + 1]);
            CommonOps_DDRM.multTransA(in, delta, gw);
            System.arraycopy(gw.data, 0, grad, structure.weightOffset(l), gw.data.length);
            DMatrixRMaj gb = CommonOps_DDRM.sumCols(delta, null);
            System.arraycopy(gb.data, 0, grad, structure.biasOffset(l), sizes[l + 1]);
            if (l > 0) {
                DMatrixRMaj below = new DMatrixRMaj(n, sizes[l]);
                CommonOps_DDRM.multTransB(delta, weights(theta, l), below);
                Activation f = activation(l - 1);
                double[] zb = s.z[l - 1].data;
                for (int i = 0; i < below.data.length; i++) {
                    below.data[i] *= derivative(f, zb[i]);
                }
                delta = below;
            }
        }
    }

    /** Layer l's weights [in × out] copied out of theta. */
    private DMatrixRMaj weights(double[] theta, int l) {
        DMatrixRMaj w = new DMatrixRMaj(sizes[l], sizes[l + 1]);
        System.arraycopy(theta, structure.weightOffset(l), w.data, 0, sizes[l] * sizes[l + 1]);
        return w;
    }

    Activation activation(int layer) {
        return layer == layerCount() - 1 ? loss.outputActivation() : hidden;
    }

    int width(int layer) {
        return sizes[layer];
    }

    static double apply(Activation f, double z) {
        switch (f) {
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-z));
            case TANH:
                return Math.tanh(z);
            case RELU:
                return z > 0 ? z : 0.0;
            case IDENTITY:
                return z;
            default:
                throw new IllegalArgumentException("activation " + f);
        }
    }

    /** f′(z), computed from z; ReLU's derivative at 0 is 0 like the float engine's. */
    static double derivative(Activation f, double z) {
        switch (f) {
            case SIGMOID: {
                double s = 1.0 / (1.0 + Math.exp(-z));
                return s * (1.0 - s);
            }
            case TANH: {
                double t = Math.tanh(z);
                return 1.0 - t * t;
            }
            case RELU:
                return z > 0 ? 1.0 : 0.0;
            case IDENTITY:
                return 1.0;
            default:
                throw new IllegalArgumentException("activation " + f);
        }
    }

    private void checkShapes(double[] theta, Batch batch) {
        if (theta.length != parameterCount()) {
            throw new IllegalArgumentException("theta has " + theta.length + " entries, the model "
                    + structure.describe() + " has " + parameterCount() + " parameters");
        }
        if (batch.features() != sizes[0] || batch.outputs() != sizes[sizes.length - 1]) {
            throw new IllegalArgumentException("batch shape " + batch.features() + " → " + batch.outputs()
                    + " does not match the model " + structure.describe());
        }
        if (batch.isClassification() != loss.needsLabels()) {
            throw new IllegalArgumentException("loss " + loss.label() + (loss.needsLabels()
                    ? " needs class labels, the batch has regression targets"
                    : " needs regression targets, the batch has class labels"));
        }
        if (batch.size() <= 0) {
            throw new IllegalArgumentException("batch is empty");
        }
    }
}
