package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;

/**
 * INCREMENTAL evaluation in float: the perturbed loss from the cached forward state.
 *
 * <p>Changing W_l[i,j] by δ changes layer l's pre-activation only in unit j, by δ·x_l[s,i] for
 * each sample s (a rank-one update), so samples with x_l[s,i] = 0 keep their loss exactly (about
 * 81 % of MNIST pixels are zero) and only the later layers of the affected samples are recomputed.
 * An output-layer parameter changes one logit per sample, so under softmax the loss changes by
 * log(1 + p_j·(e^Δ − 1)) − [j = label]·Δ from the cached softmax row: O(1) per sample. For the
 * output layer's weights and the layer below a softmax output, per-sample loss changes come from
 * the vectorised {@code Kernel.softmaxLossShift}. Deeper hidden layers (and any hidden or output
 * layer under a squared-error loss) stack the affected (sample, point) rows and carry them
 * through the later layers with the kernel's GEMM, activations and batch loss: for a hidden unit,
 * the next layer's pre-activations change by the rank-one update Δa_j·W_{l+1}[j,:]. The mean is
 * the baseline's sum (per-sample float losses summed in double) plus the summed changes, divided
 * by the batch size and rounded to float, as FULL rounds it: both agree within float rounding.
 */
final class IncrementalFloatLoss extends PerturbedLoss<float[]> {

    private final Mlp model;
    private final Loss loss;
    /**
     * Whether the loss changes by {@link Loss#logitShift} when a logit moves (softmax): then the
     * softmax rows are cached and the layers at and below the output take the vectorised paths.
     */
    private final boolean logitShift;
    private final ForwardState state;
    private final int layers;
    private final int maxWidth;
    /** Per layer l and input unit i: the samples whose input x_l[s,i] is non-zero (CSR by column). */
    private final int[][] nzStart;
    private final int[][] nzSamples;
    private final int[][] nzFill;
    /** Per layer l and sample s: the input units i with x_l[s,i] non-zero (CSR by row). */
    private final int[][] rowStart;
    private final int[][] rowUnits;
    /** x_l[s,i] for the entries of rowUnits, compacted alongside them. */
    private final float[][] rowValues;
    /** Softmax probabilities of the cached logits [rows × classes] (softmax loss only). */
    private final float[] probs;
    /** The classes × classes identity: row k is the unit vector of logit k. */
    private final float[] identity;
    private double baseSum;
    /** Per layer l: max |x_l[s,i]| over the batch (NaN if any input is NaN). */
    private final float[] largestInput;
    /**
     * Below a softmax output, a sigmoid unit's change σ(z + δ) − σ(z) comes from its Taylor series
     * at z (degree 4, coefficients from the cached σ(z)) when every |δ| of the group is at most
     * this: the next term is below δ⁴/120 ≈ 8e-9 of the change, a seventh of a float ulp. Five
     * FMAs a point instead of a sigmoid (exp and a division) and a subtraction, and without the
     * cancellation of subtracting two nearby floats.
     */
    static final float SIGMOID_SERIES_LIMIT = 1f / 32;
    /**
     * Rows carried through the later layers at once by the incremental worker's deep path, at
     * least: as many as fill the carried rows' arrays when the layers above are narrower (512
     * rows on 2-3-1, where 32 rows per carry made the per-carry calls most of the gradient).
     */
    static final int CARRIED_ROWS = 32;
    /** From this width on, the carried rows' rank-one update is one GEMM with k = 1. */
    private static final int WIDE_ROW = 64;
    /**
     * A weight group of fewer than 1/SPARSE_GROUP_FRACTION of its column's parameters finds its
     * samples through the column index rather than by scanning each sample's inputs.
     */
    private static final int SPARSE_GROUP_FRACTION = 8;
    /**
     * Evaluation points a worker holds at once: a unit's two sides for every input of one sample,
     * and at least a few hundred so that a small network's points of many samples share one
     * kernel call (2-3-1: one activation call per sample was most of its gradient's time).
     */
    private final int points;

    IncrementalFloatLoss(Mlp model, int capacity) {
        super(ParameterArrays.FLOAT);
        this.model = model;
        this.loss = model.loss();
        this.logitShift = loss.hasLogitShift();
        this.state = model.newState(capacity);
        this.layers = model.layerCount();
        this.maxWidth = model.widestLayer();
        this.points = Math.max(2 * maxWidth, 512);
        this.largestInput = new float[layers];
        nzStart = new int[layers][];
        nzSamples = new int[layers][];
        nzFill = new int[layers][];
        for (int l = 0; l < layers; l++) {
            nzStart[l] = new int[model.size(l) + 1];
            nzSamples[l] = new int[capacity * model.size(l)];
            nzFill[l] = new int[model.size(l)];
        }
        rowStart = new int[layers][capacity + 1];
        rowUnits = new int[layers][];
        rowValues = new float[layers][];
        for (int l = 0; l < layers; l++) {
            rowUnits[l] = new int[capacity * model.size(l)];
            rowValues[l] = new float[capacity * model.size(l)];
        }
        probs = new float[capacity * model.outputs()];
        int classes = model.outputs();
        identity = new float[classes * classes];
        for (int k = 0; k < classes; k++) {
            identity[k * classes + k] = 1f;
        }
    }

