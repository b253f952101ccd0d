package io.fdbench.engine.grad;

/**
 * The finite-difference step: absolute h, or relative h·max(1, |θᵢ|) so large parameters get a
 * step their precision can represent.
 */
public record StepRule(double h, boolean relative) {

    public StepRule {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("step h must be positive and finite, got " + h);
        }
    }

    public static StepRule absolute(double h) {
        return new StepRule(h, false);
    }

    public static StepRule relative(double h) {
        return new StepRule(h, true);
    }

    /** The nominal step for a parameter whose value is theta. */
    public double stepFor(double theta) {
        return relative ? h * Math.max(1.0, Math.abs(theta)) : h;
    }

    @Override
    public String toString() {
        return (relative ? "relative " : "") + h;
    }
}
