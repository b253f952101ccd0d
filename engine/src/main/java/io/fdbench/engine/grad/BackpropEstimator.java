package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Backprop;
import io.fdbench.engine.nn.ForwardState;
import io.fdbench.engine.nn.Mlp;

/** Exact gradient by backpropagation on the float kernel: one forward and one backward pass. */
public final class BackpropEstimator implements GradientEstimator {

    private final Mlp model;
    private final ForwardState state;

    /** An estimator for batches of up to {@code capacity} rows. */
    public BackpropEstimator(Mlp model, int capacity) {
        this.model = model;
        this.state = model.newState(capacity);
    }

    @Override
    public String name() {
        return "backprop";
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        return Backprop.gradient(model, theta, batch, state, grad);
    }
}
