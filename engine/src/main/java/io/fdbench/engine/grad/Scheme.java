package io.fdbench.engine.grad;

import java.util.Locale;

/**
 * The finite-difference quotients for a first derivative, and what each costs and converges like.
 *
 * <p>The two fourth-order schemes use four perturbed losses per parameter, at an inner and an
 * outer offset on each side ({@link #innerStep}, {@link #outerStep}), combined with the weights
 * of {@link FourPointStencil}: five-point at h and 2h, Richardson at h/2 and h. On equal offsets
 * they are the same formula (Richardson's (4D(h/2) − D(h))/3 is the five-point stencil of step
 * h/2); they differ in what h means and in what they report (Richardson its error estimate).
 */
public enum Scheme {
    /** (f(θ+h) − f(θ)) / h: first order, P + 1 evaluations per gradient. */
    FORWARD(1),
    /** (f(θ) − f(θ−h)) / h: first order, P + 1 evaluations per gradient. */
    BACKWARD(1),
    /** (f(θ+h) − f(θ−h)) / 2h: second order, 2P evaluations per gradient. */
    CENTRAL(2),
    /** (−f(θ+2h) + 8f(θ+h) − 8f(θ−h) + f(θ−2h)) / 12h: fourth order, 4P evaluations per gradient. */
    FIVE_POINT(4),
    /**
     * Richardson extrapolation of the central difference D: (4D(h/2) − D(h)) / 3, fourth order,
     * 4P evaluations per gradient, with |D(h) − D(h/2)| / 3 as a per-parameter error estimate.
     */
    RICHARDSON(4);

    private final int order;

    Scheme(int order) {
        this.order = order;
    }

    /** The truncation order: the error shrinks like h^order. */
    public int order() {
        return order;
    }

    /** Whether the scheme uses four perturbed losses per parameter (inner and outer offsets on both sides). */
    public boolean fourPoint() {
        return this == FIVE_POINT || this == RICHARDSON;
    }

    /** The inner offset of a four-point scheme at nominal step h: h for five-point, h/2 for Richardson. */
    public double innerStep(double h) {
        return this == RICHARDSON ? h / 2 : h;
    }

    /** The outer offset of a four-point scheme at nominal step h: 2h for five-point, h for Richardson. */
    public double outerStep(double h) {
        return this == FIVE_POINT ? 2 * h : h;
    }

    /**
     * The quotient of a one-sided or central scheme from the three values it may use (the unused
     * one is ignored); the four-point schemes use {@link FourPointStencil}.
     */
    public double quotient(double fMinus, double f0, double fPlus, double hMinus, double hPlus) {
        switch (this) {
            case FORWARD:
                return (fPlus - f0) / hPlus;
            case BACKWARD:
                return (f0 - fMinus) / hMinus;
            case CENTRAL:
                return (fPlus - fMinus) / (hPlus + hMinus);
            default:
                throw new IllegalStateException(label() + " needs four values: use FourPointStencil");
        }
    }

    /**
     * The step that balances truncation and rounding for unit round-off eps: √ε one-sided, ∛ε
     * central, ε^⅕ for the fourth-order schemes.
     */
    public double theoreticalBestStep(double eps) {
        switch (order) {
            case 1:
                return Math.sqrt(eps);
            case 2:
                return Math.cbrt(eps);
            default:
                return Math.pow(eps, 1.0 / (order + 1));
        }
    }

    /** "forward", "backward", "central", "five-point", "richardson". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a {@link #label()} (case-insensitive; "five_point" too). */
    public static Scheme parse(String s) {
        String t = s.trim().replace('-', '_');
        for (Scheme v : values()) {
            if (v.name().equalsIgnoreCase(t)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown scheme '" + s
                + "' (expected forward, backward, central, five-point or richardson)");
    }
}
