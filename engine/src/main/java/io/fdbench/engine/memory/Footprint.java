package io.fdbench.engine.memory;

import java.util.Arrays;

/**
 * Heap bytes the engine's large arrays take, computed from sizes alone so that a run can be
 * refused by {@link HeapBudget} before anything is allocated. Each figure counts the arrays whose
 * size grows with the model, the batch or the data set (as the engine allocates them today) and
 * leaves out small fixed ones, so it is a lower bound; {@link HeapBudget} adds a margin.
 *
 * <p>Layer sizes are as in {@code Mlp}: {@code {784, 50, 10}} is inputs, one hidden layer,
 * outputs. Parameters are floats (4 bytes): per layer the weights [in × out] and the bias [out].
 * Products saturate at {@link Long#MAX_VALUE} rather than overflow.
 */
public final class Footprint {

    private static final long FLOAT = Float.BYTES;
    private static final long DOUBLE = Double.BYTES;
    private static final long INT = Integer.BYTES;

    private Footprint() {
    }

    /** Parameters of an MLP: Σ in·out + out over its layers. */
    public static long parameterCount(int[] sizes) {
        check(sizes);
        long p = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            p = HeapBudget.add(p, HeapBudget.add(mul((long) sizes[l], sizes[l + 1]), sizes[l + 1]));
        }
        return p;
    }

    /** One float vector over all parameters: a θ, a gradient, a momentum buffer. */
    public static long parameterVector(int[] sizes) {
        return mul(parameterCount(sizes), FLOAT);
    }

    /**
     * A forward state for {@code rows} rows: pre-activation, activation and backward delta
     * [rows × width] for every layer after the input, in float.
     */
    public static long forwardState(int[] sizes, int rows) {
        checkRows(rows, "rows");
        return mul(mul(3 * FLOAT, rows), widthsAfterInput(sizes));
    }

    /**
     * Backprop's workspaces for batches of up to {@code batch} rows on {@code threads} threads:
     * one forward state (split in shares over threads) and, with more than one thread, a partial
     * gradient per thread.
     */
    public static long backprop(int[] sizes, int batch, int threads) {
        checkRows(batch, "batch");
        checkRows(threads, "threads");
        if (threads == 1) {
            return forwardState(sizes, batch);
        }
        int share = (batch + threads - 1) / threads;
        return mul(threads, HeapBudget.add(forwardState(sizes, share), parameterVector(sizes)));
    }

    /**
     * A finite-difference estimator's workspaces: its per-parameter results (estimate in double,
     * Hessian diagonal twice in float) and its perturbed-loss evaluator. In float that is a forward
     * state of the batch, plus per thread a copy of θ and a forward state (full evaluation) or the
     * sparse row and column indices of every layer's input (incremental). In double it is θ in
     * double and the reference's pre-activations and activations of the batch, plus per thread a
     * copy of θ in double for full evaluation.
     */
    public static long finiteDifference(int[] sizes, int batch, int threads, boolean inDouble, boolean incremental) {
        checkRows(batch, "batch");
        checkRows(threads, "threads");
        long p = parameterCount(sizes);
        long results = mul(p, DOUBLE + 2 * FLOAT);
        long evaluator;
        if (!inDouble) {
            evaluator = forwardState(sizes, batch);
            if (incremental) {
                // column and row index of every input entry (int each) and its value (float), per layer
                evaluator = HeapBudget.add(evaluator, mul(mul(2 * INT + FLOAT, batch), widthsBeforeOutput(sizes)));
            } else {
                evaluator = HeapBudget.add(evaluator,
                        mul(threads, HeapBudget.add(mul(p, FLOAT), forwardState(sizes, batch))));
            }
        } else {
            evaluator = HeapBudget.add(mul(p, DOUBLE), mul(mul(2 * DOUBLE, batch), widthsAfterInput(sizes)));
            if (!incremental) {
                evaluator = HeapBudget.add(evaluator, mul(threads, mul(p, DOUBLE)));
            }
        }
        return HeapBudget.add(results, evaluator);
    }

    /**
     * A two-point zeroth-order estimator's workspaces (SPSA, Gaussian two-point / MeZO): one
     * perturbed copy of θ and a forward state of the batch. Its random directions are regenerated
     * from their seed whenever they are needed, never stored, so nothing grows with their number.
     */
    public static long twoPoint(int[] sizes, int batch) {
        checkRows(batch, "batch");
        return HeapBudget.add(parameterVector(sizes), forwardState(sizes, batch));
    }

    /**
     * The forward gradient's workspaces: a forward state of the batch, the current direction
     * (a parameter vector), the tangent [batch × width] of every layer after the input, and the
     * output delta [batch × outputs], all in float.
     */
    public static long forwardGradient(int[] sizes, int batch) {
        checkRows(batch, "batch");
        long tangents = mul(mul(FLOAT, batch), HeapBudget.add(widthsAfterInput(sizes), sizes[sizes.length - 1]));
        return HeapBudget.add(HeapBudget.add(forwardState(sizes, batch), parameterVector(sizes)), tangents);
    }

    /**
     * The complex-step estimator's workspaces, all in double: θ's real part and the estimate (and,
     * for FULL evaluation, θ's imaginary part) over the parameters; the complex forward pass's
     * buffers, real and imaginary parts of the widened input and of every layer's pre-activation
     * and activation for {@code batch} rows, the per-sample losses, the baseline's softmax terms
     * [batch × outputs] and shifts (kept for the incremental update; counted whatever the loss, an
     * excess of (outputs + 1)·8 bytes per row for the squared errors), and four rows of the widest
     * layer for the incremental update.
     */
    public static long complexStep(int[] sizes, int batch, boolean incremental) {
        checkRows(batch, "batch");
        long p = parameterCount(sizes);
        long parameters = mul(p, incremental ? 2 * DOUBLE : 3 * DOUBLE);
        long layers = mul(mul(4 * DOUBLE, batch), widthsAfterInput(sizes));
        long input = mul(mul(2 * DOUBLE, batch), sizes[0]);
        long widest = 0;
        for (int s : sizes) {
            widest = Math.max(widest, s);
        }
        long perRow = mul(mul(DOUBLE, batch), 3 + (long) sizes[sizes.length - 1]);
        long small = HeapBudget.add(perRow, mul(4 * DOUBLE, widest));
        return HeapBudget.add(HeapBudget.add(parameters, layers), HeapBudget.add(input, small));
    }

    /**
     * Training's own arrays beside the estimator's: θ (the trainer's copy and the initial one), the
     * gradient and the momentum buffer, the mini-batch [batch × inputs], and the forward state and
     * batch of {@code evalRows} rows used to score the data sets (0 when there is no evaluation).
     */
    public static long training(int[] sizes, int batch, int evalRows) {
        checkRows(batch, "batch");
        if (evalRows < 0) {
            throw new IllegalArgumentException("evalRows must be >= 0, got " + evalRows);
        }
        long inputRow = FLOAT * sizes[0] + INT; // a batch row: inputs in float and a label
        long b = HeapBudget.add(mul(4, parameterVector(sizes)), mul(batch, inputRow));
        if (evalRows > 0) {
            b = HeapBudget.add(b, HeapBudget.add(forwardState(sizes, evalRows), mul(evalRows, inputRow)));
        }
        return b;
    }

    /** A gradient check's own arrays beside its two estimators: θ and the two gradients. */
    public static long gradientCheck(int[] sizes) {
        return mul(3, parameterVector(sizes));
    }

    /**
     * The directional check's or the Taylor test's own arrays beside the estimator under test: θ,
     * the unit direction and the moved point, each over all parameters in double (the double
     * reference's forward pass allocates its activations per call on top).
     */
    public static long directionChecks(int[] sizes) {
        return mul(3 * DOUBLE, parameterCount(sizes));
    }

    /**
     * An image classification set as the data package holds it: pixels as unsigned bytes, the same
     * as floats in [0, 1], the labels as bytes while read and as ints after.
     */
    public static long dataset(long rows, long features) {
        if (rows < 0 || features < 0) {
            throw new IllegalArgumentException("rows and features must be >= 0, got " + rows + ", " + features);
        }
        return HeapBudget.add(mul(mul(rows, features), 1 + FLOAT), mul(rows, 1 + INT));
    }

    private static long widthsAfterInput(int[] sizes) {
        check(sizes);
        long w = 0;
        for (int l = 1; l < sizes.length; l++) {
            w += sizes[l];
        }
        return w;
    }

    private static long widthsBeforeOutput(int[] sizes) {
        check(sizes);
        long w = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            w += sizes[l];
        }
        return w;
    }

    private static void check(int[] sizes) {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("layer sizes: need at least an input and an output layer, got "
                    + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("layer sizes: every size must be positive, got "
                        + Arrays.toString(sizes));
            }
        }
    }

    private static void checkRows(int n, String what) {
        if (n <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + n);
        }
    }

    /** a · b for non-negative a and b, saturating at {@link Long#MAX_VALUE}. */
    static long mul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
