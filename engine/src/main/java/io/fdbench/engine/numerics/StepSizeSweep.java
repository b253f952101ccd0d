package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.FourPointStencil;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.VanishedStepException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.FiniteDifferencesDifferentiator;
import org.apache.commons.math3.analysis.differentiation.UnivariateDifferentiableFunction;

/**
 * Step-size error curves of scalar test functions: every target × precision × {@link Estimator}
 * over a {@link StepGrid}, with exact derivatives from {@link ScalarTestFunction}.
 *
 * <p>How an estimate at nominal step h is formed in a working precision:
 * <ul>
 *   <li>x = x₀ as represented (see {@link ScalarTestFunction#x0(Precision)}); in float h is
 *       rounded to float too;</li>
 *   <li>x₊ = x + h and x₋ = x − h, rounded to the working precision, and the representable steps
 *       h₊ = x₊ − x, h₋ = x − x₋ (computed in the working precision; exact by Sterbenz's lemma
 *       when h ≤ x);</li>
 *   <li>f(x₋), f(x), f(x₊) evaluated in the working precision (the float evaluation is the test
 *       function's explicit float formula);</li>
 *   <li>the quotient in the working precision with the representable steps: forward
 *       (f₊ − f₀)/h₊, backward (f₀ − f₋)/h₋, central (f₊ − f₋)/(h₊ + h₋); the second difference
 *       (f₊ − 2f₀ + f₋)/h₊² when h₊ = h₋, else the three-point formula for unequal steps
 *       2(h₋f₊ − (h₊ + h₋)f₀ + h₊f₋)/(h₊h₋(h₊ + h₋));</li>
 *   <li>the fourth-order schemes evaluate f at x ± h_in and x ± h_out (five-point: h and 2h;
 *       Richardson: h/2 and h), each rounded to the working precision, and combine the four
 *       values with {@link FourPointStencil}'s weights for the representable offsets, in double
 *       (in float the values and offsets are float, the weighted sum double, as the MLP
 *       estimators do);</li>
 *   <li>the complex step is Im f(x₀ + ih)/h from the target's complex evaluation, in double only
 *       (its grid is the double grid continued down to 1e-200, {@link StepGrid#forComplexStep});
 *       an imaginary step never rounds into x₀, so it never vanishes;</li>
 *   <li>an estimator exact on a target up to round-off (the derivative that leads its truncation
 *       error, f^(p+1) for order p, is zero at x₀: the fourth-order schemes on x⁴ − 2x²) gives a
 *       {@linkplain ErrorCurve#truncationFree() truncation-free} curve, whose order is reported as
 *       not fittable;</li>
 *   <li>if a step the estimator needs rounds to 0 (h below half an ulp of x), there is no
 *       estimate: {@link #estimate} throws {@link VanishedStepException}, and {@link #run}
 *       refuses a grid whose smallest step vanishes at some target before evaluating anything, so
 *       a sweep never writes a NaN row.</li>
 * </ul>
 * The commons-math3 peer ({@link Estimator#CM3_FD3_FIRST}, {@link Estimator#CM3_FD3_SECOND}) is
 * {@code new FiniteDifferencesDifferentiator(3, h)} applied at x: sample points x − h, x, x + h
 * in double with the nominal h; in float its function rounds the argument to float and evaluates
 * in float, but its stencil arithmetic stays double and is not corrected for the representable
 * step.
 */
public final class StepSizeSweep {

    /** The evaluation label of scalar rows: the function itself is evaluated, no model involved. */
    public static final String EXACT_FUNCTION = "exact-function";

    private StepSizeSweep() {
    }

    /** The standard targets, both precisions, all estimators (the complex step in double only), default grids. */
    public static SweepResult runDefault() {
        return run(ScalarTestFunction.standard(), List.of(Precision.DOUBLE, Precision.FLOAT),
                List.of(Estimator.values()), StepGrid::defaultFor);
    }

    /**
     * Every target × precision × estimator over the grid of that precision, in that nesting order;
     * an estimator that does not {@linkplain Estimator#supports support} a precision is left out of
     * it, and the complex step runs on the double grid {@linkplain StepGrid#forComplexStep
     * continued to 1e-200}.
     *
     * @throws VanishedStepException before any evaluation, when a grid's smallest step vanishes
     *     at a target's point in that precision
     */
    public static SweepResult run(List<ScalarTestFunction> targets, List<Precision> precisions,
            List<Estimator> estimators, Function<Precision, StepGrid> grids) {
        return run(targets, precisions, estimators, grids, SweepProgress.none());
    }

