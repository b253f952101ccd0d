package io.fdbench.engine.numerics;

import io.fdbench.engine.grad.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a sweep: its curves, all their rows (curve by curve, largest h first) and one
 * summary per curve.
 */
public record SweepResult(List<ErrorCurve> curves, List<SweepRow> rows, List<CurveSummary> summaries) {

    public SweepResult {
        curves = List.copyOf(curves);
        rows = List.copyOf(rows);
        summaries = List.copyOf(summaries);
    }

    /** Rows and summaries of the given curves. */
    public static SweepResult of(List<ErrorCurve> curves) {
        List<SweepRow> rows = new ArrayList<>();
        List<CurveSummary> summaries = new ArrayList<>();
        for (ErrorCurve curve : curves) {
            rows.addAll(curve.rows());
            summaries.add(curve.summarize());
        }
        return new SweepResult(curves, rows, summaries);
    }

    /** The curve with the given target, precision, estimator and evaluation, if any. */
    public Optional<ErrorCurve> curve(String target, Precision precision, String estimator,
            String evaluation) {
        return curves.stream()
                .filter(c -> c.target().equals(target) && c.precision() == precision
                        && c.estimator().equals(estimator) && c.evaluation().equals(evaluation))
                .findFirst();
    }

    /** The summary with the given target, precision, estimator and evaluation, if any. */
    public Optional<CurveSummary> summary(String target, Precision precision,
            String estimator, String evaluation) {
        return summaries.stream()
                .filter(s -> s.target().equals(target) && s.precision() == precision
                        && s.estimator().equals(estimator) && s.evaluation().equals(evaluation))
                .findFirst();
    }
}
