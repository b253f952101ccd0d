package io.fdbench.engine.numerics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The convergence order of any error curve, given as steps h[] and errors error[] (any order,
 * absolute or relative errors: the slope is the same), plus the truncation order p the scheme is
 * expected to have.
 *
 * <p>The rule, from the largest h downwards:
 * <ol>
 *   <li>Only points with finite h &gt; 0 and finite error &gt; 0 count (a vanished step gives NaN,
 *       an exact hit gives 0; neither has a logarithm).</li>
 *   <li>The empirical best step is the one with the smallest error.</li>
 *   <li>The <em>knee</em> is the first local minimum met walking down from the largest h: the
 *       last point of the initial run of strictly decreasing errors. It is the empirical best
 *       step unless round-off noise produced a lucky, even smaller error further down; the knee
 *       is immune to such dips.</li>
 *   <li>The fit keeps the points with h ≥ h_knee · 100^{1/(p+1)}. At the optimum truncation
 *       (∝ h^p) and round-off (∝ 1/h^d) are comparable; moving up by a factor k multiplies their
 *       ratio by about k^{p+1}, so this cut-off leaves round-off at about 1 % of the truncation
 *       error: one decade above the knee for p = 1, two-thirds of a decade for p = 2.</li>
 *   <li>It also drops points whose error is less than {@value #PLATEAU_FACTOR}× the smallest
 *       error: those are at round-off level (this matters for curves with no truncation
 *       region, such as a central difference of a quadratic).</li>
 *   <li>The order is the slope of log10 error against log10 h from commons-math3
 *       {@link SimpleRegression} over the kept points, if there are at least
 *       {@value #MIN_FIT_POINTS}; otherwise NaN.</li>
 * </ol>
 *
 * @param order the fitted slope (NaN if too few points)
 * @param orderStdErr the standard error of the slope (NaN if too few points)
 * @param points how many points qualified (the order needs {@value #MIN_FIT_POINTS})
 * @param fitMinH smallest qualifying h (NaN if none)
 * @param fitMaxH largest qualifying h (NaN if none)
 * @param bestH the step of the smallest error (NaN if no valid point)
 * @param bestError the smallest error (NaN if no valid point)
 */
public record ConvergenceFit(double order, double orderStdErr, int points, double fitMinH, double fitMaxH,
        double bestH, double bestError) {

    /** Fewest points a fit is made from. */
    public static final int MIN_FIT_POINTS = 3;
    /** Points with error below this multiple of the best error are treated as round-off level. */
    public static final double PLATEAU_FACTOR = 10.0;
    /** Round-off share of the truncation error accepted at the cut-off. */
    public static final double ROUNDOFF_SHARE = 0.01;

    /** Whether the fit had enough points to give an order. */
    public boolean hasOrder() {
        return !Double.isNaN(order);
    }

    /**
     * Fits the curve.
     *
     * @param h the steps
     * @param error the errors at those steps (NaN, infinite or zero errors are skipped)
     * @param expectedOrder the scheme's truncation order p ≥ 1, used to place the cut-off
     * @throws IllegalArgumentException if the arrays differ in length or expectedOrder &lt; 1
     */
    public static ConvergenceFit of(double[] h, double[] error, int expectedOrder) {
        Objects.requireNonNull(h, "h");
        Objects.requireNonNull(error, "error");
        if (h.length != error.length) {
            throw new IllegalArgumentException(
                    "h and error must have the same length, got " + h.length + " and " + error.length);
        }
        if (expectedOrder < 1) {
            throw new IllegalArgumentException("expectedOrder must be at least 1, got " + expectedOrder);
        }
        int[] valid = IntStream.range(0, h.length)
                .filter(i -> h[i] > 0 && Double.isFinite(h[i]) && error[i] > 0 && Double.isFinite(error[i]))
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> h[i]).reversed())
                .mapToInt(Integer::intValue)
                .toArray();
        if (valid.length == 0) {
            return new ConvergenceFit(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        int best = valid[0];
        for (int i : valid) {
            if (error[i] < error[best]) {
                best = i;
            }
        }
        int knee = 0;
        while (knee + 1 < valid.length && error[valid[knee + 1]] < error[valid[knee]]) {
            knee++;
        }
        double cutoff = h[valid[knee]] * Math.pow(1.0 / ROUNDOFF_SHARE, 1.0 / (expectedOrder + 1));
        double floor = PLATEAU_FACTOR * error[best];

        SimpleRegression regression = new SimpleRegression();
        double fitMin = Double.NaN;
        double fitMax = Double.NaN;
        for (int i : valid) {
            if (h[i] >= cutoff && error[i] >= floor) {
                regression.addData(Math.log10(h[i]), Math.log10(error[i]));
                fitMin = Double.isNaN(fitMin) ? h[i] : Math.min(fitMin, h[i]);
                fitMax = Double.isNaN(fitMax) ? h[i] : Math.max(fitMax, h[i]);
            }
        }
        int n = (int) regression.getN();
        boolean enough = n >= MIN_FIT_POINTS;
        return new ConvergenceFit(enough ? regression.getSlope() : Double.NaN,
                enough ? regression.getSlopeStdErr() : Double.NaN, n, fitMin, fitMax, h[best], error[best]);
    }

    @Override
    public String toString() {
        return "ConvergenceFit[order=" + order + " ± " + orderStdErr + " over " + points + " points "
                + Arrays.toString(new double[] {fitMinH, fitMaxH}) + ", best h=" + bestH + " error=" + bestError
                + "]";
    }
}
