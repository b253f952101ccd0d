package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.Precision;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;

/**
 * A scalar test function with a point x₀, an explicit evaluation in double and one in float
 * arithmetic, and its exact first and second derivatives from commons-math3
 * {@link DerivativeStructure} (automatic differentiation, exact up to double round-off).
 *
 * <p>The centre of a finite difference in a working precision is x₀ as represented in that
 * precision ({@link #x0(Precision)}: (float) 1.3 ≠ 1.3), and the exact reference derivative is
 * taken at that same represented point, so a float curve does not carry the error of rounding
 * x₀ itself.
 *
 * <p>The standard targets also have a complex evaluation (the imaginary part of f(a + ib) in
 * double, written out from the real functions: sin(a + ib) = sin a cosh b + i cos a sinh b,
 * exp(a + ib) = eᵃ(cos b + i sin b), and z⁴ − 2z² by complex products), for the complex step.
 */
public final class ScalarTestFunction {

    /** A function evaluated entirely in float arithmetic. */
    @FunctionalInterface
    public interface FloatFunction {
        float apply(float x);
    }

    private final String name;
    private final double x0;
    private final DoubleUnaryOperator inDouble;
    private final FloatFunction inFloat;
    private final UnaryOperator<DerivativeStructure> exact;
    private final ImaginaryPart imaginary;

    /** Im f(a + ib) in double: the target's complex evaluation. */
    @FunctionalInterface
    public interface ImaginaryPart {
        double of(double a, double b);
    }

    /**
     * @param name short formula, e.g. "sin"
     * @param x0 the point the derivatives are estimated at
     * @param inDouble the function in double arithmetic
     * @param inFloat the function in float arithmetic (argument, intermediates and result float)
     * @param exact the same formula on derivative structures, for the exact derivatives
     */
    public ScalarTestFunction(String name, double x0, DoubleUnaryOperator inDouble, FloatFunction inFloat,
            UnaryOperator<DerivativeStructure> exact) {
        this(name, x0, inDouble, inFloat, exact, null);
    }

    /**
     * As the five-argument constructor, with a complex evaluation for the complex step.
     *
     * @param imaginary Im f(a + ib) in double, or null when the function has none
     */
    public ScalarTestFunction(String name, double x0, DoubleUnaryOperator inDouble, FloatFunction inFloat,
            UnaryOperator<DerivativeStructure> exact, ImaginaryPart imaginary) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!Double.isFinite(x0)) {
            throw new IllegalArgumentException("x0 must be finite, got " + x0);
        }
        this.x0 = x0;
        this.inDouble = Objects.requireNonNull(inDouble, "inDouble");
        this.inFloat = Objects.requireNonNull(inFloat, "inFloat");
        this.exact = Objects.requireNonNull(exact, "exact");
        this.imaginary = imaginary;
    }

    /** f(x) = x⁴ − 2x² at x₀ = 1.3. */
    public static ScalarTestFunction quarticMinusQuadratic() {
        return new ScalarTestFunction("x^4-2x^2", 1.3,
                x -> {
                    double x2 = x * x;
                    return x2 * x2 - 2.0 * x2;
                },
                x -> {
                    float x2 = x * x;
                    return x2 * x2 - 2.0f * x2;
                },
                x -> x.pow(4).subtract(x.pow(2).multiply(2.0)),
                (a, b) -> {
                    // z² = (a² − b²) + i·2ab; z⁴ = (z²)²; Im(z⁴ − 2z²)
                    double re2 = a * a - b * b;
                    double im2 = 2 * a * b;
                    double im4 = 2 * re2 * im2;
                    return im4 - 2 * im2;
                });
    }

    /** f(x) = sin x at x₀ = 1. */
    public static ScalarTestFunction sine() {
        return new ScalarTestFunction("sin", 1.0, Math::sin, x -> (float) Math.sin(x), DerivativeStructure::sin,
                (a, b) -> Math.cos(a) * Math.sinh(b));
    }

    /** f(x) = exp x at x₀ = 0.5. */
    public static ScalarTestFunction exponential() {
        return new ScalarTestFunction("exp", 0.5, Math::exp, x -> (float) Math.exp(x), DerivativeStructure::exp,
                (a, b) -> Math.exp(a) * Math.sin(b));
    }

    /** The scalar targets of the step-size sweep: x⁴ − 2x² at 1.3, sin at 1, exp at 0.5. */
    public static List<ScalarTestFunction> standard() {
        return List.of(quarticMinusQuadratic(), sine(), exponential());
    }

    public String name() {
        return name;
    }

    public double x0() {
        return x0;
    }

    /** The target label used in rows and summaries, e.g. "sin@1". */
    public String label() {
        return name + "@" + formatPoint(x0);
    }

    /** x₀ as represented in the working precision. */
    public double x0(Precision precision) {
        return precision == Precision.FLOAT ? (double) (float) x0 : x0;
    }

    public double valueInDouble(double x) {
        return inDouble.applyAsDouble(x);
    }

    public float valueInFloat(float x) {
        return inFloat.apply(x);
    }

    /** The exact derivative of the given order (0, 1 or 2) at x. */
    public double exactDerivative(int order, double x) {
        if (order < 0 || order > 2) {
            throw new IllegalArgumentException("order must be 0, 1 or 2, got " + order);
        }
        DerivativeStructure value = exact.apply(new DerivativeStructure(1, 2, 0, x));
        return value.getPartialDerivative(order);
    }

    /** Whether the function has a complex evaluation ({@link #imaginaryPart}). */
    public boolean hasComplexEvaluation() {
        return imaginary != null;
    }

    /**
     * Im f(a + ib) in double.
     *
     * @throws UnsupportedOperationException when the function has no complex evaluation
     */
    public double imaginaryPart(double a, double b) {
        if (imaginary == null) {
            throw new UnsupportedOperationException(label() + " has no complex evaluation");
        }
        return imaginary.of(a, b);
    }

    /**
     * Whether the derivative of order n (≥ 1) is exactly zero at x₀ as represented in the
     * precision, from {@link DerivativeStructure}: a scheme whose truncation error starts with that
     * derivative (f⁽⁵⁾ for the fourth-order schemes) is exact there up to round-off, and has no
     * order to fit.
     */
    public boolean derivativeVanishes(int n, Precision precision) {
        if (n < 1) {
            throw new IllegalArgumentException("order must be at least 1, got " + n);
        }
        return exact.apply(new DerivativeStructure(1, n, 0, x0(precision))).getPartialDerivative(n) == 0.0;
    }

    /** The exact derivative of the given order at x₀ as represented in the working precision. */
    public double exactDerivative(int order, Precision precision) {
        return exactDerivative(order, x0(precision));
    }

    /**
     * The function as commons-math3 sees it: in double, the double evaluation; in float, the
     * argument is rounded to float and the function evaluated in float.
     */
    public UnivariateFunction asUnivariateFunction(Precision precision) {
        if (precision == Precision.FLOAT) {
            return t -> inFloat.apply((float) t);
        }
        return inDouble::applyAsDouble;
    }

    private static String formatPoint(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    @Override
    public String toString() {
        return label();
    }
}
