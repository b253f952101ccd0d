package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;

/**
 * The mean batch loss with one parameter replaced, in one working precision: what every
 * finite-difference scheme is built from. {@link #prepare} evaluates the baseline once per
 * gradient; then each worker thread asks for perturbed losses through its own {@link Worker}.
 *
 * <p>The skeleton of the four evaluators (FULL and INCREMENTAL, in float and in double): holding
 * θ and the batch, the precision conversion ({@link ParameterArrays}), the mean of an incremental
 * update and FULL's perturb-evaluate-restore are here; an evaluator adds only its baseline and its
 * way of evaluating a perturbed loss.
 *
 * @param <T> θ's array in the working precision: {@code float[]} or {@code double[]}
 */
abstract class PerturbedLoss<T> {

    private final ParameterArrays<T> arrays;
    private T theta;
    private Batch batch;

    PerturbedLoss(ParameterArrays<T> arrays) {
        this.arrays = arrays;
    }

    /** Evaluates f(θ) on the batch and keeps whatever the workers need; returns f(θ). */
    final double prepare(float[] theta, Batch batch) {
        this.theta = arrays.load(theta, this.theta);
        this.batch = batch;
        return baseline(this.theta, batch);
    }

    /** θᵢ in the working precision (after {@link #prepare}). */
    final double parameter(int index) {
        return arrays.get(theta, index);
    }

    /** v rounded to the working precision: the value a perturbed parameter actually takes. */
    final double representable(double v) {
        return arrays.precision().round(v);
    }

    /** A worker for one thread; reused across gradients. */
    abstract Worker newWorker();

    /** f(θ) in the working precision, keeping what the evaluator's workers need. */
    abstract double baseline(T theta, Batch batch);

    /** θ in the working precision, as {@link #prepare} loaded it. */
    final T theta() {
        return theta;
    }

    final Batch batch() {
        return batch;
    }

    /**
     * The mean loss of n samples from the baseline's per-sample losses summed in double plus the
     * summed changes, rounded to the working precision as a whole forward pass rounds it.
     */
    final double mean(double baseSum, double changeSum, int n) {
        return representable((baseSum + changeSum) / n);
    }

    /**
     * FULL evaluation's worker: a private copy of θ (synced before each gradient), one entry
     * replaced, the whole loss evaluated, the entry restored.
     */
    final Worker perturbingWorker(WholeLoss<T> loss) {
        return new Worker() {
            private T copy;

            @Override
            public void sync() {
                copy = arrays.copy(theta, copy);
            }

            @Override
            public double lossWith(int index, double value) {
                double saved = arrays.get(copy, index);
                arrays.set(copy, index, value);
                double f = loss.at(copy, batch);
                arrays.set(copy, index, saved);
                return f;
            }
        };
    }

    /** The whole mean loss at some θ, in the working precision: one worker's FULL evaluation. */
    interface WholeLoss<T> {
        double at(T theta, Batch batch);
    }

    interface Worker {
        /** Called in the worker's thread before a gradient's evaluations (after prepare). */
        void sync();

        /** f(θ with θ[index] = value), value already representable in the working precision. */
        double lossWith(int index, double value);

        /**
         * out[t] = f(θ with θ[indices[from + t]] = values[t]) for each t &lt; to − from, one
         * parameter at a time. The indices of one call lie in one block and, for weights, one
         * column, so an evaluator can share work between them.
         */
        default void lossesWith(int[] indices, int from, int to, double[] values, double[] out) {
            for (int t = 0; t < to - from; t++) {
                out[t] = lossWith(indices[from + t], values[t]);
            }
        }

        /** Both sides of a central difference at once; an evaluator may share the work of a unit. */
        default void lossesWith(int[] indices, int from, int to, double[] up, double[] down,
                                double[] outUp, double[] outDown) {
            lossesWith(indices, from, to, up, outUp);
            lossesWith(indices, from, to, down, outDown);
        }
    }
}