    @Override
    double baseline(float[] theta, Batch batch) {
        float mean = model.forward(theta, batch, state);
        int n = batch.size();
        float[] per = state.sampleLoss();
        double sum = 0;
        for (int s = 0; s < n; s++) {
            sum += per[s];
        }
        baseSum = sum;
        for (int l = 0; l < layers; l++) {
            indexNonZeros(l, n, l == 0 ? batch.x() : state.activation(l - 1));
        }
        if (logitShift) {
            model.kernel().rowSoftmax(n, model.outputs(), state.activation(layers - 1), 0,
                    state.logSumExp(), 0, probs, 0);
        }
        return mean;
    }

    /**
     * out[q] = σ(z + δ[q]) − σ(z) for q &lt; c, every |δ[q]| ≤ {@link #SIGMOID_SERIES_LIMIT}, by the
     * Taylor series of σ at z from a = σ(z): σ′ = a(1 − a), σ″ = σ′(1 − 2a),
     * σ‴ = σ′(1 − 6a + 6a²), σ⁗ = σ′(1 − 14a + 36a² − 24a³). A plain loop over two arrays at one
     * index, which C2 vectorises.
     */
    static void sigmoidSeries(float as, float[] delta, float[] out, int c) {
        double a = as;
        double d1 = a * (1 - a);
        float c1 = (float) d1;
        float c2 = (float) (d1 * (1 - 2 * a) / 2);
        float c3 = (float) (d1 * (1 - 6 * a + 6 * a * a) / 6);
        float c4 = (float) (d1 * (1 - 14 * a + 36 * a * a - 24 * a * a * a) / 24);
        for (int q = 0; q < c; q++) {
            float dl = delta[q];
            out[q] = dl * (c1 + dl * (c2 + dl * (c3 + dl * c4)));
        }
    }

