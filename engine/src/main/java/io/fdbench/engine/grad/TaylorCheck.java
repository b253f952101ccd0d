package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Taylor-remainder test of a gradient (as dolfin-adjoint's {@code taylor_test}): along a random
 * unit direction v, r(ε) = |f(θ + ε·v) − f(θ) − ε·vᵀg| shrinks as ε² when g is the gradient and
 * only as ε when it is not (the remainder keeps ε·vᵀ(∇f − g)). The slope of log r against log ε,
 * fitted by least squares, decides: PASS when it exceeds {@link #PASS_SLOPE} in every direction.
 * No step to tune and no tolerance on the gradient's size.
 *
 * <p>f is the double reference network's mean batch loss, so round-off (about 1e-16·|f|) stays
 * far below the ε² term over the grid ε = 1e-2·2^-j, j = 0..9 (1e-2 down to 2e-5: the quadratic
 * term of a loss of order 1 stays above 1e-13 there, while from 1e-2 down the cubic term is
 * already small). Points whose residual is below the noise floor 100·u·max(1, |f(θ)|) are left
 * out of the fit; a direction with fewer than three points left has a remainder at round-off
 * everywhere (f is linear along v to double precision and g agrees with it), which passes, its
 * slope reported as not fittable. The threshold 1.8: a right gradient fits 2.00 ± 0.05 (3 where
 * vᵀHv vanishes), a wrong one 1 to about 1.3 on this grid (the linear term takes over below the ε
 * where ε·|vᵀ(∇f − g)| exceeds ½ε²·|vᵀHv|).
 *
 * <p>Cost: 1 + 10 loss evaluations per direction in double (f(θ) once), whatever the parameter
 * count.
 */
public final class TaylorCheck {

    /** PASS when the fitted order exceeds this in every direction. */
    public static final double PASS_SLOPE = 1.8;
    /** Directions when none is given. */
    public static final int DEFAULT_DIRECTIONS = 3;
    /** The largest ε of the grid. */
    public static final double FIRST_EPSILON = 1e-2;
    /** Points of the grid, each half the one before. */
    public static final int POINTS = 10;
    private static final double NOISE_FLOOR_ULPS = 100;

    private TaylorCheck() {
    }

    /**
     * One direction: vᵀg, the grid's residuals (NaN where at round-off and left out), and the fitted
     * slope (NaN when fewer than three points were above round-off).
     */
    public record Direction(int index, double directional, double[] epsilons, double[] residuals, double slope) {

        public Direction {
            epsilons = epsilons.clone();
            residuals = residuals.clone();
        }

        /** Above the PASS slope, or at round-off everywhere. */
        public boolean passed() {
            return Double.isNaN(slope) || slope > PASS_SLOPE;
        }

        @Override
        public double[] epsilons() {
            return epsilons.clone();
        }

        @Override
        public double[] residuals() {
            return residuals.clone();
        }
    }

    /** The test's result. */
    public record Report(String name, int parameters, double loss, List<Direction> directions) {

        public Report {
            directions = List.copyOf(directions);
        }

        public boolean passed() {
            return directions.stream().allMatch(Direction::passed);
        }

        /** The smallest fitted slope (NaN when none was fittable). */
        public double minimumSlope() {
            return directions.stream().mapToDouble(Direction::slope).filter(s -> !Double.isNaN(s)).min()
                    .orElse(Double.NaN);
        }

        /** Loss evaluations the test made, in double: f(θ) and one per grid point and direction. */
        public int lossEvaluations() {
            return 1 + directions.stream().mapToInt(d -> d.epsilons().length).sum();
        }

        /** One fact per line, the residuals as a table ε × direction. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "Taylor test: r(ε) = |f(θ+εv) − f(θ) − ε·vᵀg| of %s, f in double,"
                    + " along %d random unit directions, %d loss evaluations for %d parameters%n", name,
                    directions.size(), lossEvaluations(), parameters));
            sb.append(String.format(Locale.ROOT, "fitted order: minimum %s (PASS above %.1f, 2 for a right"
                    + " gradient, 1 for a wrong one): %s%n", slope(minimumSlope()), PASS_SLOPE,
                    passed() ? "PASS" : "FAIL"));
            for (Direction d : directions) {
                sb.append(String.format(Locale.ROOT, "  direction %d: vᵀg % .6e, order %s%s%n", d.index(),
                        d.directional(), slope(d.slope()), d.passed() ? "" : "  FAIL"));
            }
            if (!directions.isEmpty()) {
                sb.append("  ε        ");
                for (Direction d : directions) {
                    sb.append(String.format(Locale.ROOT, " r(ε) dir %-3d", d.index()));
                }
                sb.append(System.lineSeparator());
                double[] eps = directions.get(0).epsilons();
                for (int j = 0; j < eps.length; j++) {
                    sb.append(String.format(Locale.ROOT, "  %.3e", eps[j]));
                    for (Direction d : directions) {
                        double r = d.residuals()[j];
                        sb.append(Double.isNaN(r) ? "    (round-off)" : String.format(Locale.ROOT, "    %.3e", r));
                    }
                    sb.append(System.lineSeparator());
                }
            }
            return sb.toString();
        }

        private static String slope(double s) {
            return Double.isNaN(s) ? "not fittable (round-off)" : String.format(Locale.ROOT, "%.2f", s);
        }
    }

    /**
     * Tests the gradient {@code grad} (named {@code name}) of the model's mean batch loss at theta
     * along {@code directions} seeded random unit directions (the {@link DirectionalCheck}'s).
     */
    public static Report run(Mlp model, float[] theta, Batch batch, String name, float[] grad, int directions,
                             long seed) {
        int p = model.parameterCount();
        if (theta.length != p || grad.length != p) {
            throw new IllegalArgumentException("theta and gradient must have " + p + " entries, got " + theta.length
                    + " and " + grad.length);
        }
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be at least 1, got " + directions);
        }
        ReferenceMlp reference = new ReferenceMlp(model);
        double[] base = ReferenceMlp.toDouble(theta);
        double f0 = reference.loss(base, batch);
        double floor = NOISE_FLOOR_ULPS * Precision.DOUBLE.unitRoundoff() * Math.max(1, Math.abs(f0));
        double[] v = new double[p];
        double[] moved = new double[p];
        List<Direction> rows = new ArrayList<>();
        for (int k = 0; k < directions; k++) {
            DirectionalCheck.unitDirection(seed, k, v);
            double vg = 0;
            for (int i = 0; i < p; i++) {
                vg += v[i] * grad[i];
            }
            double[] eps = new double[POINTS];
            double[] r = new double[POINTS];
            for (int j = 0; j < POINTS; j++) {
                eps[j] = Math.scalb(FIRST_EPSILON, -j);
                for (int i = 0; i < p; i++) {
                    moved[i] = base[i] + eps[j] * v[i];
                }
                double residual = Math.abs(reference.loss(moved, batch) - f0 - eps[j] * vg);
                r[j] = residual > floor ? residual : Double.NaN;
            }
            rows.add(new Direction(k, vg, eps, r, slope(eps, r)));
        }
        return new Report(name, p, f0, rows);
    }

    /** Runs the estimator at theta and tests its gradient. */
    public static Report run(Mlp model, float[] theta, Batch batch, GradientEstimator estimator, int directions,
                             long seed) {
        float[] g = new float[model.parameterCount()];
        estimator.gradient(theta, batch, g);
        return run(model, theta, batch, estimator.name(), g, directions, seed);
    }

    /** Least-squares slope of log r on log ε over the points with a residual; NaN below three points. */
    static double slope(double[] eps, double[] r) {
        double[] x = new double[eps.length];
        double[] y = new double[eps.length];
        int n = 0;
        for (int j = 0; j < eps.length; j++) {
            if (!Double.isNaN(r[j])) {
                x[n] = Math.log(eps[j]);
                y[n] = Math.log(r[j]);
                n++;
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double mx = Arrays.stream(x, 0, n).average().orElseThrow();
        double my = Arrays.stream(y, 0, n).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int j = 0; j < n; j++) {
            sxy += (x[j] - mx) * (y[j] - my);
            sxx += (x[j] - mx) * (x[j] - mx);
        }
        return sxy / sxx;
    }
}
