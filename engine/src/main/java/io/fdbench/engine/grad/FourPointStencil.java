package io.fdbench.engine.grad;

/**
 * The first derivative at θ from four perturbed values, at θ + a and θ − b (inner) and θ + c and
 * θ − d (outer), with the offsets a, b, c, d the representable ones actually applied: the
 * derivative at θ of the cubic through the four points, Σ wᵢ (fᵢ − f(θ)), with
 * wᵢ = (pq + pr + qr) / ((xᵢ − p)(xᵢ − q)(xᵢ − r)) where p, q, r are the other three nodes.
 *
 * <p>Why these weights rather than the nominal (8, −8, −1, 1)/12h: the representable offsets of
 * a parameter can differ from h and 2h (and from each other) by up to half an ulp of θ each, and
 * the nominal weights then leave an error of order f″·ulp(θ) (the weights no longer cancel the
 * second-order term). The cubic's weights are exact for any cubic on the actual nodes; on equal
 * offsets a = b = k, c = d = 2k they are exactly (8, −8, −1, 1)/12k, and on a = b = h/2, c = d = h
 * they are Richardson's (4D(h/2) − D(h))/3. f(θ) is subtracted first because the weights sum
 * to zero only in exact arithmetic; the differences are exact (Sterbenz) for nearby values.
 *
 * <p>The Richardson error estimate is |D_c − D_i| / (r² − 1), with D_i = (f(θ+a) − f(θ−b))/(a+b)
 * and D_c = (f(θ+c) − f(θ−d))/(c+d) the central differences on the inner and outer pair and
 * r = (c+d)/(a+b) (2 on equal offsets: |D(h) − D(h/2)|/3): the truncation error of the inner
 * central difference, an upper estimate of the extrapolated value's.
 */
public final class FourPointStencil {

    private FourPointStencil() {
    }

    /** The derivative estimate from the four values and the baseline, on the applied offsets a, b, c, d &gt; 0. */
    public static double derivative(double f0, double fInnerUp, double fInnerDown, double fOuterUp, double fOuterDown,
                                    double a, double b, double c, double d) {
        double x1 = a;
        double x2 = -b;
        double x3 = c;
        double x4 = -d;
        return weight(x1, x2, x3, x4) * (fInnerUp - f0)
                + weight(x2, x1, x3, x4) * (fInnerDown - f0)
                + weight(x3, x1, x2, x4) * (fOuterUp - f0)
                + weight(x4, x1, x2, x3) * (fOuterDown - f0);
    }

    /** L′(0) of the Lagrange basis polynomial of node x over the other nodes p, q, r. */
    private static double weight(double x, double p, double q, double r) {
        return (p * q + p * r + q * r) / ((x - p) * (x - q) * (x - r));
    }

    /** The Richardson error estimate |D_outer − D_inner| / (r² − 1) (see the class comment). */
    public static double errorEstimate(double fInnerUp, double fInnerDown, double fOuterUp, double fOuterDown,
                                       double a, double b, double c, double d) {
        double inner = (fInnerUp - fInnerDown) / (a + b);
        double outer = (fOuterUp - fOuterDown) / (c + d);
        double r = (c + d) / (a + b);
        return Math.abs(outer - inner) / (r * r - 1);
    }

    /** Σ|wᵢ|: how much the stencil amplifies an error in the values (for a rounding bound). */
    public static double weightSum(double a, double b, double c, double d) {
        return Math.abs(weight(a, -b, c, -d)) + Math.abs(weight(-b, a, c, -d)) + Math.abs(weight(c, a, -b, -d))
                + Math.abs(weight(-d, a, -b, c));
    }
}