    private void indexNonZeros(int l, int n, float[] x) {
        float largest = 0f;
        int in = model.size(l);
        int[] start = nzStart[l];
        int[] samples = nzSamples[l];
        int[] rs = rowStart[l];
        int[] ru = rowUnits[l];
        float[] rv = rowValues[l];
        java.util.Arrays.fill(start, 0);
        int nz = 0;
        for (int s = 0; s < n; s++) {
            int row = s * in;
            rs[s] = nz;
            for (int i = 0; i < in; i++) {
                float v = x[row + i];
                if (v != 0f) {
                    largest = Math.max(largest, Math.abs(v));
                    start[i + 1]++;
                    rv[nz] = v;
                    ru[nz++] = i;
                }
            }
        }
        rs[n] = nz;
        largestInput[l] = largest;
        for (int i = 0; i < in; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = nzFill[l];
        System.arraycopy(start, 0, fill, 0, in);
        for (int s = 0; s < n; s++) {
            int row = s * in;
            for (int i = 0; i < in; i++) {
                if (x[row + i] != 0f) {
                    samples[fill[i]++] = s;
                }
            }
        }
    }

    @Override
    Worker newWorker() {
        return new IncrementalWorker();
    }

    /**
     * System.arraycopy for long rows, a loop for short ones: with a call per one-float row, the
     * stacked rows' bookkeeping was the largest self time of a 2-3-1 gradient (JFR).
     */
    private static void copy(float[] src, int from, float[] dst, int to, int len) {
        if (len >= 16) {
            System.arraycopy(src, from, dst, to, len);
            return;
        }
        for (int k = 0; k < len; k++) {
            dst[to + k] = src[from + k];
        }
    }

    private static int[] filled(int[] a, int v) {
        java.util.Arrays.fill(a, v);
        return a;
    }

    private final class IncrementalWorker implements Worker {
        private final float[] rowA = new float[maxWidth];
        private final float[] rowB = new float[maxWidth];
        // Two points (up and down) per unit; padded by a 512-bit vector so the kernels' masked
        // tails stay inside the arrays.
        private final float[] zNew = new float[points + 16];
        private final float[] aNew = new float[points + 16];
        private final float[] shift = new float[points + 16];
        private final int[] target = new int[points];
        private final int[] pointSample = new int[points];
        private final int[] position = filled(new int[maxWidth], -1);
        private final double[] acc = new double[2 * maxWidth];
        private final float[] stepUp = new float[maxWidth];
        private final float[] stepDown = new float[maxWidth];
        /** max |step| of the group's points (set by startGroup; NaN if a step is NaN). */
        private float largestStep;
        private final double[] none = new double[0];
        private final int[] unitOf = new int[maxWidth];
        // The carried rows of lossesCarried (up to CARRIED_ROWS) and lossesAtOutput (up to
        // outputRows): (sample, point) pairs, each with its layer-by-layer pre-activations and
        // outputs. carriedValue is Δa_j of a hidden unit, or the new output pre-activation.
        private final float[] carriedZ = new float[Math.max(CARRIED_ROWS * maxWidth, points * model.outputs())];
        private final float[] carriedA = new float[carriedZ.length];
        private final int outputRows = Math.min(points, carriedZ.length / model.outputs());
        /** Per hidden layer l: the rows one carry through the layers above l takes. */
        private final int[] carryRows = carryRows();
        private final float[] carriedValue = new float[points];
        private final int[] carriedSample = new int[points];
        private final int[] carriedTarget = new int[points];
        private final int[] carriedLabels = new int[points];
        private final float[] carriedTargets = new float[points * model.outputs()];
        private final float[] carriedLse = new float[points];
        private final float[] carriedLoss = new float[points];
        private int carried;

        private int[] carryRows() {
            int[] rows = new int[layers];
            for (int l = 0; l < layers - 1; l++) {
                int widest = 1;
                for (int m = l + 2; m <= layers; m++) {
                    widest = Math.max(widest, model.size(m));
                }
                rows[l] = Math.max(CARRIED_ROWS, Math.min(points, carriedZ.length / widest));
            }
            return rows;
        }

        @Override
        public void lossesWith(int[] indices, int from, int to, double[] values, double[] out) {
            ParameterBlock block = model.blockOf(indices[from]);
            if (logitShift && block.layer() == layers - 2) {
                lossesBelowSoftmax(block, indices, from, to, values, null, out, none);
            } else if (logitShift && block.layer() == layers - 1 && !block.bias()) {
                lossesAtSoftmax(block, indices, from, to, values, null, out, none);
            } else if (block.layer() < layers - 1) {
                lossesCarried(block, indices, from, to, values, null, out, null);
            } else if (!logitShift) {
                lossesAtOutput(block, indices, from, to, values, null, out, null);
            } else {
                for (int t = 0; t < to - from; t++) {
                    out[t] = lossWith(indices[from + t], values[t]);
                }
            }
        }

        @Override
        public void lossesWith(int[] indices, int from, int to, double[] up, double[] down,
                               double[] outUp, double[] outDown) {
            ParameterBlock block = model.blockOf(indices[from]);
            if (logitShift && block.layer() == layers - 2) {
                lossesBelowSoftmax(block, indices, from, to, up, down, outUp, outDown);
            } else if (logitShift && block.layer() == layers - 1 && !block.bias()) {
                lossesAtSoftmax(block, indices, from, to, up, down, outUp, outDown);
            } else if (block.layer() < layers - 1) {
                lossesCarried(block, indices, from, to, up, down, outUp, outDown);
            } else if (!logitShift) {
                lossesAtOutput(block, indices, from, to, up, down, outUp, outDown);
            } else {
                for (int t = 0; t < to - from; t++) {
                    outUp[t] = lossWith(indices[from + t], up[t]);
                    outDown[t] = lossWith(indices[from + t], down[t]);
                }
            }
        }

        /**
         * The fast path for the layer just below a softmax output (the first layer of 784-50-10):
         * all parameters of the group move the same unit j, so per sample the moved
         * pre-activations (both sides of a central difference when {@code down} is given) go
         * through the activation and {@link io.fdbench.engine.kernel.Kernel#softmaxLossShift} in
         * one vectorised call each. Point c belongs to parameter target[c] (up) or
         * target[c] − count (down).
         */
        private void lossesBelowSoftmax(ParameterBlock block, int[] indices, int from, int to,
                                        double[] up, double[] down, double[] outUp, double[] outDown) {
            float[] theta = theta();
            Batch batch = batch();
            int l = block.layer();
            int width = model.size(l + 1);
            int classes = model.outputs();
            int n = batch.size();
            int count = to - from;
            boolean both = down != null;
            int j = block.bias() ? indices[from] - block.offset() : (indices[from] - block.offset()) % width;
            int wOff = model.weightOffset(l + 1) + j * classes;
            float[] z = state.preActivation(l);
            float[] a = state.activation(l);
            int[] labels = batch.labels();
            Activation f = model.activation(l);
            var kernel = model.kernel();
            startGroup(indices, from, count, up, down);
            int in = model.size(l);
            int[] rs = rowStart[l];
            int[] ru = rowUnits[l];
            float[] rv = rowValues[l];
            // A whole weight column (the full gradient) has parameter t = input unit t, so a
            // sample's points are its non-zero inputs in order: up points first, then down.
            boolean wholeColumn = !block.bias() && count == in && indices[from] == block.offset() + j
                    && indices[to - 1] == block.offset() + (in - 1) * width + j;
            if (!block.bias() && !wholeColumn && count * SPARSE_GROUP_FRACTION < in) {
                // A few weights of the column (a sampled gradient): each one's samples from the
                // column index instead of a scan of every sample's inputs for the group's units,
                // which took most of this path on a sampled 784-512-256-10 gradient (JFR).
                float[] x = l == 0 ? batch.x() : state.activation(l - 1);
                int[] start = nzStart[l];
                int[] samples = nzSamples[l];
                for (int t = 0; t < count; t++) {
                    int i = (indices[from + t] - block.offset()) / width;
                    for (int p = start[i]; p < start[i + 1]; p++) {
                        int s = samples[p];
                        float zs = z[s * width + j];
                        float xi = x[s * in + i];
                        zNew[0] = zs + stepUp[t] * xi;
                        zNew[1] = zs + stepDown[t] * xi;
                        int c = both ? 2 : 1;
                        kernel.activate(f, zNew, 0, aNew, 0, c);
                        float as = a[s * width + j];
                        aNew[0] -= as;
                        aNew[1] -= as;
                        kernel.softmaxLossShift(c, aNew, 0, probs, s * classes, theta, wOff, classes, labels[s],
                                shift, 0);
                        acc[t] += shift[0];
                        if (both) {
                            acc[count + t] += shift[1];
                        }
                    }
                }
                finishGroup(count, n, outUp, both ? outDown : null);
                return;
            }
            if (!block.bias() && !wholeColumn) {
                for (int t = 0; t < count; t++) {
                    position[(indices[from + t] - block.offset()) / width] = t;
                }
            }
            // The points hold δ (not z + δ) when the sigmoid's series gives their changes.
            boolean series = f == Activation.SIGMOID
                    && largestStep * (block.bias() ? 1f : largestInput[l]) <= SIGMOID_SERIES_LIMIT;
            for (int s = 0; s < n; s++) {
                float zs = series ? 0f : z[s * width + j];
                int q0 = rs[s];
                int c;
                if (wholeColumn) {
                    int nz = rs[s + 1] - q0;
                    for (int q = 0; q < nz; q++) {
                        int i = ru[q0 + q];
                        float xi = rv[q0 + q];
                        zNew[q] = zs + stepUp[i] * xi;
                        if (both) {
                            zNew[nz + q] = zs + stepDown[i] * xi;
                        }
                    }
                    c = both ? 2 * nz : nz;
                } else {
                    c = gatherPoints(block.bias(), zs, q0, rs[s + 1], ru, rv, count, both, 0);
                }
                if (c == 0) {
                    continue;
                }
                float as = a[s * width + j];
                if (series) {
                    sigmoidChanges(as, c);
                } else {
                    // Whole 16-float vectors: the points' arrays are padded, and a tail of the
                    // vector kernel's sigmoid is scalar Math.exp, a third of this call at 300 points.
                    kernel.activate(f, zNew, 0, aNew, 0, (c + 15) & ~15);
                    for (int q = 0; q < c; q++) {
                        aNew[q] -= as;
                    }
                }
                kernel.softmaxLossShift(c, aNew, 0, probs, s * classes, theta, wOff, classes, labels[s], shift, 0);
                if (wholeColumn) {
                    int nz = rs[s + 1] - q0;
                    for (int q = 0; q < nz; q++) {
                        int i = ru[q0 + q];
                        acc[i] += shift[q];
                        if (both) {
                            acc[count + i] += shift[nz + q];
                        }
                    }
                } else {
                    for (int q = 0; q < c; q++) {
                        acc[target[q]] += shift[q];
                    }
                }
            }
            if (!block.bias() && !wholeColumn) {
                for (int t = 0; t < count; t++) {
                    position[(indices[from + t] - block.offset()) / width] = -1;
                }
            }
            finishGroup(count, n, outUp, both ? outDown : null);
        }

        /**
         * Any group of a hidden layer l that {@link #lossesBelowSoftmax} does not take (two or
         * more layers below the output, or any hidden layer under a squared-error loss): the
         * group's parameters all move unit j, so per sample each point is one activation change
         * Δa_j, and layer l + 1's pre-activations change by the rank-one update Δa_j·W_{l+1}[j,:]
         * (one row of the next weights, not a GEMV over the whole layer). The rows of all the
         * group's (sample, point) pairs with Δa_j ≠ 0 are stacked, {@link #CARRIED_ROWS} at a
         * time, and carried through the remaining layers with the kernel's GEMM and activations,
         * then the batch loss path ({@link Loss#sampleLosses}) gives each row's loss; a point whose
         * Δa_j rounds to zero leaves the sample's loss exactly as the baseline computed it.
         */
        private void lossesCarried(ParameterBlock block, int[] indices, int from, int to,
                                   double[] up, double[] down, double[] outUp, double[] outDown) {
            Batch batch = batch();
            int l = block.layer();
            int width = model.size(l + 1);
            int n = batch.size();
            int count = to - from;
            boolean both = down != null;
            int j = block.bias() ? indices[from] - block.offset() : (indices[from] - block.offset()) % width;
            float[] z = state.preActivation(l);
            startGroup(indices, from, count, up, down);
            carried = 0;
            int in = model.size(l);
            if (!block.bias() && count * SPARSE_GROUP_FRACTION < in) {
                // A few parameters of the column (a sampled gradient): their samples come from
                // the column index, not from scanning every sample's non-zero inputs. Scanning
                // was 40 % of a sampled 784-512-256-10 gradient (JFR) for groups of 1-2 weights.
                float[] x = l == 0 ? batch.x() : state.activation(l - 1);
                int[] start = nzStart[l];
                int[] samples = nzSamples[l];
                int c = 0;
                for (int t = 0; t < count; t++) {
                    int i = (indices[from + t] - block.offset()) / width;
                    for (int p = start[i]; p < start[i + 1]; p++) {
                        if (c + 2 > points) {
                            carryPoints(l, j, c);
                            c = 0;
                        }
                        int s = samples[p];
                        float zs = z[s * width + j];
                        float xi = x[s * in + i];
                        zNew[c] = zs + stepUp[t] * xi;
                        pointSample[c] = s;
                        target[c++] = t;
                        if (both) {
                            zNew[c] = zs + stepDown[t] * xi;
                            pointSample[c] = s;
                            target[c++] = t + count;
                        }
                    }
                }
                carryPoints(l, j, c);
            } else {
                int[] rs = rowStart[l];
                int[] ru = rowUnits[l];
                float[] rv = rowValues[l];
                if (!block.bias()) {
                    for (int t = 0; t < count; t++) {
                        position[(indices[from + t] - block.offset()) / width] = t;
                    }
                }
                int c = 0;
                for (int s = 0; s < n; s++) {
                    if (c + 2 * count > points) {
                        carryPoints(l, j, c);
                        c = 0;
                    }
                    int c1 = gatherPoints(block.bias(), z[s * width + j], rs[s], rs[s + 1], ru, rv, count, both, c);
                    java.util.Arrays.fill(pointSample, c, c1, s);
                    c = c1;
                }
                carryPoints(l, j, c);
                if (!block.bias()) {
                    for (int t = 0; t < count; t++) {
                        position[(indices[from + t] - block.offset()) / width] = -1;
                    }
                }
            }
            if (carried > 0) {
                carryThrough(l, j);
            }
            finishGroup(count, n, outUp, both ? outDown : null);
        }

        /**
         * Points [0, c) of zNew (unit j's new pre-activations, of samples pointSample and for
         * targets target) through unit j's activation; those whose activation changed become
         * carried rows.
         */
        private void carryPoints(int l, int j, int c) {
            if (c == 0) {
                return;
            }
            int width = model.size(l + 1);
            float[] a = state.activation(l);
            model.kernel().activate(model.activation(l), zNew, 0, aNew, 0, c);
            for (int q = 0; q < c; q++) {
                int s = pointSample[q];
                float d = aNew[q] - a[s * width + j];
                if (d == 0f) {
                    continue;
                }
                carriedValue[carried] = d;
                carriedSample[carried] = s;
                carriedTarget[carried] = target[q];
                if (++carried == carryRows[l]) {
                    carryThrough(l, j);
                }
            }
        }

        /**
         * An output unit's parameters under a squared-error loss: each point moves one output
         * pre-activation of one sample, so the rows (the cached output row with that entry
         * replaced) are stacked, {@code outputRows} at a time, through the output activation and
         * {@link Loss#sampleLosses}. A scalar loss per point (a scalar sigmoid each) was
         * a quarter of a 2-3-1 central-difference gradient (JFR).
         */
        private void lossesAtOutput(ParameterBlock block, int[] indices, int from, int to,
                                    double[] up, double[] down, double[] outUp, double[] outDown) {
            Batch batch = batch();
            int l = block.layer();
            int classes = model.outputs();
            int in = model.size(l);
            int n = batch.size();
            int count = to - from;
            boolean both = down != null;
            int k = block.bias() ? indices[from] - block.offset() : (indices[from] - block.offset()) % classes;
            float[] z = state.preActivation(l);
            float[] x = l == 0 ? batch.x() : state.activation(l - 1);
            int[] start = nzStart[l];
            int[] samples = nzSamples[l];
            startGroup(indices, from, count, up, down);
            carried = 0;
            for (int t = 0; t < count; t++) {
                if (block.bias()) {
                    for (int s = 0; s < n; s++) {
                        float zs = z[s * classes + k];
                        addOutputRow(l, k, s, t, zs + stepUp[t]);
                        if (both) {
                            addOutputRow(l, k, s, count + t, zs + stepDown[t]);
                        }
                    }
                } else {
                    int i = (indices[from + t] - block.offset()) / classes;
                    for (int p = start[i]; p < start[i + 1]; p++) {
                        int s = samples[p];
                        float zs = z[s * classes + k];
                        float xi = x[s * in + i];
                        addOutputRow(l, k, s, t, zs + stepUp[t] * xi);
                        if (both) {
                            addOutputRow(l, k, s, count + t, zs + stepDown[t] * xi);
                        }
                    }
                }
            }
            if (carried > 0) {
                carryOutputRows(l, k);
            }
            finishGroup(count, n, outUp, both ? outDown : null);
        }

        private void addOutputRow(int l, int k, int s, int point, float zNewOut) {
            carriedValue[carried] = zNewOut;
            carriedSample[carried] = s;
            carriedTarget[carried] = point;
            if (++carried == outputRows) {
                carryOutputRows(l, k);
            }
        }

        /** The stacked output rows: the cached row with entry k replaced, the output activation, the losses. */
        private void carryOutputRows(int l, int k) {
            int rows = carried;
            int classes = model.outputs();
            if (classes == 1) {
                // One output: the row is the replaced entry itself.
                System.arraycopy(carriedValue, 0, carriedZ, 0, rows);
            } else {
                float[] z = state.preActivation(l);
                for (int r = 0; r < rows; r++) {
                    copy(z, carriedSample[r] * classes, carriedZ, r * classes, classes);
                    carriedZ[r * classes + k] = carriedValue[r];
                }
            }
            model.kernel().activate(model.activation(l), carriedZ, 0, carriedA, 0, rows * classes);
            finishRows();
        }

        /**
         * The carried rows' losses: z_{l+1} = cached row + Δa_j·W_{l+1}[j,:], then the forward
         * pass from layer l + 1 on (activation, GEMM, bias, as {@link Mlp#forward} runs it) and
         * the per-row losses; each row's loss change is added to its point's sum.
         */
        private void carryThrough(int l, int j) {
            float[] theta = theta();
            var kernel = model.kernel();
            int rows = carried;
            int next = model.size(l + 2);
            float[] zNext = state.preActivation(l + 1);
            int wRow = model.weightOffset(l + 1) + j * next;
            // The rank-one update: for a wide next layer the cached rows copied whole, then one
            // GEMM with k = 1 adds Δa·W_{l+1}[j,:] to all of them (as a plain loop over two arrays
            // C2 did not vectorise it: a quarter of a sampled 784-512-256-10 gradient, JFR). For a
            // narrow one a plain loop: the GEMM's padded copy of the weight row per call cost a
            // sixth of a 2-3-1 gradient (JFR).
            if (next >= WIDE_ROW) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(zNext, carriedSample[r] * next, carriedZ, r * next, next);
                }
                kernel.gemm(rows, next, 1, carriedValue, 0, theta, wRow, carriedZ, 0, true);
            } else if (next == 1) {
                // One unit above (2-3-1's output): no inner loop per row, a third of the carry (JFR).
                float w = theta[wRow];
                for (int r = 0; r < rows; r++) {
                    carriedZ[r] = zNext[carriedSample[r]] + carriedValue[r] * w;
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int zo = carriedSample[r] * next;
                    int o = r * next;
                    float d = carriedValue[r];
                    for (int k = 0; k < next; k++) {
                        carriedZ[o + k] = zNext[zo + k] + d * theta[wRow + k];
                    }
                }
            }
            for (int m = l + 1; ; m++) {
                int w = model.size(m + 1);
                kernel.activate(model.activation(m), carriedZ, 0, carriedA, 0, rows * w);
                if (m == layers - 1) {
                    break;
                }
                int out = model.size(m + 2);
                kernel.gemm(rows, out, w, carriedA, 0, theta, model.weightOffset(m + 1), carriedZ, 0, false);
                kernel.addRowVector(rows, out, theta, model.biasOffset(m + 1), carriedZ, 0);
            }
            finishRows();
        }

