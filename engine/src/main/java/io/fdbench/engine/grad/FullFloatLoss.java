package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;

/** FULL evaluation in float: the whole forward pass again for every perturbed parameter. */
final class FullFloatLoss extends PerturbedLoss<float[]> {

    private final Mlp model;
    private final int capacity;
    private final ForwardState baseState;

    FullFloatLoss(Mlp model, int capacity) {
        super(ParameterArrays.FLOAT);
        this.model = model;
        this.capacity = capacity;
        this.baseState = model.newState(capacity);
    }

    @Override
    double baseline(float[] theta, Batch batch) {
        return model.forward(theta, batch, baseState);
    }

    @Override
    Worker newWorker() {
        ForwardState state = model.newState(capacity);
        return perturbingWorker((theta, batch) -> model.forward(theta, batch, state));
    }
}
