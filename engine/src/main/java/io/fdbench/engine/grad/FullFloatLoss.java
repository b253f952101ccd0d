package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;

/** FULL evaluation in float: the whole forward pass again for every perturbed parameter. */
final class FullFloatLoss extends PerturbedLoss {

    private final Mlp model;
    private final int capacity;
    private final ForwardState baseState;
    private float[] theta;
    private Batch batch;

    FullFloatLoss(Mlp model, int capacity) {
        this.model = model;
        this.capacity = capacity;
        this.baseState = model.newState(capacity);
    }

    @Override
    double prepare(float[] theta, Batch batch) {
        this.theta = theta;
        this.batch = batch;
        return model.forward(theta, batch, baseState);
    }

    @Override
    double parameter(int index) {
        return theta[index];
    }

    @Override
    double representable(double v) {
        return (float) v;
    }

    @Override
    Worker newWorker() {
        return new Worker() {
            private final float[] copy = new float[model.parameterCount()];
            private final ForwardState state = model.newState(capacity);

            @Override
            public void sync() {
                System.arraycopy(theta, 0, copy, 0, copy.length);
            }

            @Override
            public double lossWith(int index, double value) {
                float saved = copy[index];
                copy[index] = (float) value;
                float loss = model.forward(copy, batch, state);
                copy[index] = saved;
                return loss;
            }
        };
    }
}
