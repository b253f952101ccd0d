package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;

/** FULL evaluation in double: the reference implementation's whole forward pass per perturbation. */
final class FullDoubleLoss extends PerturbedLoss {

    private final ReferenceMlp reference;
    private double[] theta;
    private Batch batch;

    FullDoubleLoss(Mlp model) {
        this.reference = new ReferenceMlp(model);
    }

    @Override
    double prepare(float[] theta, Batch batch) {
        this.theta = ReferenceMlp.toDouble(theta);
        this.batch = batch;
        return reference.loss(this.theta, batch);
    }

    @Override
    double parameter(int index) {
        return theta[index];
    }

    @Override
    double representable(double v) {
        return v;
    }

    @Override
    Worker newWorker() {
        return new Worker() {
            private double[] copy;

            @Override
            public void sync() {
                if (copy == null || copy.length != theta.length) {
                    copy = new double[theta.length];
                }
                System.arraycopy(theta, 0, copy, 0, copy.length);
            }

            @Override
            public double lossWith(int index, double value) {
                double saved = copy[index];
                copy[index] = value;
                double loss = reference.loss(copy, batch);
                copy[index] = saved;
                return loss;
            }
        };
    }
}
