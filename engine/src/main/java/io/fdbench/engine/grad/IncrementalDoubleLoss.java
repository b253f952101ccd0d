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
final class IncrementalDoubleLoss extends PerturbedLoss<double[]> {

    private final Mlp model;
    private final Loss loss;
    private final ReferenceMlp reference;
    private final int layers;
    private final int maxWidth;
    private ReferenceState state;
    private double baseSum;

    IncrementalDoubleLoss(Mlp model) {
        super(ParameterArrays.DOUBLE);
        this.model = model;
        this.loss = model.loss();
        this.reference = new ReferenceMlp(model);
        this.layers = model.layerCount();
        this.maxWidth = model.widestLayer();
    }

    @Override
    double baseline(double[] theta, Batch batch) {
        this.state = reference.forward(theta, batch);
        double sum = 0;
        for (double v : state.sampleLoss()) {
            sum += v;
        }
        baseSum = sum;
        return state.meanLoss();
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
                double[] theta = theta();
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
                return mean(baseSum, diff, n);
            }

            private double sampleLossAfter(int l, int s, int j, double zNew) {
                double[] theta = theta();
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
                return loss.sampleLoss(logits, 0, model.outputs(), state.labels(), state.targets(), s);
            }
        };
    }
}
