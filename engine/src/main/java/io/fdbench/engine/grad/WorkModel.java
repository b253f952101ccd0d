package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;

/**
 * The minimal floating-point work of one gradient of the mean batch loss, per estimator, on the
 * benchmarks' networks (sigmoid hidden units; softmax cross-entropy for two or more outputs,
 * sigmoid squared error for one, as {@code Loss.forOutputs} picks): the numerator of the
 * roofline columns (achieved GFLOP/s = work / time, against the measured FMA peak).
 *
 * <p>Conventions: one multiply-add is 2 FLOPs; element-wise work of backprop and FULL evaluation
 * (activations, softmax) is not counted, since GEMMs dominate it; the transcendental functions of
 * incremental evaluation are, since they are all its work, at the cost of the polynomials the SIMD
 * kernel runs: {@link #EXP_FLOPS}, {@link #LOG_FLOPS}, {@link #SIGMOID_FLOPS}. Two input fractions
 * describe the data: {@code blankInputFraction}, the inputs that are zero in every row of the batch
 * (the GEMMs skip them: 271 of MNIST's 784 pixels at batch 100), and {@code zeroInputFraction},
 * the zero entries of the input (81 % on MNIST: a first-layer weight moves only the other
 * samples' losses). Hidden activations are taken as non-zero (sigmoid).
 */
public final class WorkModel {

    /**
     * exp of a small argument, as finite-difference steps make it: a degree-5 Taylor polynomial
     * (5 FMAs) and the product d·w that forms the argument.
     */
    public static final double EXP_FLOPS = 12;
    /** log: integer exponent extraction plus a degree-8 polynomial (Cephes), about 10 FMAs. */
    public static final double LOG_FLOPS = 20;
    /** sigmoid 1/(1 + e^−z): Cody–Waite reduction, a degree-6 polynomial, scaling, add, divide. */
    public static final double SIGMOID_FLOPS = 24;

    private WorkModel() {
    }

    /**
     * Backpropagation: the forward GEMMs, the weight-gradient GEMMs Xᵀ·δ and the GEMMs δ·Wᵀ that
     * carry δ down to every layer but the input, the first layer over its live (not blank)
     * inputs only: 2·n·(Σ_l in'_l·out_l + Σ_l in'_l·out_l + Σ_{l≥1} in_l·out_l).
     */
    public static double backpropFlops(int[] sizes, int batch, double blankInputFraction) {
        check(sizes, batch, blankInputFraction, 0);
        double forward = forwardFlops(sizes, batch, blankInputFraction);
        double down = 0;
        for (int l = 1; l < sizes.length - 1; l++) {
            down += 2.0 * batch * sizes[l] * sizes[l + 1];
        }
        return 2 * forward + down;
    }

    /**
     * One finite-difference gradient of every parameter. FULL: one forward pass per loss
     * evaluation (2P for central, P + 1 one-sided). INCREMENTAL: one forward pass for the cached
     * state, then per evaluation point and affected sample the work {@link #pointFlops} names.
     */
    public static double flops(int[] sizes, int batch, double blankInputFraction, double zeroInputFraction,
                               Scheme scheme, Evaluation evaluation) {
        check(sizes, batch, blankInputFraction, zeroInputFraction);
        double forward = forwardFlops(sizes, batch, blankInputFraction);
        double p = parameterCount(sizes);
        int sides = scheme == Scheme.CENTRAL ? 2 : 1;
        if (evaluation == Evaluation.FULL) {
            return (scheme == Scheme.CENTRAL ? 2 * p : p + 1) * forward;
        }
        int layers = sizes.length - 1;
        double work = forward;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            // A weight W_l[i, j] moves the samples whose input i is non-zero; a bias moves all.
            double affected = l == 0 ? batch * (1 - zeroInputFraction) : batch;
            double perPoint = pointFlops(sizes, l);
            work += sides * perPoint * ((double) in * out * affected + (double) out * batch);
        }
        return work;
    }

    /**
     * The work of one evaluation point on one affected sample for a parameter of layer l (0 is
     * the first weight layer). At the output layer: the loss change from the cached softmax row,
     * classes exps and one log (squared error: the new output, 3 FLOPs per output and its sigmoid).
     * Below it: the moved unit's new activation, then, when layers remain above the next one, the
     * rank-one update of the next layer's pre-activations (2 FLOPs per unit: Δa_j·W[j,:]), their
     * activations and the GEMV of every later layer (the carry-through), and the output loss;
     * directly below a softmax output the logits move by Δa_j·W[j,:] and the loss change is again
     * classes exps and one log.
     */
    public static double pointFlops(int[] sizes, int layer) {
        int layers = sizes.length - 1;
        int classes = sizes[layers];
        boolean softmax = classes > 1;
        double loss = softmax ? classes * EXP_FLOPS + LOG_FLOPS : classes * (3 + SIGMOID_FLOPS);
        if (layer == layers - 1) {
            return loss;
        }
        double work = SIGMOID_FLOPS;
        if (layer == layers - 2) {
            return work + (softmax ? loss : 2.0 * classes + loss);
        }
        work += 2.0 * sizes[layer + 2];
        for (int m = layer + 2; m < layers; m++) {
            work += sizes[m] * SIGMOID_FLOPS + 2.0 * sizes[m] * sizes[m + 1];
        }
        return work + loss;
    }

    /** One forward pass's GEMMs, the first layer over the live inputs. */
    public static double forwardFlops(int[] sizes, int batch, double blankInputFraction) {
        double flops = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            double in = l == 0 ? sizes[0] * (1 - blankInputFraction) : sizes[l];
            flops += 2.0 * batch * in * sizes[l + 1];
        }
        return flops;
    }

    /** The fraction of a batch's input columns that are zero in every row. */
    public static double blankInputFraction(Batch batch) {
        int n = batch.size();
        int in = batch.features();
        float[] x = batch.x();
        int blank = 0;
        for (int i = 0; i < in; i++) {
            boolean zero = true;
            for (int s = 0; s < n && zero; s++) {
                zero = x[s * in + i] == 0f;
            }
            if (zero) {
                blank++;
            }
        }
        return in == 0 ? 0 : (double) blank / in;
    }

    private static double parameterCount(int[] sizes) {
        double p = 0;
        for (int l = 0; l < sizes.length - 1; l++) {
            p += (double) sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return p;
    }

    private static void check(int[] sizes, int batch, double blank, double zero) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("work model: a network needs at least 2 layer sizes, got "
                    + sizes.length);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("work model: batch must be at least 1, got " + batch);
        }
        if (!(blank >= 0 && blank <= 1) || !(zero >= 0 && zero <= 1)) {
            throw new IllegalArgumentException("work model: input fractions must lie in [0, 1], got blank "
                    + blank + " and zero " + zero);
        }
    }
}