        /** The carried rows' losses from their outputs in carriedA; each row's change goes to its point. */
        private void finishRows() {
            Batch batch = batch();
            var kernel = model.kernel();
            int rows = carried;
            int classes = model.outputs();
            if (loss.needsLabels()) {
                int[] labels = batch.labels();
                for (int r = 0; r < rows; r++) {
                    carriedLabels[r] = labels[carriedSample[r]];
                }
            } else if (classes == 1) {
                // One output (the toy networks): a plain gather, no row copies (the row copies
                // were a seventh of a 2-3-1 central-difference gradient, JFR).
                float[] targets = batch.targets();
                for (int r = 0; r < rows; r++) {
                    carriedTargets[r] = targets[carriedSample[r]];
                }
            } else {
                float[] targets = batch.targets();
                for (int r = 0; r < rows; r++) {
                    copy(targets, carriedSample[r] * classes, carriedTargets, r * classes, classes);
                }
            }
            loss.sampleLosses(kernel, rows, classes, carriedA, carriedLabels, carriedTargets, 0, carriedLse,
                    carriedLoss);
            float[] per = state.sampleLoss();
            for (int r = 0; r < rows; r++) {
                acc[carriedTarget[r]] += carriedLoss[r] - per[carriedSample[r]];
            }
            carried = 0;
        }

