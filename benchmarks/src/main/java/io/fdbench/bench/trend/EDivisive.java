package io.fdbench.bench.trend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Change points of a performance series by E-divisive means (Matteson and James, "A
 * nonparametric approach for multiple change point analysis of multivariate data", JASA 2014),
 * the method MongoDB and Apache Otava (formerly Hunter) run on their benchmark histories (Daly
 * et al., ICPE 2020; Fleming et al., arXiv 2301.03034).
 *
 * <p>For a segment {@code X} of n points, a split {@code τ} and an end {@code κ ≤ n}, with
 * {@code A = X[0, τ)} (m points) and {@code B = X[τ, κ)} (k points), the divergence is the energy
 * distance
 * <pre>
 *   ê(A, B)  = 2/(mk) Σ|a − b| − 1/C(m,2) Σ_{i&lt;j}|a_i − a_j| − 1/C(k,2) Σ_{i&lt;j}|b_i − b_j|
 *   Q(τ, κ)  = mk/(m + k) · ê(A, B)
 * </pre>
 * (exponent α = 1; no assumption about the noise distribution). The best split is the {@code τ}
 * of the largest {@code Q} over all {@code (τ, κ)}; searching {@code κ} too (as Matteson and James
 * do, where MongoDB's variant fixes {@code κ = n}) lets an excursion that returns to the old level
 * stand out. Its significance is a permutation test: the segment is shuffled {@code permutations}
 * times (seeded), each shuffle's largest {@code Q} is computed, and the p-value is
 * {@code (1 + #shuffles reaching the observed Q) / (1 + permutations)}. A split with p-value
 * {@code ≤ significance} is kept and both halves are searched again (recursive bisection); a
 * segment whose best split is not significant is left whole. All {@code Q(τ, κ)} of a segment of
 * n points come from one pass over its pairs (column prefix sums, n²/2 doubles of workspace) and
 * O(1) per pair, so O(n²) for the observed order and for each shuffle; a test stops shuffling as
 * soon as the split can no longer be significant, so noise costs few shuffles. Only a
 * significant split pays for all of them (a few hundred points: well under a second).
 *
 * <p>Each segment's shuffles are seeded from {@code seed} and the segment's bounds, so the
 * result depends only on the series and the parameters, not on the order segments are searched.
 *
 * <p>Defaults ({@link #defaults()}):
 * <ul>
 *   <li>significance 0.001: a trend report runs the test over every benchmark series, tens to
 *       hundreds of them; at 0.05 several series would show a shift that is pure noise on every
 *       report. 0.001 is also Otava's default p-value threshold.</li>
 *   <li>1999 permutations: the smallest p-value a permutation test can give is
 *       {@code 1/(permutations + 1)}, so a significance of 0.001 needs at least 999; 1999 leaves
 *       room for one shuffle to tie or beat the observed split of a real shift by chance.</li>
 *   <li>minimum segment 5 points: a burst of one to four slow runs (a busy machine, a GC storm)
 *       is not called a shift; a real shift is called once five runs on the new level exist. The
 *       statistic needs at least 2 points per side in any case.</li>
 *   <li>seed 20140301 (fixed, so a report repeats exactly).</li>
 * </ul>
 */
public final class EDivisive {

    /** Significance of {@link #defaults()}; see the class comment. */
    public static final double DEFAULT_SIGNIFICANCE = 0.001;
    /** Permutations of {@link #defaults()}. */
    public static final int DEFAULT_PERMUTATIONS = 1999;
    /** Seed of {@link #defaults()}. */
    public static final long DEFAULT_SEED = 20140301L;
    /** Minimum segment length of {@link #defaults()}. */
    public static final int DEFAULT_MIN_SEGMENT = 5;

    /** Longest series {@link #detect} accepts: its workspace is n²/2 doubles (100 MB at 5000). */
    public static final int MAX_POINTS = 5000;

    private final double significance;
    private final int permutations;
    private final long seed;
    private final int minSegment;

    /**
     * @param significance largest p-value at which a split is kept, in (0, 1)
     * @param permutations shuffles per significance test, at least {@code 1/significance - 1}
     * @param seed         seed of the shuffles
     * @param minSegment   fewest points on either side of a split, at least 2
     */
    public EDivisive(double significance, int permutations, long seed, int minSegment) {
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1), got " + significance);
        }
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        if (1.0 / (permutations + 1.0) > significance) {
            throw new IllegalArgumentException("permutations must be at least " + (long) Math.ceil(1 / significance - 1)
                    + " for significance " + significance + " (the smallest p-value is 1/(permutations + 1)), got " + permutations);
        }
        if (minSegment < 2) {
            throw new IllegalArgumentException("minSegment must be at least 2, got " + minSegment);
        }
        this.significance = significance;
        this.permutations = permutations;
        this.seed = seed;
        this.minSegment = minSegment;
    }

    /** Significance 0.001, 1999 permutations, seed 20140301, minimum segment 5 (see the class comment). */
    public static EDivisive defaults() {
        return new EDivisive(DEFAULT_SIGNIFICANCE, DEFAULT_PERMUTATIONS, DEFAULT_SEED, DEFAULT_MIN_SEGMENT);
    }

    public double significance() {
        return significance;
    }

    public int permutations() {
        return permutations;
    }

    public long seed() {
        return seed;
    }

    public int minSegment() {
        return minSegment;
    }

    /**
     * The change points of {@code series} in increasing index order; empty when no split is
     * significant or the series is shorter than two minimum segments. Each point's means are those
     * of its neighbouring segments in the final segmentation.
     *
     * @throws IllegalArgumentException if a value is NaN or infinite (naming its index), or the
     *                                  series is longer than {@link #MAX_POINTS}
     */
    public List<ChangePoint> detect(double[] series) {
        if (series.length > MAX_POINTS) {
            throw new IllegalArgumentException("series has " + series.length + " points; at most " + MAX_POINTS
                    + " (the O(n²) workspace and time per shuffle)");
        }
        for (int i = 0; i < series.length; i++) {
            if (!Double.isFinite(series[i])) {
                throw new IllegalArgumentException("series value " + i + " is " + series[i]);
            }
        }
        double[] x = series.clone();
        List<Split> splits = new ArrayList<>();
        bisect(x, 0, x.length, splits);
        splits.sort((a, b) -> Integer.compare(a.index, b.index));
        List<ChangePoint> points = new ArrayList<>(splits.size());
        for (int s = 0; s < splits.size(); s++) {
            int from = s == 0 ? 0 : splits.get(s - 1).index;
            int at = splits.get(s).index;
            int to = s + 1 < splits.size() ? splits.get(s + 1).index : x.length;
            points.add(new ChangePoint(at, mean(x, from, at), mean(x, at, to), splits.get(s).pValue));
        }
        return List.copyOf(points);
    }

    private record Split(int index, double pValue) {
    }

    private void bisect(double[] x, int from, int to, List<Split> out) {
        int n = to - from;
        if (n < 2 * minSegment) {
            return;
        }
        double[] segment = Arrays.copyOfRange(x, from, to);
        Workspace w = new Workspace(n);
        int best = bestSplit(segment, w);
        double observed = w.bestQ;
        if (!(observed > 0)) {
            return;
        }
        double p = pValue(segment, observed, w, shuffleSeed(from, to));
        if (p <= significance) {
            int at = from + best;
            out.add(new Split(at, p));
            bisect(x, from, at, out);
            bisect(x, at, to, out);
        }
    }

    /** Permutation p-value of {@code observed}; stops once it exceeds the significance. */
    private double pValue(double[] segment, double observed, Workspace w, long shuffleSeed) {
        SplittableRandom random = new SplittableRandom(shuffleSeed);
        double[] shuffled = segment.clone();
        // Ties within rounding of the observed statistic count as reaching it.
        double threshold = observed * (1 - 1e-12);
        int atLeast = 0;
        for (int r = 0; r < permutations; r++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            bestSplit(shuffled, w);
            if (w.bestQ >= threshold) {
                atLeast++;
                if ((atLeast + 1.0) / (permutations + 1.0) > significance) {
                    return (atLeast + 1.0) / (r + 2.0); // p cannot reach the significance any more
                }
            }
        }
        return (atLeast + 1.0) / (permutations + 1.0);
    }

    private long shuffleSeed(int from, int to) {
        long h = seed ^ 0x9E3779B97F4A7C15L * (from + 1L) ^ 0xC2B2AE3D27D4EB4FL * (to + 1L);
        return new SplittableRandom(h).nextLong();
    }

    /**
     * Column prefix sums of the distances within a segment of n points, row-major triangular:
     * {@code column[offset(j) + i] = Σ_{i' < i} |x_i' − x_j|} for {@code 0 ≤ i ≤ j}.
     */
    private static final class Workspace {
        final double[] column;
        double bestQ;

        Workspace(int n) {
            column = new double[n * (n + 1) / 2];
        }

        static int offset(int j) {
            return j * (j + 1) / 2;
        }
    }

    /**
     * The split {@code τ} with the largest {@code Q(τ, κ)} over both the split and the end
     * {@code κ} of the region after it ({@code A = X[0, τ)}, {@code B = X[τ, κ)}, both at least
     * {@code minSegment} long, as in Matteson and James); sets {@code w.bestQ}. Searching the end
     * lets a short excursion (up, then back) stand out against the rest of the segment. O(n²):
     * one pass over the pairs builds the column sums, then O(1) per (τ, κ).
     */
    private int bestSplit(double[] x, Workspace w) {
        int n = x.length;
        double[] column = w.column;
        for (int j = 0; j < n; j++) {
            int o = Workspace.offset(j);
            double xj = x[j];
            double sum = 0;
            column[o] = 0;
            for (int i = 0; i < j; i++) {
                sum += Math.abs(x[i] - xj);
                column[o + i + 1] = sum;
            }
        }
        double bestQ = Double.NEGATIVE_INFINITY;
        int best = -1;
        double withinA = 0; // Σ_{i<j<τ} |x_i − x_j|
        for (int tau = 1; tau <= n - minSegment; tau++) {
            withinA += column[Workspace.offset(tau - 1) + tau - 1];
            if (tau < minSegment) {
                continue;
            }
            double m = tau;
            double withinAMean = withinA / (m * (m - 1) / 2);
            double cross = 0;   // Σ_{i<τ≤j<κ} |x_i − x_j|
            double withinB = 0; // Σ_{τ≤i<j<κ} |x_i − x_j|
            for (int kappa = tau + 1; kappa <= n; kappa++) {
                int o = Workspace.offset(kappa - 1);
                double beforeTau = column[o + tau];
                cross += beforeTau;
                withinB += column[o + kappa - 1] - beforeTau;
                int k = kappa - tau;
                if (k < minSegment) {
                    continue;
                }
                double e = 2 * cross / (m * k) - withinAMean - withinB / (k * (k - 1) / 2.0);
                double q = m * k / (m + k) * e;
                if (q > bestQ) {
                    bestQ = q;
                    best = tau;
                }
            }
        }
        w.bestQ = bestQ;
        return best;
    }

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }
}