    /** As {@link #run(List, List, List, Function)}, telling {@code progress} after each point. */
    public static SweepResult run(List<ScalarTestFunction> targets, List<Precision> precisions,
            List<Estimator> estimators, Function<Precision, StepGrid> grids, SweepProgress progress) {
        Objects.requireNonNull(grids, "grids");
        Objects.requireNonNull(progress, "progress");
        Map<Precision, StepGrid> gridOf = new EnumMap<>(Precision.class);
        int total = 0;
        for (Precision precision : precisions) {
            StepGrid grid = Objects.requireNonNull(grids.apply(precision), "grid for " + precision);
            gridOf.put(precision, grid);
            for (ScalarTestFunction target : targets) {
                grid.requireUsableAt(precision, target.x0(precision), "x0 of " + target.label());
                for (Estimator estimator : estimators) {
                    if (estimator.supports(precision)) {
                        // the smallest step has an estimate (a four-point scheme's inner offset moves x0
                        // and differs from its outer one), or the grid is refused here
                        estimate(target, precision, estimator, gridFor(estimator, grid).to());
                    }
                }
            }
            for (Estimator estimator : estimators) {
                if (estimator.supports(precision)) {
                    total += targets.size() * gridFor(estimator, grid).size();
                }
            }
        }
        int[] done = {0};
        int points = total;
        List<ErrorCurve> curves = new ArrayList<>();
        for (ScalarTestFunction target : targets) {
            for (Precision precision : precisions) {
                StepGrid grid = gridOf.get(precision);
                for (Estimator estimator : estimators) {
                    if (estimator.supports(precision)) {
                        curves.add(curve(target, precision, estimator, gridFor(estimator, grid),
                                () -> progress.done(++done[0], points)));
                    }
                }
            }
        }
        return SweepResult.of(curves);
    }

    /** The grid an estimator runs on in a sweep whose grid in its precision is {@code grid}. */
    static StepGrid gridFor(Estimator estimator, StepGrid grid) {
        return estimator == Estimator.COMPLEX_STEP ? grid.forComplexStep() : grid;
    }

    /**
     * The error curve of one estimator on one target in one precision.
     *
     * @throws VanishedStepException when a step the estimator needs vanishes in the precision
     */
    public static ErrorCurve curve(ScalarTestFunction target, Precision precision, Estimator estimator,
            StepGrid grid) {
        return curve(target, precision, estimator, grid, () -> { });
    }