        /**
         * A bias group's two points, or the points of a sample's non-zero inputs that belong to a
         * partial weight column (a parameter subset), each with its target in the group.
         */
        private int gatherPoints(boolean bias, float zs, int qFrom, int qTo, int[] ru, float[] rv, int count,
                                 boolean both, int c) {
            if (bias) {
                zNew[c] = zs + stepUp[0];
                target[c++] = 0;
                if (both) {
                    zNew[c] = zs + stepDown[0];
                    target[c++] = count;
                }
                return c;
            }
            for (int q = qFrom; q < qTo; q++) {
                int t = position[ru[q]];
                if (t < 0) {
                    continue;
                }
                float xi = rv[q];
                zNew[c] = zs + stepUp[t] * xi;
                target[c++] = t;
                if (both) {
                    zNew[c] = zs + stepDown[t] * xi;
                    target[c++] = t + count;
                }
            }
            return c;
        }

        private void sigmoidChanges(float as, int c) {
            sigmoidSeries(as, zNew, aNew, c);
        }

        /** Zeroes the group's sums and sets the representable steps of its up (and down) points. */
        private void startGroup(int[] indices, int from, int count, double[] up, double[] down) {
            float[] theta = theta();
            java.util.Arrays.fill(acc, 0, down != null ? 2 * count : count, 0.0);
            float largest = 0f;
            for (int t = 0; t < count; t++) {
                float th = theta[indices[from + t]];
                stepUp[t] = (float) (up[t] - th);
                stepDown[t] = down != null ? (float) (down[t] - th) : 0f;
                largest = Math.max(largest, Math.max(Math.abs(stepUp[t]), Math.abs(stepDown[t])));
            }
            largestStep = largest;
        }

