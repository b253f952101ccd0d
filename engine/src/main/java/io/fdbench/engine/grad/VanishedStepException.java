package io.fdbench.engine.grad;

import java.util.Locale;

/**
 * A finite-difference step h that vanishes in the working precision: θ + h (or θ − h) rounds back
 * to θ, so the quotient would divide zero by zero. Its message is one line naming h, the
 * precision, the value it vanished at and the smallest step that moves that value.
 *
 * <p>A subclass of {@link IllegalArgumentException}, since h is an argument, so callers that
 * report bad arguments keep doing so; catch this type to tell a vanished step from other errors.
 */
public final class VanishedStepException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final double step;
    private final Precision precision;
    private final double at;

    /**
     * @param step      the nominal step h
     * @param precision the working precision it vanished in
     * @param at        the value it was added to (a parameter θᵢ, a point x₀)
     * @param where     what that value is, e.g. "parameter 17" or "x0 of sin@1"
     */
    public VanishedStepException(double step, Precision precision, double at, String where) {
        super(String.format(Locale.ROOT,
                "step h = %s vanishes in %s at %s = %s (± h rounds back to the same number); the smallest usable"
                        + " step there is %s (one ulp)",
                step, precision.label(), where, text(precision, at), text(precision, precision.ulp(at))));
        this.step = step;
        this.precision = precision;
        this.at = at;
    }

    private static String text(Precision precision, double v) {
        return precision == Precision.FLOAT ? Float.toString((float) v) : Double.toString(v);
    }

    /** The nominal step that vanished. */
    public double step() {
        return step;
    }

    public Precision precision() {
        return precision;
    }

    /** The value the step was added to. */
    public double at() {
        return at;
    }

    /** The smallest step that moves {@link #at} both ways in the precision: one ulp there. */
    public double smallestUsableStep() {
        return precision.ulp(at);
    }
}
