package io.fdbench.engine.numerics;

import java.util.List;
import java.util.Locale;

/**
 * CSV text (header line, then one line per record, '\n' line ends) for sweep rows and curve
 * summaries. Numbers use {@link Locale#ROOT}: '.' decimal point, steps and errors as %.6e,
 * orders as %.4f, NaN as "NaN". Text fields are quoted only if they contain a comma, quote or
 * line break.
 */
public final class SweepCsv {

    public static final String ROW_HEADER = "target,precision,estimator,evaluation,h,abs_error,rel_error";
    public static final String SUMMARY_HEADER = "target,precision,estimator,evaluation,expected_order,"
            + "fitted_order,fit_points,fit_min_h,fit_max_h,best_h,best_error,theoretical_best_h,order_note";

    private SweepCsv() {
    }

    public static String rows(List<SweepRow> rows) {
        StringBuilder out = new StringBuilder(ROW_HEADER).append('\n');
        for (SweepRow r : rows) {
            out.append(line(r)).append('\n');
        }
        return out.toString();
    }

    public static String summaries(List<CurveSummary> summaries) {
        StringBuilder out = new StringBuilder(SUMMARY_HEADER).append('\n');
        for (CurveSummary s : summaries) {
            out.append(line(s)).append('\n');
        }
        return out.toString();
    }

    /** One CSV line (no line end) for a row. */
    public static String line(SweepRow r) {
        return String.join(",", text(r.target()), r.precision().label(), text(r.estimator()), text(r.evaluation()),
                sci(r.h()), sci(r.absError()), sci(r.relError()));
    }

    /** One CSV line (no line end) for a summary. */
    public static String line(CurveSummary s) {
        return String.join(",", text(s.target()), s.precision().label(), text(s.estimator()), text(s.evaluation()),
                Integer.toString(s.expectedOrder()), fixed(s.fittedOrder()), Integer.toString(s.fitPoints()),
                sci(s.fitMinH()), sci(s.fitMaxH()), sci(s.bestH()), sci(s.bestError()), sci(s.theoreticalBestH()),
                text(s.orderNote()));
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.6e", v);
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String text(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