        /** Mean losses from the summed per-sample changes, rounded to float as FULL rounds them. */
        private void finishGroup(int count, int n, double[] outUp, double[] outDown) {
            for (int t = 0; t < count; t++) {
                outUp[t] = mean(baseSum, acc[t], n);
                if (outDown != null) {
                    outDown[t] = mean(baseSum, acc[count + t], n);
                }
            }
        }

        /**
         * The output layer's weights, a column k at a time: W[j,k] moves logit k of sample s by
         * step·a[s,j], and log(1 + p_k·(e^Δ − 1)) − [k = label]·Δ is
         * {@link io.fdbench.engine.kernel.Kernel#softmaxLossShift} with the unit vector e_k as the
         * weights, so all the group's points of one sample (both sides of a central difference)
         * go through that vectorised call, as in {@link #lossesBelowSoftmax}.
         */
        private void lossesAtSoftmax(ParameterBlock block, int[] indices, int from, int to,
                                     double[] up, double[] down, double[] outUp, double[] outDown) {
            Batch batch = batch();
            int l = block.layer();
            int classes = model.outputs();
            int in = model.size(l);
            int n = batch.size();
            int count = to - from;
            boolean both = down != null;
            int k = (indices[from] - block.offset()) % classes;
            float[] a = state.activation(l - 1);
            int[] labels = batch.labels();
            var kernel = model.kernel();
            startGroup(indices, from, count, up, down);
            for (int t = 0; t < count; t++) {
                unitOf[t] = (indices[from + t] - block.offset()) / classes;
            }
            for (int s = 0; s < n; s++) {
                int row = s * in;
                int c = 0;
                for (int t = 0; t < count; t++) {
                    float x = a[row + unitOf[t]];
                    zNew[c] = stepUp[t] * x;
                    target[c++] = t;
                    if (both) {
                        zNew[c] = stepDown[t] * x;
                        target[c++] = t + count;
                    }
                }
                kernel.softmaxLossShift(c, zNew, 0, probs, s * classes, identity, k * classes, classes, labels[s],
                        shift, 0);
                for (int q = 0; q < c; q++) {
                    acc[target[q]] += shift[q];
                }
            }
            finishGroup(count, n, outUp, both ? outDown : null);
        }

