package io.fdbench.engine.grad;

import java.util.Locale;

/** The finite-difference quotients for a first derivative, and what each costs and converges like. */
public enum Scheme {
    /** (f(θ+h) − f(θ)) / h: first order, P + 1 evaluations per gradient. */
    FORWARD(1),
    /** (f(θ) − f(θ−h)) / h: first order, P + 1 evaluations per gradient. */
    BACKWARD(1),
    /** (f(θ+h) − f(θ−h)) / 2h: second order, 2P evaluations per gradient. */
    CENTRAL(2);

    private final int order;

    Scheme(int order) {
        this.order = order;
    }

    /** The truncation order: the error shrinks like h^order. */
    public int order() {
        return order;
    }

    /** The scheme's quotient from the three values it may use (the unused one is ignored). */
    public double quotient(double fMinus, double f0, double fPlus, double hMinus, double hPlus) {
        switch (this) {
            case FORWARD:
                return (fPlus - f0) / hPlus;
            case BACKWARD:
                return (f0 - fMinus) / hMinus;
            default:
                return (fPlus - fMinus) / (hPlus + hMinus);
        }
    }

    /** The step that balances truncation and rounding for unit round-off eps: √ε one-sided, ∛ε central. */
    public double theoreticalBestStep(double eps) {
        return this == CENTRAL ? Math.cbrt(eps) : Math.sqrt(eps);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "forward", "backward" or "central" (case-insensitive). */
    public static Scheme parse(String s) {
        for (Scheme v : values()) {
            if (v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown scheme '" + s + "' (expected forward, backward or central)");
    }
}
