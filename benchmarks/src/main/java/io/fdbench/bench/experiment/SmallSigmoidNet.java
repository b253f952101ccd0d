package io.fdbench.bench.experiment;

/**
 * A tiny sigmoid network in double precision with squared error, for the textbook toys
 * ({@code backprop-toy}'s 2-2-2 and {@code xor}'s 2-3-1): every layer, the output included, is
 * sigmoid, and the loss of a sample is ½·Σₖ(oₖ − tₖ)².
 *
 * <p>Why not the engine's float {@code Mlp} or its double {@code ReferenceMlp}: the derivation's
 * figures are checked to 8 digits and its gradients to 1e-8, which float cannot give, and the
 * reference has no sigmoid output with squared error on a bias-free network (xor runs with and
 * without bias). A dozen parameters need no kernel: plain loops in double, written out so the
 * derivation's formulas can be read in them.
 *
 * <p>Parameter layout, flat {@code double[]}: per layer a matrix of (in [+1 with bias]) rows ×
 * out columns, row-major, the bias row first (the derivation's v and w, 3 × 2 with the bias row
 * on top).
 */
final class SmallSigmoidNet {

    private final int[] sizes;
    private final boolean bias;
    private final int[] offset;
    private final int parameterCount;
    /** Net inputs and outputs per layer (layer 0 = the input), for one sample. */
    private final double[][] net;
    private final double[][] act;
    private final double[][] delta;

    SmallSigmoidNet(int[] sizes, boolean bias) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("need at least an input and an output layer");
        }
        this.sizes = sizes.clone();
        this.bias = bias;
        this.offset = new int[sizes.length - 1];
        int off = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            offset[l] = off;
            off += rows(l) * sizes[l + 1];
        }
        this.parameterCount = off;
        this.net = new double[sizes.length][];
        this.act = new double[sizes.length][];
        this.delta = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            net[l] = new double[sizes[l]];
            act[l] = new double[sizes[l]];
            delta[l] = new double[sizes[l]];
        }
    }

    int parameterCount() {
        return parameterCount;
    }

    boolean bias() {
        return bias;
    }

    int inputs() {
        return sizes[0];
    }

    int outputs() {
        return sizes[sizes.length - 1];
    }

    /** "2-3-1 with bias" */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return sb + (bias ? " with bias" : " without bias");
    }

    private int rows(int layer) {
        return sizes[layer] + (bias ? 1 : 0);
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** Weights uniform in [−1, 1) from {@code rnd}, the layout's order. */
    double[] uniform(java.util.Random rnd) {
        double[] theta = new double[parameterCount];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 2 * rnd.nextDouble() - 1;
        }
        return theta;
    }

    /**
     * The forward pass of one sample (x at {@code xOff}); afterwards {@link #net(int)} and
     * {@link #activation(int)} hold every layer's net input and output.
     */
    void forward(double[] theta, double[] x, int xOff) {
        System.arraycopy(x, xOff, act[0], 0, sizes[0]);
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int w = offset[l];
            double[] a = act[l];
            for (int j = 0; j < out; j++) {
                double z = bias ? theta[w + j] : 0;
                int first = bias ? 1 : 0;
                for (int i = 0; i < in; i++) {
                    z += a[i] * theta[w + (first + i) * out + j];
                }
                net[l + 1][j] = z;
                act[l + 1][j] = sigmoid(z);
            }
        }
    }

    /** Net inputs of {@code layer} (1 = the first hidden layer) after {@link #forward}. */
    double[] net(int layer) {
        return net[layer].clone();
    }

    /** Outputs of {@code layer} after {@link #forward}. */
    double[] activation(int layer) {
        return act[layer].clone();
    }

    /** The output of one sample. */
    double[] predict(double[] theta, double[] x, int xOff) {
        forward(theta, x, xOff);
        return act[sizes.length - 1].clone();
    }

    /**
     * ½·Σ(o − t)² summed over {@code rows} (samples {@code rows[k]}), times 1/rows.length when
     * {@code mean}.
     */
    double loss(double[] theta, double[] x, double[] t, int[] rows, boolean mean) {
        int outs = outputs();
        int last = sizes.length - 1;
        double sum = 0;
        for (int r : rows) {
            forward(theta, x, r * sizes[0]);
            for (int k = 0; k < outs; k++) {
                double e = act[last][k] - t[r * outs + k];
                sum += 0.5 * e * e;
            }
        }
        return mean ? sum / rows.length : sum;
    }

    /** The gradient of {@link #loss} by backpropagation into {@code grad}; returns the loss. */
    double backprop(double[] theta, double[] x, double[] t, int[] rows, boolean mean, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        int outs = outputs();
        int last = sizes.length - 1;
        double scale = mean ? 1.0 / rows.length : 1.0;
        double sum = 0;
        for (int r : rows) {
            forward(theta, x, r * sizes[0]);
            for (int k = 0; k < outs; k++) {
                double o = act[last][k];
                double e = o - t[r * outs + k];
                sum += 0.5 * e * e;
                delta[last][k] = e * o * (1 - o);
            }
            for (int l = last - 1; l >= 0; l--) {
                int in = sizes[l];
                int out = sizes[l + 1];
                int w = offset[l];
                int first = bias ? 1 : 0;
                for (int j = 0; j < out; j++) {
                    double d = delta[l + 1][j] * scale;
                    if (bias) {
                        grad[w + j] += d;
                    }
                    for (int i = 0; i < in; i++) {
                        grad[w + (first + i) * out + j] += act[l][i] * d;
                    }
                }
                if (l > 0) {
                    for (int i = 0; i < in; i++) {
                        double s = 0;
                        for (int j = 0; j < out; j++) {
                            s += theta[w + (first + i) * out + j] * delta[l + 1][j];
                        }
                        double a = act[l][i];
                        delta[l][i] = s * a * (1 - a);
                    }
                }
            }
        }
        return mean ? sum / rows.length : sum;
    }

    /**
     * The central-difference gradient (f(θ + h·eᵢ) − f(θ − h·eᵢ)) / 2h of {@link #loss}, one
     * parameter at a time (2P loss evaluations); returns the loss at θ (one more).
     */
    double central(double[] theta, double[] x, double[] t, int[] rows, boolean mean, double h, double[] grad) {
        double[] p = theta.clone();
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double plus = loss(p, x, t, rows, mean);
            p[i] = keep - h;
            double minus = loss(p, x, t, rows, mean);
            p[i] = keep;
            grad[i] = (plus - minus) / (2 * h);
        }
        return loss(theta, x, t, rows, mean);
    }
}