        @Override
        public void sync() {
            // Reads only the shared, immutable-after-prepare state.
        }

        @Override
        public double lossWith(int index, double value) {
            float[] theta = theta();
            Batch batch = batch();
            ParameterBlock block = model.blockOf(index);
            int l = block.layer();
            int width = model.size(l + 1);
            double delta = value - theta[index];
            float[] z = state.preActivation(l);
            int n = batch.size();
            double diff = 0;
            if (block.bias()) {
                int j = index - block.offset();
                for (int s = 0; s < n; s++) {
                    float zNew = (float) (z[s * width + j] + delta);
                    diff += lossChange(l, s, j, zNew);
                }
            } else {
                int local = index - block.offset();
                int i = local / width;
                int j = local % width;
                int in = model.size(l);
                float[] x = l == 0 ? batch.x() : state.activation(l - 1);
                int[] start = nzStart[l];
                int[] samples = nzSamples[l];
                for (int p = start[i]; p < start[i + 1]; p++) {
                    int s = samples[p];
                    float zNew = (float) (z[s * width + j] + delta * x[s * in + i]);
                    diff += lossChange(l, s, j, zNew);
                }
            }
            return mean(baseSum, diff, n);
        }

        /**
         * How sample s's loss changes once unit j of layer l has pre-activation zNew. For a
         * softmax output unit this is O(1) from the cached softmax row p:
         * log(1 + p_j·(e^Δ − 1)) − [j = label]·Δ with Δ the logit's change.
         */
        private double lossChange(int l, int s, int j, float zNew) {
            if (l == layers - 1 && logitShift) {
                int classes = model.outputs();
                double delta = (double) zNew - state.preActivation(l)[s * classes + j];
                return loss.logitShift(probs[s * classes + j], delta, batch().labels()[s] == j);
            }
            return sampleLossAfter(l, s, j, zNew) - state.sampleLoss()[s];
        }

