package io.fdbench.engine.grad;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import io.fdbench.engine.nn.ParameterBlock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Compares two gradients of one model: the relative error ‖a − b‖ / (‖a‖ + ‖b‖) overall and per
 * named parameter block, the worst entries, and PASS/FAIL against a tolerance. The default pair is
 * backprop in float against central differences on the double reference.
 */
public final class GradientCheck {

    /** Default PASS threshold on the overall relative error. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    private GradientCheck() {
    }

    /** One block's agreement. */
    public record BlockError(String block, int compared, double relativeError) {
    }

    /** One entry of the comparison, for the worst-entries list. */
    public record Entry(int index, String block, double a, double b, double absoluteError) {
    }

    /** The full report. */
    public record Report(String nameA, String nameB, int compared, double relativeError,
                         List<BlockError> blocks, List<Entry> worst, double tolerance) {

        public boolean passed() {
            return relativeError < tolerance;
        }

        /** A human-readable report, one fact per line. */
        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "gradient check: %s vs %s over %d parameters%n", nameA, nameB, compared));
            sb.append(String.format(Locale.ROOT, "relative error %.3e (tolerance %.1e): %s%n", relativeError, tolerance,
                    passed() ? "PASS" : "FAIL"));
            for (BlockError b : blocks) {
                sb.append(String.format(Locale.ROOT, "  %-4s %8d  %.3e%n", b.block(), b.compared(), b.relativeError()));
            }
            sb.append("worst entries (index, block, ").append(nameA).append(", ").append(nameB).append(", |diff|):")
                    .append(System.lineSeparator());
            for (Entry e : worst) {
                sb.append(String.format(Locale.ROOT, "  %8d %-4s % .6e % .6e %.3e%n", e.index(), e.block(), e.a(), e.b(),
                        e.absoluteError()));
            }
            return sb.toString();
        }
    }

    /**
     * Compares gradients a and b over the given indices (all when null).
     *
     * @param worstCount how many of the largest absolute differences to list
     */
    public static Report compare(Mlp model, String nameA, float[] a, String nameB, float[] b, int[] subset,
                                 double tolerance, int worstCount) {
        if (a.length != model.parameterCount() || b.length != model.parameterCount()) {
            throw new IllegalArgumentException("gradients must have " + model.parameterCount() + " entries, got "
                    + a.length + " and " + b.length);
        }
        List<ParameterBlock> blocks = model.blocks();
        double[] diff2 = new double[blocks.size()];
        double[] a2 = new double[blocks.size()];
        double[] b2 = new double[blocks.size()];
        int[] counts = new int[blocks.size()];
        List<Entry> entries = new ArrayList<>();
        int compared = subset == null ? a.length : subset.length;
        for (int p = 0; p < compared; p++) {
            int i = subset == null ? p : subset[p];
            ParameterBlock block = model.blockOf(i);
            int k = blocks.indexOf(block);
            double d = (double) a[i] - b[i];
            diff2[k] += d * d;
            a2[k] += (double) a[i] * a[i];
            b2[k] += (double) b[i] * b[i];
            counts[k]++;
            entries.add(new Entry(i, block.name(), a[i], b[i], Math.abs(d)));
        }
        List<BlockError> perBlock = new ArrayList<>();
        double d2 = 0;
        double sa = 0;
        double sb = 0;
        for (int k = 0; k < blocks.size(); k++) {
            if (counts[k] == 0) {
                continue;
            }
            perBlock.add(new BlockError(blocks.get(k).name(), counts[k], relative(diff2[k], a2[k], b2[k])));
            d2 += diff2[k];
            sa += a2[k];
            sb += b2[k];
        }
        entries.sort(Comparator.comparingDouble(Entry::absoluteError).reversed());
        List<Entry> worst = List.copyOf(entries.subList(0, Math.min(worstCount, entries.size())));
        return new Report(nameA, nameB, compared, relative(d2, sa, sb), List.copyOf(perBlock), worst, tolerance);
    }

    /**
     * Runs two estimators at the same theta and batch over the given indices (all when null) and
     * compares them there.
     */
    public static Report run(Mlp model, float[] theta, Batch batch, GradientEstimator a, GradientEstimator b,
                             int[] subset, double tolerance, int worstCount) {
        float[] ga = new float[model.parameterCount()];
        float[] gb = new float[model.parameterCount()];
        a.gradient(theta, batch, ga, subset);
        b.gradient(theta, batch, gb, subset);
        return compare(model, a.name(), ga, b.name(), gb, subset, tolerance, worstCount);
    }

    /** The default check: float backprop against central differences on the double reference (h = 1e-5). */
    public static Report backpropAgainstReference(Mlp model, float[] theta, Batch batch, int[] subset) {
        FiniteDifferenceConfig c = FiniteDifferenceConfig.of(Scheme.CENTRAL, Evaluation.INCREMENTAL, Precision.DOUBLE)
                .withParameterWorkers(Runtime.getRuntime().availableProcessors());
        try (BackpropEstimator bp = new BackpropEstimator(model, batch.size());
             FiniteDifference fd = new FiniteDifference(model, batch.size(), c)) {
            return run(model, theta, batch, bp, fd, subset, DEFAULT_TOLERANCE, 10);
        }
    }

    private static double relative(double diff2, double a2, double b2) {
        double denom = Math.sqrt(a2) + Math.sqrt(b2);
        return denom == 0 ? 0 : Math.sqrt(diff2) / denom;
    }
}
