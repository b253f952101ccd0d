package io.fdbench.engine.grad;

/**
 * θ as one working precision holds it: the {@code float[]} the model runs on, or its exact
 * widening to {@code double[]} for the reference. The one place the perturbed-loss evaluators
 * convert between precisions; T is {@code float[]} or {@code double[]}.
 */
abstract class ParameterArrays<T> {

    /** Float: the caller's own array (evaluators only read it) and float rounding. */
    static final ParameterArrays<float[]> FLOAT = new ParameterArrays<>(Precision.FLOAT) {
        @Override
        float[] load(float[] theta, float[] reuse) {
            return theta;
        }

        @Override
        float[] copy(float[] from, float[] reuse) {
            float[] to = reuse != null && reuse.length == from.length ? reuse : new float[from.length];
            System.arraycopy(from, 0, to, 0, from.length);
            return to;
        }

        @Override
        double get(float[] a, int index) {
            return a[index];
        }

        @Override
        void set(float[] a, int index, double value) {
            a[index] = (float) value;
        }
    };

    /** Double: θ widened exactly into a reused buffer. */
    static final ParameterArrays<double[]> DOUBLE = new ParameterArrays<>(Precision.DOUBLE) {
        @Override
        double[] load(float[] theta, double[] reuse) {
            double[] to = reuse != null && reuse.length == theta.length ? reuse : new double[theta.length];
            for (int i = 0; i < theta.length; i++) {
                to[i] = theta[i];
            }
            return to;
        }

        @Override
        double[] copy(double[] from, double[] reuse) {
            double[] to = reuse != null && reuse.length == from.length ? reuse : new double[from.length];
            System.arraycopy(from, 0, to, 0, from.length);
            return to;
        }

        @Override
        double get(double[] a, int index) {
            return a[index];
        }

        @Override
        void set(double[] a, int index, double value) {
            a[index] = value;
        }
    };

    private final Precision precision;

    private ParameterArrays(Precision precision) {
        this.precision = precision;
    }

    Precision precision() {
        return precision;
    }

    /** θ in this precision, into {@code reuse} when it fits (float: θ itself). */
    abstract T load(float[] theta, T reuse);

    /** A copy of {@code from}, into {@code reuse} when it fits. */
    abstract T copy(T from, T reuse);

    abstract double get(T a, int index);

    /** a[index] = value, value already representable in this precision. */
    abstract void set(T a, int index, double value);
}
