package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import java.util.Objects;

/**
 * The scalar derivative estimators of the step-size sweep: the first-derivative {@link Scheme}s
 * (forward, backward, central, five-point, Richardson), the complex step (double only), the central
 * second difference, and commons-math3's {@code FiniteDifferencesDifferentiator} as a peer for
 * both derivatives.
 *
 * <p>The peer uses 3 points with {@code stepSize = h}. In commons-math3, {@code stepSize} is the
 * spacing between adjacent sample points, and the points are centred on x, so 3 points sample
 * x − h, x, x + h: the same stencil as {@link #CENTRAL} and {@link #SECOND_DIFFERENCE}, hence the
 * same truncation order 2. (With 2 points it would sample x ± h/2.) Unlike our estimators it
 * divides by the nominal h, not the representable step, and does its interpolation in double.
 */
public enum Estimator {
    FORWARD("forward", Scheme.FORWARD, 1, 1),
    BACKWARD("backward", Scheme.BACKWARD, 1, 1),
    CENTRAL("central", Scheme.CENTRAL, 1, 2),
    /** (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h on the representable offsets. */
    FIVE_POINT("five-point", Scheme.FIVE_POINT, 1, 4),
    /** (4D(h/2) − D(h)) / 3 of the central difference D, on the representable offsets. */
    RICHARDSON("richardson", Scheme.RICHARDSON, 1, 4),
    /**
     * Im f(x + ih) / h (Squire and Trapp 1998) from the target's complex evaluation, in double
     * only: no difference of nearby values, so no cancellation and no round-off rise at small h;
     * truncation order 2 (the error is f‴h²/6).
     */
    COMPLEX_STEP("complex-step", null, 1, 2),
    /** (f(x+h) − 2f(x) + f(x−h)) / h² for f″. */
    SECOND_DIFFERENCE("second-difference", null, 2, 2),
    /** commons-math3 FiniteDifferencesDifferentiator(3, h), first derivative. */
    CM3_FD3_FIRST("cm3-fd3-first", null, 1, 2),
    /** commons-math3 FiniteDifferencesDifferentiator(3, h), second derivative. */
    CM3_FD3_SECOND("cm3-fd3-second", null, 2, 2);

    /** Number of sample points of the commons-math3 peer. */
    public static final int CM3_POINTS = 3;

    private final String label;
    private final Scheme scheme;
    private final int derivativeOrder;
    private final int truncationOrder;

    Estimator(String label, Scheme scheme, int derivativeOrder, int truncationOrder) {
        this.label = label;
        this.scheme = scheme;
        this.derivativeOrder = derivativeOrder;
        this.truncationOrder = truncationOrder;
    }

    /** The first-derivative estimator of a scheme. */
    public static Estimator of(Scheme scheme) {
        Objects.requireNonNull(scheme, "scheme");
        switch (scheme) {
            case FORWARD:
                return FORWARD;
            case BACKWARD:
                return BACKWARD;
            case FIVE_POINT:
                return FIVE_POINT;
            case RICHARDSON:
                return RICHARDSON;
            default:
                return CENTRAL;
        }
    }

    /** Whether the estimator has a curve in the precision: the complex step runs in double only. */
    public boolean supports(Precision precision) {
        return this != COMPLEX_STEP || precision == Precision.DOUBLE;
    }

    public String label() {
        return label;
    }

    /** Which derivative it estimates: 1 for f′, 2 for f″. */
    public int derivativeOrder() {
        return derivativeOrder;
    }

    /** The truncation order p: the error shrinks like h^p while truncation dominates. */
    public int truncationOrder() {
        return truncationOrder;
    }

    /** Whether this is one of our first-derivative finite-difference schemes (not the peer, not the complex step). */
    public boolean isScheme() {
        return scheme != null;
    }

    /** The scheme of a first-derivative estimator; throws for the others. */
    public Scheme scheme() {
        if (scheme == null) {
            throw new IllegalStateException(label + " is not a Scheme");
        }
        return scheme;
    }

    /**
     * The step balancing truncation and rounding for unit round-off u: √u one-sided, ∛u for the
     * central first derivative (ours and the peer's), u^⅕ for the fourth-order schemes, u^¼ for the
     * second difference (ours and the peer's). The complex step has no rounding rise: its
     * truncation error f‴h²/6 falls below u·|f′| from √(6u) on, and any smaller step is as good;
     * √u is given.
     */
    public double theoreticalBestStep(Precision precision) {
        double u = precision.unitRoundoff();
        if (derivativeOrder == 2) {
            return Math.sqrt(Math.sqrt(u));
        }
        if (this == COMPLEX_STEP) {
            return Math.sqrt(u);
        }
        return (scheme != null ? scheme : Scheme.CENTRAL).theoreticalBestStep(u);
    }
}
