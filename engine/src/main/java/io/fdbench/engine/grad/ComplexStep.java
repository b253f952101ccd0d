package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ComplexReferenceMlp;

import java.util.Objects;

/**
 * The complex-step derivative (Squire and Trapp 1998; Martins, Sturdza and Alonso 2003):
 * ∂f/∂θᵢ = Im f(θ + i·h·eᵢ) / h, in double, through the complex forward pass of the reference
 * network ({@link ComplexReferenceMlp}). No difference of two nearby losses is taken, so there is
 * no subtractive cancellation: the step can be tiny (default 1e-20) and the error stays at
 * round-off where finite differences lose digits as h shrinks.
 *
 * <p>One loss evaluation per parameter plus the baseline f(θ) per gradient, FULL (a whole complex
 * forward pass per parameter) or INCREMENTAL (only the moved unit and the layers after it, on the
 * rows that see the parameter; bit-identical to FULL while the step is too small to move real
 * parts). Single-threaded. θ is widened from float exactly; the estimate is in double (the
 * {@code float[]} overloads round it once at the end). ReLU networks are refused at construction
 * (not analytic) and a step outside [{@value #MIN_STEP}, {@value #MAX_STEP}] is refused, each with a
 * {@link RefusedSettingException} naming it.
 */
public final class ComplexStep implements GradientEstimator {

    /** The step when none is given: far below any finite-difference step, harmless here. */
    public static final double DEFAULT_STEP = 1e-20;
    /**
     * The smallest step accepted: there Im f = h·∂f is still a normal double for |∂f| ≥ 2.3e-8;
     * a smaller part falls among the subnormals and loses digits.
     */
    public static final double MIN_STEP = 1e-300;
    /**
     * The largest step accepted: the O(h²) truncation error grows with the step, and without
     * cancellation to avoid nothing is gained by a large one.
     */
    public static final double MAX_STEP = 1e-3;

    private final Mlp model;
    private final Evaluation evaluation;
    private final ComplexReferenceMlp complex;
    private final double[] thetaRe;
    /** θ's imaginary part for FULL evaluation: all zeros but the parameter in flight. */
    private final double[] thetaIm;
    /** The estimate in double for the float overloads. */
    private final double[] estimate;
    private StepRule step;
    private long evaluations;

    /** An estimator for batches of up to {@code capacity} rows with the step h (absolute or relative). */
    public ComplexStep(Mlp model, int capacity, Evaluation evaluation, StepRule step) {
        this.model = model;
        this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
        try {
            ComplexReferenceMlp.requireAnalytic(model.hidden());
        } catch (IllegalArgumentException e) {
            throw new RefusedSettingException(RefusedSettingException.Setting.ACTIVATION, e.getMessage());
        }
        setStep(step);
        this.complex = new ComplexReferenceMlp(model, capacity);
        int p = model.parameterCount();
        this.thetaRe = new double[p];
        this.thetaIm = evaluation == Evaluation.FULL ? new double[p] : null;
        this.estimate = new double[p];
    }

    /** As {@link #ComplexStep(Mlp, int, Evaluation, StepRule)} with the absolute step h. */
    public ComplexStep(Mlp model, int capacity, Evaluation evaluation, double h) {
        this(model, capacity, evaluation, StepRule.absolute(h));
    }

    /**
     * Uses another step for the gradients that follow (a sweep moves one estimator along its
     * grid); an {@link IllegalArgumentException} naming the step when h is outside
     * [{@value #MIN_STEP}, {@value #MAX_STEP}].
     */
    public void setStep(StepRule step) {
        Objects.requireNonNull(step, "step");
        if (!(step.h() >= MIN_STEP && step.h() <= MAX_STEP)) {
            throw new RefusedSettingException(RefusedSettingException.Setting.STEP, "complex-step step h = "
                    + step.h() + " is outside [" + MIN_STEP + ", " + MAX_STEP + "]");
        }
        this.step = step;
    }

    /** {@link #setStep(StepRule)} with the absolute step h. */
    public void setStep(double h) {
        setStep(StepRule.absolute(h));
    }

    public StepRule step() {
        return step;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    @Override
    public String name() {
        return "complex-step-" + evaluation.label();
    }

    @Override
    public double gradient(float[] theta, Batch batch, float[] grad) {
        return gradient(theta, batch, grad, null);
    }

    /** The listed parameters' estimates (all when null), rounded to float; the other entries are left untouched. */
    @Override
    public double gradient(float[] theta, Batch batch, float[] grad, int[] parameters) {
        checkLength(grad.length);
        double f = gradient(theta, batch, estimate, parameters);
        if (parameters == null) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] = (float) estimate[i];
            }
        } else {
            for (int i : parameters) {
                grad[i] = (float) estimate[i];
            }
        }
        return f;
    }

    /** As the float overload, keeping the estimates in double. */
    public double gradient(float[] theta, Batch batch, double[] grad, int[] parameters) {
        checkLength(theta.length);
        for (int i = 0; i < theta.length; i++) {
            thetaRe[i] = theta[i];
        }
        return estimate(batch, grad, parameters);
    }

    /** As the float overload at a θ given in double, keeping the estimates in double. */
    public double gradient(double[] theta, Batch batch, double[] grad, int[] parameters) {
        checkLength(theta.length);
        System.arraycopy(theta, 0, thetaRe, 0, theta.length);
        return estimate(batch, grad, parameters);
    }

    private double estimate(Batch batch, double[] grad, int[] parameters) {
        checkLength(grad.length);
        int p = model.parameterCount();
        if (parameters != null) {
            for (int i : parameters) {
                if (i < 0 || i >= p) {
                    throw new IllegalArgumentException("parameter subset: index " + i + " outside [0, " + p + ")");
                }
            }
        }
        double f0 = complex.forward(thetaRe, null, batch);
        evaluations++;
        int count = parameters == null ? p : parameters.length;
        for (int t = 0; t < count; t++) {
            int i = parameters == null ? t : parameters[t];
            double h = step.stepFor(thetaRe[i]);
            double im;
            if (evaluation == Evaluation.FULL) {
                thetaIm[i] = h;
                try {
                    complex.forward(thetaRe, thetaIm, batch);
                } finally {
                    thetaIm[i] = 0.0;
                }
                im = complex.meanLossImaginary();
            } else {
                im = complex.imaginaryLoss(i, h);
            }
            evaluations++;
            grad[i] = im / h;
        }
        return f0;
    }

    private void checkLength(int length) {
        if (length != model.parameterCount()) {
            throw new IllegalArgumentException("array has " + length + " entries, the model " + model.describe()
                    + " has " + model.parameterCount() + " parameters");
        }
    }

    /** One per parameter estimated plus one baseline per gradient. */
    @Override
    public long lossEvaluations() {
        return evaluations;
    }
}