    private static ErrorCurve curve(ScalarTestFunction target, Precision precision, Estimator estimator,
            StepGrid grid, Runnable pointDone) {
        double exact = target.exactDerivative(estimator.derivativeOrder(), precision);
        double[] h = grid.steps();
        double[] abs = new double[h.length];
        double[] rel = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            double e = Math.abs(estimate(target, precision, estimator, h[i]) - exact);
            abs[i] = ErrorCurve.requireFinite("absolute error", e, target.label(), precision, estimator.label(), h[i]);
            rel[i] = ErrorCurve.requireFinite("relative error", e / Math.abs(exact), target.label(), precision,
                    estimator.label(), h[i]);
            pointDone.run();
        }
        ErrorCurve curve = ErrorCurve.of(target.label(), precision, estimator.label(), EXACT_FUNCTION,
                estimator.truncationOrder(), estimator.theoreticalBestStep(precision), h, abs, rel);
        return exactUpToRoundoff(target, precision, estimator) ? curve.truncationFree() : curve;
    }

    /**
     * Whether a first-derivative estimator is exact on the target up to round-off: the derivative
     * f^(p+1) that leads its truncation error (p its order) is zero at x₀.
     */
    static boolean exactUpToRoundoff(ScalarTestFunction target, Precision precision, Estimator estimator) {
        return estimator.derivativeOrder() == 1
                && target.derivativeVanishes(estimator.truncationOrder() + 1, precision);
    }

    /**
     * The estimate of the estimator's derivative of the target at step h.
     *
     * @throws VanishedStepException when a step the estimator needs rounds to zero at x₀ in the
     *     precision (there is no estimate, not a zero or NaN one)
     */
    public static double estimate(ScalarTestFunction target, Precision precision, Estimator estimator, double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("h must be a finite step > 0, got " + h);
        }
        switch (estimator) {
            case CM3_FD3_FIRST:
            case CM3_FD3_SECOND:
                if (precision.stepVanishes(target.x0(precision), h)) {
                    throw vanished(target, precision, h);
                }
                return peer(target, precision, h, estimator.derivativeOrder());
            case COMPLEX_STEP:
                if (precision != Precision.DOUBLE) {
                    throw new IllegalArgumentException("the complex step runs in double only, not "
                            + precision.label());
                }
                return target.imaginaryPart(target.x0(Precision.DOUBLE), h) / h;
            case FIVE_POINT:
            case RICHARDSON:
                return fourPoint(target, precision, estimator.scheme(), h);
            default:
                return precision == Precision.FLOAT ? inFloat(target, estimator, h)
                        : inDouble(target, estimator, h);
        }
    }

    private static VanishedStepException vanished(ScalarTestFunction target, Precision precision, double h) {
        return new VanishedStepException(h, precision, target.x0(precision), "x0 of " + target.label());
    }

    /** A fourth-order scheme: four values at the inner and outer offsets, combined on the representable ones. */
    private static double fourPoint(ScalarTestFunction f, Precision precision, Scheme scheme, double nominal) {
        double x = f.x0(precision);
        double h = precision.round(nominal);
        double inner = precision.round(scheme.innerStep(h));
        double outer = precision.round(scheme.outerStep(h));
        double xa = precision.round(x + inner);
        double xb = precision.round(x - inner);
        double xc = precision.round(x + outer);
        double xd = precision.round(x - outer);
        double a = precision.round(xa - x);
        double b = precision.round(x - xb);
        double c = precision.round(xc - x);
        double d = precision.round(x - xd);
        if (!(a > 0 && b > 0 && c > a && d > b)) {
            throw vanished(f, precision, nominal);
        }
        double f0;
        double fa;
        double fb;
        double fc;
        double fd;
        if (precision == Precision.FLOAT) {
            f0 = f.valueInFloat((float) x);
            fa = f.valueInFloat((float) xa);
            fb = f.valueInFloat((float) xb);
            fc = f.valueInFloat((float) xc);
            fd = f.valueInFloat((float) xd);
        } else {
            f0 = f.valueInDouble(x);
            fa = f.valueInDouble(xa);
            fb = f.valueInDouble(xb);
            fc = f.valueInDouble(xc);
            fd = f.valueInDouble(xd);
        }
        return FourPointStencil.derivative(f0, fa, fb, fc, fd, a, b, c, d);
    }

    private static double inDouble(ScalarTestFunction f, Estimator estimator, double h) {
        double x = f.x0(Precision.DOUBLE);
        double xPlus = x + h;
        double xMinus = x - h;
        double hPlus = xPlus - x;
        double hMinus = x - xMinus;
        if (!stepsUsable(estimator, hPlus, hMinus)) {
            throw vanished(f, Precision.DOUBLE, h);
        }
        double fPlus = f.valueInDouble(xPlus);
        double f0 = f.valueInDouble(x);
        double fMinus = f.valueInDouble(xMinus);
        if (estimator == Estimator.SECOND_DIFFERENCE) {
            if (hPlus == hMinus) {
                return (fPlus - 2.0 * f0 + fMinus) / (hPlus * hPlus);
            }
            return 2.0 * (hMinus * fPlus - (hPlus + hMinus) * f0 + hPlus * fMinus)
                    / (hPlus * hMinus * (hPlus + hMinus));
        }
        return estimator.scheme().quotient(fMinus, f0, fPlus, hMinus, hPlus);
    }

    private static double inFloat(ScalarTestFunction f, Estimator estimator, double nominal) {
        float h = (float) nominal;
        float x = (float) f.x0(Precision.FLOAT);
        float xPlus = x + h;
        float xMinus = x - h;
        float hPlus = xPlus - x;
        float hMinus = x - xMinus;
        if (!stepsUsable(estimator, hPlus, hMinus)) {
            throw vanished(f, Precision.FLOAT, nominal);
        }
        float fPlus = f.valueInFloat(xPlus);
        float f0 = f.valueInFloat(x);
        float fMinus = f.valueInFloat(xMinus);
        switch (estimator) {
            case FORWARD:
                return (fPlus - f0) / hPlus;
            case BACKWARD:
                return (f0 - fMinus) / hMinus;
            case CENTRAL:
                return (fPlus - fMinus) / (hPlus + hMinus);
            case SECOND_DIFFERENCE:
                if (hPlus == hMinus) {
                    return (fPlus - 2.0f * f0 + fMinus) / (hPlus * hPlus);
                }
                return 2.0f * (hMinus * fPlus - (hPlus + hMinus) * f0 + hPlus * fMinus)
                        / (hPlus * hMinus * (hPlus + hMinus));
            default:
                throw new IllegalArgumentException("not a float quotient: " + estimator);
        }
    }

    private static boolean stepsUsable(Estimator estimator, double hPlus, double hMinus) {
        switch (estimator) {
            case FORWARD:
                return hPlus > 0;
            case BACKWARD:
                return hMinus > 0;
            case CENTRAL:
                return hPlus + hMinus > 0;
            default:
                return hPlus > 0 && hMinus > 0;
        }
    }

    private static double peer(ScalarTestFunction f, Precision precision, double h, int derivativeOrder) {
        FiniteDifferencesDifferentiator differentiator =
                new FiniteDifferencesDifferentiator(Estimator.CM3_POINTS, h);
        UnivariateFunction function = f.asUnivariateFunction(precision);
        UnivariateDifferentiableFunction derivative = differentiator.differentiate(function);
        DerivativeStructure at = new DerivativeStructure(1, 2, 0, f.x0(precision));
        return derivative.value(at).getPartialDerivative(derivativeOrder);
    }
}
