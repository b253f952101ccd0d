package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;
import io.fdbench.engine.reference.ReferenceMlp;
import io.fdbench.engine.reference.ReferenceState;

/**
 * INCREMENTAL evaluation in double on the reference forward state: the same rank-one update as
 * {@link IncrementalFloatLoss} (only the moved unit's samples and later layers are recomputed),
 * written plainly, for accuracy studies rather than speed.
 */
final class IncrementalDoubleLoss extends PerturbedLoss {

    private final Mlp model;
    private final ReferenceMlp reference;
    private final int layers;
    private final int maxWidth;
    private double[] theta;
    private ReferenceState state;
    private double baseSum;

    IncrementalDoubleLoss(Mlp model) {
        this.model = model;
        this.reference = new ReferenceMlp(model);
        this.layers = model.layerCount();
        this.maxWidth = model.widestLayer();
    }

    @Override
    double prepare(float[] theta, Batch batch) {
        this.theta = ReferenceMlp.toDouble(theta);
        this.state = reference.forward(this.theta, batch);
        double sum = 0;
        for (double v : state.sampleLoss()) {
            sum += v;
        }
        baseSum = sum;
        return state.meanLoss();
    }

    @Override
    double parameter(int index) {
        return theta[index];
    }

    @Override
    double representable(double v) {
        return v;
    }

    @Override
    Worker newWorker() {
        return new Worker() {
            private final double[] rowA = new double[maxWidth];
            private final double[] rowB = new double[maxWidth];

            @Override
            public void sync() {
                // Reads only the shared state of prepare().
            }

            @Override
            public double lossWith(int index, double value) {
                ParameterBlock block = model.blockOf(index);
                int l = block.layer();
                int width = model.size(l + 1);
                double delta = value - theta[index];
                double[] z = state.preActivation(l);
                double[] per = state.sampleLoss();
                int n = state.rows();
                double diff = 0;
                int local = index - block.offset();
                int j = block.bias() ? local : local % width;
                int i = block.bias() ? -1 : local / width;
                int in = model.size(l);
                double[] x = l == 0 ? state.input() : state.activation(l - 1);
                for (int s = 0; s < n; s++) {
                    double xi = i < 0 ? 1.0 : x[s * in + i];
                    if (xi == 0.0) {
                        continue;
                    }
                    diff += sampleLossAfter(l, s, j, z[s * width + j] + delta * xi) - per[s];
                }
                return (baseSum + diff) / n;
            }

            private double sampleLossAfter(int l, int s, int j, double zNew) {
                int width = model.size(l + 1);
                double[] cur = rowA;
                double[] other = rowB;
                if (l == layers - 1) {
                    System.arraycopy(state.preActivation(l), s * width, cur, 0, width);
                    cur[j] = zNew;
                    return outputLoss(s, cur);
                }
                double deltaA = model.activation(l).apply(zNew) - state.activation(l)[s * width + j];
                int next = model.size(l + 2);
                double[] zNext = state.preActivation(l + 1);
                int wOff = model.weightOffset(l + 1) + j * next;
                for (int k = 0; k < next; k++) {
                    cur[k] = zNext[s * next + k] + deltaA * theta[wOff + k];
                }
                for (int m = l + 1; m < layers - 1; m++) {
                    int mIn = model.size(m + 1);
                    int mOut = model.size(m + 2);
                    Activation f = model.activation(m);
                    int w = model.weightOffset(m + 1);
                    int b = model.biasOffset(m + 1);
                    for (int k = 0; k < mOut; k++) {
                        other[k] = theta[b + k];
                    }
                    for (int r = 0; r < mIn; r++) {
                        double ar = f.apply(cur[r]);
                        for (int k = 0; k < mOut; k++) {
                            other[k] += ar * theta[w + r * mOut + k];
                        }
                    }
                    double[] t = cur;
                    cur = other;
                    other = t;
                }
                return outputLoss(s, cur);
            }

            private double outputLoss(int s, double[] logits) {
                int out = model.outputs();
                if (model.loss() == Loss.SOFTMAX_CROSS_ENTROPY) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < out; k++) {
                        max = Math.max(max, logits[k]);
                    }
                    double sum = 0;
                    for (int k = 0; k < out; k++) {
                        sum += Math.exp(logits[k] - max);
                    }
                    return max + Math.log(sum) - logits[state.labels()[s]];
                }
                Activation f = model.loss().outputActivation();
                double[] t = state.targets();
                double e = 0;
                for (int k = 0; k < out; k++) {
                    double d = t[s * out + k] - f.apply(logits[k]);
                    e += d * d;
                }
                return 0.5 * e;
            }
        };
    }
}
