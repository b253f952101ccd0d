package io.fdbench.bench.accuracy;

import io.fdbench.bench.workload.Workload;
import io.fdbench.engine.grad.EstimatorKind;
import io.fdbench.engine.grad.EstimatorOption;
import io.fdbench.engine.grad.EstimatorOptions;
import io.fdbench.engine.grad.Estimators;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.ParameterSample;
import io.fdbench.engine.reference.ReferenceMlp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntConsumer;

/**
 * How close every registered estimator's gradient comes to the double-precision backprop gradient
 * of the reference network, on one model and batch, and what it spent: relative error
 * ‖ĝ − g‖₂ / ‖g‖₂ and cosine similarity, with the loss evaluations counted by the estimator.
 *
 * <p>Stochastic estimators (those that read {@link EstimatorOption#DIRECTIONS}) are run for every q
 * of the grid and every seed of {@link Settings#seeds()}; a row gives the mean, smallest and largest
 * error over the seeds. Deterministic ones give one row. An estimator that honours a parameter
 * subset (the finite differences) is compared on a stratified sample of the parameters when the
 * model has more than {@link Settings#sample()} of them, the others on every parameter; the
 * {@code compared} column says which.
 */
public final class AccuracyStudy {

    /** What to run. */
    public record Settings(String model, int batch, List<Integer> directions, int seeds, int sample) {
        public Settings {
            directions = List.copyOf(directions);
            if (batch < 1 || seeds < 1 || sample < 1 || directions.isEmpty()) {
                throw new IllegalArgumentException("batch, seeds, sample and the directions must be positive");
            }
            for (int q : directions) {
                if (q < 1) {
                    throw new IllegalArgumentException("directions must be at least 1, got " + q);
                }
            }
        }
    }

    /** One estimator (at one q) against the reference gradient. */
    public record Row(String estimator, String settings, int directions, int seeds, int compared,
                      double evaluations, double relErrorMean, double relErrorMin, double relErrorMax,
                      double cosineMean, double cosineMin, double cosineMax, long workspaceBytes) {

        /** Whether it is a stochastic estimator's row (a q of its own). */
        public boolean stochastic() {
            return directions > 0;
        }
    }

    public static final List<String> HEADER = List.of("estimator", "settings", "directions", "seeds", "compared",
            "loss_evaluations", "rel_error_mean", "rel_error_min", "rel_error_max", "cosine_mean", "cosine_min",
            "cosine_max", "workspace_bytes");

    private AccuracyStudy() {
    }

    /** The number of gradients {@link #run} computes, for progress. */
    public static long gradients(Settings s) {
        long n = 0;
        for (EstimatorKind k : Estimators.all()) {
            n += k.reads(EstimatorOption.DIRECTIONS) ? (long) s.directions().size() * s.seeds() : 1;
        }
        return n;
    }

    /**
     * Runs every registered estimator; {@code progress} hears of each gradient as it finishes.
     */
    public static List<Row> run(Settings s, IntConsumer progress) {
        Workload w = Workload.of(s.model(), s.batch());
        int p = w.model().parameterCount();
        double[] truth = new ReferenceMlp(w.model()).gradient(ReferenceMlp.toDouble(w.theta()), w.batch());
        int[] sample = p > s.sample() ? ParameterSample.stratified(w.model(), s.sample(), Workload.SEED) : null;
        List<Row> rows = new ArrayList<>();
        for (EstimatorKind kind : Estimators.all()) {
            boolean stochastic = kind.reads(EstimatorOption.DIRECTIONS);
            List<Integer> qs = stochastic ? s.directions() : List.of(0);
            for (int q : qs) {
                EstimatorOptions o = EstimatorOptions.defaults();
                if (stochastic) {
                    o = o.withDirections(q);
                }
                int seeds = stochastic ? s.seeds() : 1;
                double[] rel = new double[seeds];
                double[] cos = new double[seeds];
                long evaluations = 0;
                int compared = p;
                for (int seed = 0; seed < seeds; seed++) {
                    EstimatorOptions so = stochastic ? o.withDirectionSeed(Workload.SEED + seed) : o;
                    float[] g = new float[p];
                    Arrays.fill(g, Float.NaN);
                    try (GradientEstimator e = kind.create(w.model(), s.batch(), so)) {
                        e.gradient(w.theta(), w.batch(), g, sample);
                        evaluations += e.lossEvaluations();
                    }
                    int[] over = honoured(g, sample) ? sample : null;
                    compared = over == null ? p : over.length;
                    rel[seed] = relativeError(g, truth, over);
                    cos[seed] = cosine(g, truth, over);
                    progress.accept(1);
                }
                long bytes = kind.footprint().bytes(w.model().sizes(), s.batch(), kind.resolve(o));
                rows.add(new Row(kind.name(), settings(kind, o), q, seeds, compared, (double) evaluations / seeds,
                        mean(rel), min(rel), max(rel), mean(cos), min(cos), max(cos), bytes));
            }
        }
        return rows;
    }

    /**
     * Whether the estimator estimated only the sample: the entries outside it are still NaN.
     * Backprop and the direction-based estimators write every entry.
     */
    static boolean honoured(float[] g, int[] sample) {
        if (sample == null) {
            return false;
        }
        int outside = -1;
        for (int i = 0, k = 0; i < g.length; i++) {
            if (k < sample.length && sample[k] == i) {
                k++;
            } else {
                outside = i;
                break;
            }
        }
        return outside >= 0 && Float.isNaN(g[outside]);
    }

    private static String settings(EstimatorKind kind, EstimatorOptions o) {
        StringJoiner j = new StringJoiner(" ");
        for (Map.Entry<String, String> e : kind.settings(o).entrySet()) {
            if (!e.getKey().equals(EstimatorOption.DIRECTION_SEED.flag())) {
                j.add(e.getKey() + "=" + e.getValue());
            }
        }
        return j.toString();
    }

    /** ‖ĝ − g‖₂ / ‖g‖₂ over the indices (all when null), in double. */
    static double relativeError(float[] estimate, double[] truth, int[] over) {
        double diff = 0;
        double norm = 0;
        int n = over == null ? truth.length : over.length;
        for (int k = 0; k < n; k++) {
            int i = over == null ? k : over[k];
            double d = estimate[i] - truth[i];
            diff += d * d;
            norm += truth[i] * truth[i];
        }
        return Math.sqrt(diff / norm);
    }

    /** ĝ·g / (‖ĝ‖ ‖g‖) over the indices (all when null), in double. */
    static double cosine(float[] estimate, double[] truth, int[] over) {
        double dot = 0;
        double ee = 0;
        double tt = 0;
        int n = over == null ? truth.length : over.length;
        for (int k = 0; k < n; k++) {
            int i = over == null ? k : over[k];
            dot += estimate[i] * truth[i];
            ee += (double) estimate[i] * estimate[i];
            tt += truth[i] * truth[i];
        }
        return dot / Math.sqrt(ee * tt);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