        /** Sample s's loss once unit j of layer l has pre-activation zNew. */
        private float sampleLossAfter(int l, int s, int j, float zNew) {
            float[] theta = theta();
            int width = model.size(l + 1);
            if (l == layers - 1) {
                System.arraycopy(state.preActivation(l), s * width, rowA, 0, width);
                rowA[j] = zNew;
                return outputLoss(s, rowA);
            }
            float[] a = state.activation(l);
            float deltaA = model.activation(l).apply(zNew) - a[s * width + j];
            int next = model.size(l + 2);
            float[] zNext = state.preActivation(l + 1);
            int wOff = model.weightOffset(l + 1) + j * next;
            for (int k = 0; k < next; k++) {
                rowA[k] = zNext[s * next + k] + deltaA * theta[wOff + k];
            }
            float[] cur = rowA;
            float[] other = rowB;
            for (int m = l + 1; m < layers - 1; m++) {
                int mIn = model.size(m + 1);
                int mOut = model.size(m + 2);
                Activation f = model.activation(m);
                for (int k = 0; k < mIn; k++) {
                    cur[k] = f.apply(cur[k]);
                }
                int w = model.weightOffset(m + 1);
                int b = model.biasOffset(m + 1);
                for (int k = 0; k < mOut; k++) {
                    other[k] = 0f;
                }
                for (int r = 0; r < mIn; r++) {
                    float ar = cur[r];
                    if (ar == 0f) {
                        continue;
                    }
                    int wr = w + r * mOut;
                    for (int k = 0; k < mOut; k++) {
                        other[k] += ar * theta[wr + k];
                    }
                }
                for (int k = 0; k < mOut; k++) {
                    other[k] += theta[b + k];
                }
                float[] t = cur;
                cur = other;
                other = t;
            }
            return outputLoss(s, cur);
        }

        /** The loss of sample s from its output pre-activation row. */
        private float outputLoss(int s, float[] logits) {
            Batch batch = batch();
            return loss.sampleLoss(logits, 0, model.outputs(), batch.labels(), batch.targets(), s);
        }
    }
}
