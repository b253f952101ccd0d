package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.VanishedStepException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Step sizes h on a logarithmic grid, from the largest ({@code from}) down to the smallest
 * ({@code to}), both included, equally spaced in log10 h.
 */
public final class StepGrid {

    /** Default number of grid points. */
    public static final int DEFAULT_POINTS = 40;
    /** Default largest step, in every precision. */
    public static final double DEFAULT_FROM = 1e-1;
    /** Default smallest step in double. */
    public static final double DEFAULT_TO_DOUBLE = 1e-14;
    /**
     * Default smallest step in float: 2e-7. Every estimator must still have distinct
     * representable offsets at the scalar targets (1.3, 1 and 0.5) and initialised MLP parameters:
     * half an ulp of float is 5.96e-8 in [1, 2), so 1e-8 vanished at 1.3, and 1e-7 (the default
     * before the fourth-order schemes) left Richardson's inner step h/2 = 5e-8 vanishing there;
     * at 2e-7 its offsets h/2 and h round to one and two ulps of 1.3.
     */
    public static final double DEFAULT_TO_FLOAT = 2e-7;

    private final double from;
    private final double to;
    private final double[] steps;

    /** The complex step's smallest step: far below any finite difference's, where only it still works. */
    public static final double COMPLEX_STEP_TO = 1e-200;
    /** Points the complex step's grid adds below a double grid, one every 10 decades down to 1e-200. */
    public static final int COMPLEX_STEP_EXTRA_POINTS = 18;

    private StepGrid(double[] steps) {
        this.steps = steps;
        this.from = steps[0];
        this.to = steps[steps.length - 1];
    }

    private StepGrid(double from, double to, int points) {
        this.from = from;
        this.to = to;
        this.steps = new double[points];
        double logFrom = Math.log10(from);
        double logTo = Math.log10(to);
        for (int i = 0; i < points; i++) {
            steps[i] = Math.pow(10.0, logFrom + (logTo - logFrom) * i / (points - 1));
        }
        steps[0] = from;
        steps[points - 1] = to;
    }

    /**
     * A log grid of {@code points} steps from {@code from} down to {@code to}.
     *
     * @throws IllegalArgumentException naming the field when from or to is not a finite positive
     *     number, when from is not larger than to, or when points is below 2
     */
    public static StepGrid logarithmic(double from, double to, int points) {
        requirePositiveFinite("from", from);
        requirePositiveFinite("to", to);
        if (!(from > to)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "from must be larger than to (the grid runs from the largest step down), got from=%s, to=%s",
                    from, to));
        }
        if (points < 2) {
            throw new IllegalArgumentException("points must be at least 2, got " + points);
        }
        return new StepGrid(from, to, points);
    }

    /** The default grid: 40 points from 1e-1 down to 1e-14 in double and down to 2e-7 in float. */
    public static StepGrid defaultFor(Precision precision) {
        Objects.requireNonNull(precision, "precision");
        return logarithmic(DEFAULT_FROM,
                precision == Precision.DOUBLE ? DEFAULT_TO_DOUBLE : DEFAULT_TO_FLOAT, DEFAULT_POINTS);
    }

    /**
     * This grid followed by {@code extra} more steps, equally spaced in log10 h below its smallest
     * down to {@code smallest} (included): the complex step's grid is the double grid continued to
     * 1e-200, so its truncation region has the same points as the other curves and its round-off
     * plateau is drawn far below where they turn up.
     */
    public StepGrid continuedTo(double smallest, int extra) {
        requirePositiveFinite("smallest", smallest);
        if (!(smallest < to)) {
            throw new IllegalArgumentException("smallest must be below the grid's smallest step " + to + ", got "
                    + smallest);
        }
        if (extra < 1) {
            throw new IllegalArgumentException("extra must be at least 1, got " + extra);
        }
        double[] out = Arrays.copyOf(steps, steps.length + extra);
        double logTo = Math.log10(to);
        double logSmallest = Math.log10(smallest);
        for (int i = 1; i <= extra; i++) {
            out[steps.length + i - 1] = Math.pow(10.0, logTo + (logSmallest - logTo) * i / extra);
        }
        out[out.length - 1] = smallest;
        return new StepGrid(out);
    }

    /** The complex step's grid for a double grid: {@link #continuedTo} 1e-200 with 18 more points. */
    public StepGrid forComplexStep() {
        return to <= COMPLEX_STEP_TO ? this : continuedTo(COMPLEX_STEP_TO, COMPLEX_STEP_EXTRA_POINTS);
    }

    /**
     * Checks that every step of this grid moves x up and down in the precision ({@link
     * Precision#stepVanishes}): rounding is monotone, so it suffices that the smallest step,
     * {@link #to()}, does.
     *
     * @param where what x is, for the message, e.g. "x0 of sin@1" or "parameter 17"
     * @return this grid
     * @throws VanishedStepException naming {@link #to()}, the precision, x and the smallest usable step
     */
    public StepGrid requireUsableAt(Precision precision, double x, String where) {
        Objects.requireNonNull(precision, "precision");
        if (precision.stepVanishes(x, to)) {
            throw new VanishedStepException(to, precision, x, where);
        }
        return this;
    }

    private static void requirePositiveFinite(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite step > 0, got " + value);
        }
    }

    public double from() {
        return from;
    }

    public double to() {
        return to;
    }

    public int size() {
        return steps.length;
    }

    /** The i-th step, i = 0 being the largest. */
    public double step(int i) {
        return steps[i];
    }

    /** A copy of the steps, largest first. */
    public double[] steps() {
        return steps.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepGrid && Arrays.equals(steps, ((StepGrid) o).steps);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(steps);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "StepGrid[%s .. %s, %d points]", from, to, steps.length);
    }
}
