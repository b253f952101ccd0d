package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.reference.ReferenceMlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fast gradient check (PyTorch's {@code gradcheck(fast_mode=True)} does the same): for k
 * seeded random unit directions v, the directional derivative vᵀg of the gradient under test
 * against the central difference (f(θ + h·v) − f(θ − h·v)) / 2h of the double reference network.
 * Two loss evaluations per direction whatever the parameter count, against the per-parameter
 * check's 2P.
 *
 * <p>The verdict is the relative error ‖a − b‖ / (‖a‖ + ‖b‖) of the k directional derivatives (a
 * from the gradient, b from the differences), so one direction nearly orthogonal to the gradient
 * cannot fail a good gradient alone. The differences are in double with h = 1e-5 along a unit v
 * (the per-parameter check's default central step): truncation O(h²·f‴) and round-off O(u/h)
 * both near 1e-10 of a loss of order 1, far below the tolerance (default 1e-4, as the
 * per-parameter check). A direction is N(0, 1) components ({@link RandomDirections}, stream of
 * call −1, so no gradient call of an estimator with the same seed shares it) normalised in double.
 */
public final class DirectionalCheck {

    /** Directions when none is given. */
    public static final int DEFAULT_DIRECTIONS = 4;
    /** The central difference's step along a unit direction, in double. */
    public static final double DEFAULT_STEP = 1e-5;

    private DirectionalCheck() {
    }

    /** One direction: vᵀg of the gradient under test and the double central difference. */
    public record Direction(int index, double fromGradient, double difference) {
    }

    /** The check's result. */
    public record Report(String name, int parameters, double step, List<Direction> directions, double relativeError,
                         double tolerance) {

        public Report {
            directions = List.copyOf(directions);
        }

        public boolean passed() {
            return relativeError < tolerance;
        }

        /** Loss evaluations the check made: two per direction, in double. */
        public int lossEvaluations() {
            return 2 * directions.size();
        }

        /** One fact per line. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "directional check: vᵀg of %s vs central differences in double"
                    + " (h = %.0e) along %d random unit directions, %d loss evaluations for %d parameters%n",
                    name, step, directions.size(), lossEvaluations(), parameters));
            sb.append(String.format(Locale.ROOT, "relative error %.3e (tolerance %.1e): %s%n", relativeError,
                    tolerance, passed() ? "PASS" : "FAIL"));
            sb.append("direction, vᵀg (").append(name).append("), (f(θ+hv) − f(θ−hv))/2h, |diff|:")
                    .append(System.lineSeparator());
            for (Direction d : directions) {
                sb.append(String.format(Locale.ROOT, "  %4d % .9e % .9e %.3e%n", d.index(), d.fromGradient(),
                        d.difference(), Math.abs(d.fromGradient() - d.difference())));
            }
            return sb.toString();
        }
    }

    /**
     * Checks the gradient {@code grad} (named {@code name}) of the model's mean batch loss at theta.
     *
     * @param directions k ≥ 1 random unit directions
     * @param seed       their seed
     * @param step       h &gt; 0 of the central difference along each direction
     * @param tolerance  PASS below this relative error
     */
    public static Report run(Mlp model, float[] theta, Batch batch, String name, float[] grad, int directions,
                             long seed, double step, double tolerance) {
        int p = model.parameterCount();
        if (theta.length != p || grad.length != p) {
            throw new IllegalArgumentException("theta and gradient must have " + p + " entries, got " + theta.length
                    + " and " + grad.length);
        }
        if (directions < 1) {
            throw new IllegalArgumentException("directions must be at least 1, got " + directions);
        }
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("step h must be positive and finite, got " + step);
        }
        ReferenceMlp reference = new ReferenceMlp(model);
        double[] base = ReferenceMlp.toDouble(theta);
        double[] v = new double[p];
        double[] moved = new double[p];
        List<Direction> rows = new ArrayList<>();
        double d2 = 0;
        double a2 = 0;
        double b2 = 0;
        for (int k = 0; k < directions; k++) {
            unitDirection(seed, k, v);
            double a = 0;
            for (int i = 0; i < p; i++) {
                a += v[i] * grad[i];
            }
            for (int i = 0; i < p; i++) {
                moved[i] = base[i] + step * v[i];
            }
            double up = reference.loss(moved, batch);
            for (int i = 0; i < p; i++) {
                moved[i] = base[i] - step * v[i];
            }
            double down = reference.loss(moved, batch);
            double b = (up - down) / (2 * step);
            rows.add(new Direction(k, a, b));
            d2 += (a - b) * (a - b);
            a2 += a * a;
            b2 += b * b;
        }
        double denom = Math.sqrt(a2) + Math.sqrt(b2);
        double relative = denom == 0 ? 0 : Math.sqrt(d2) / denom;
        return new Report(name, p, step, rows, relative, tolerance);
    }

    /** Runs the estimator at theta and checks its gradient. */
    public static Report run(Mlp model, float[] theta, Batch batch, GradientEstimator estimator, int directions,
                             long seed, double step, double tolerance) {
        float[] g = new float[model.parameterCount()];
        estimator.gradient(theta, batch, g);
        return run(model, theta, batch, estimator.name(), g, directions, seed, step, tolerance);
    }

    /** v = direction k of the checks' seed, N(0, 1) components normalised to ‖v‖ = 1 in double. */
    static void unitDirection(long seed, int k, double[] v) {
        long stream = RandomDirections.stream(seed, -1, k);
        double norm2 = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = RandomDirections.component(RandomDirections.Distribution.GAUSSIAN, stream, i);
            norm2 += v[i] * v[i];
        }
        double inv = 1 / Math.sqrt(norm2);
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}
