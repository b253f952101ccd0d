package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;

/** FULL evaluation in double: the reference implementation's whole forward pass per perturbation. */
final class FullDoubleLoss extends PerturbedLoss<double[]> {

    private final ReferenceMlp reference;

    FullDoubleLoss(Mlp model) {
        super(ParameterArrays.DOUBLE);
        this.reference = new ReferenceMlp(model);
    }

    @Override
    double baseline(double[] theta, Batch batch) {
        return reference.loss(theta, batch);
    }

    @Override
    Worker newWorker() {
        return perturbingWorker(reference::loss);
    }
}
