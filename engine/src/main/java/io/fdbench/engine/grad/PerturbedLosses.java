package io.fdbench.engine.grad;

import io.fdbench.engine.nn.Mlp;

/** Picks the perturbed-loss evaluator for a precision and an evaluation mode. */
final class PerturbedLosses {

    private PerturbedLosses() {
    }

    static PerturbedLoss<?> create(Mlp model, int capacity, Precision precision, Evaluation evaluation) {
        if (precision == Precision.FLOAT) {
            return evaluation == Evaluation.FULL
                    ? new FullFloatLoss(model, capacity)
                    : new IncrementalFloatLoss(model, capacity);
        }
        return evaluation == Evaluation.FULL
                ? new FullDoubleLoss(model)
                : new IncrementalDoubleLoss(model);
    }
}
