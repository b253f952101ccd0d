package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;

/**
 * The mean batch loss with one parameter replaced, in one working precision: what every
 * finite-difference scheme is built from. {@link #prepare} evaluates the baseline once per
 * gradient; then each worker thread asks for perturbed losses through its own {@link Worker}.
 */
abstract class PerturbedLoss {

    /** Evaluates f(θ) on the batch and keeps whatever the workers need; returns f(θ). */
    abstract double prepare(float[] theta, Batch batch);

    /** θᵢ in the working precision (after {@link #prepare}). */
    abstract double parameter(int index);

    /** v rounded to the working precision: the value a perturbed parameter actually takes. */
    abstract double representable(double v);

    /** A worker for one thread; reused across gradients. */
    abstract Worker newWorker();

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
