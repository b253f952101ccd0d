package io.fdbench.bench.compare;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.compare.Comparison.Line;
import io.fdbench.bench.compare.Comparison.Result;
import io.fdbench.bench.compare.Comparison.Verdict;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code compare --format markdown}: the comparison as GitHub-flavoured Markdown for a
 * pull-request comment. The verdict first (regressions gated as in the text output), then per
 * file a table of the rows that did not stay the same, and every row folded away in a
 * {@code <details>} block. Same verdicts, same exit code as the text output.
 */
final class MarkdownOutput {

    /** What one compared pair of files shows. */
    record Compared(Path baseline, Path current, Result result, List<String> differences, boolean envMissing,
                    Map<Line, Line> rerunOf) {
        boolean mismatched() {
            return !differences.isEmpty();
        }
    }

    private static final String[] HEADER = {"Benchmark", "Params", "Mode", "Baseline", "New", "Unit", "Change", "Verdict"};
    /** Right-aligned columns (the numbers). */
    private static final Set<Integer> RIGHT = Set.of(3, 4, 6);

    private MarkdownOutput() {
    }

    /** Prints the comment; returns the exit code ({@link Exit#FAILURE} on a gated regression with {@code failOnRegression}). */
    static int print(List<Compared> pairs, List<String> onlyInBaseline, List<String> onlyInNew, List<String> notJmh,
                     double threshold, boolean gateAll, boolean failOnRegression, PrintStream out) {
        long regressions = 0;
        long ungated = 0;
        long unestimated = 0;
        Set<String> differences = new LinkedHashSet<>();
        List<String> mismatchedFiles = new ArrayList<>();
        List<String> withoutEnv = new ArrayList<>();
        for (Compared c : pairs) {
            long r = c.result().count(Verdict.REGRESSION);
            boolean gated = gateAll || !c.mismatched();
            regressions += gated ? r : 0;
            ungated += gated ? 0 : r;
            unestimated += c.result().count(Verdict.CHANGED_NO_ERROR);
            differences.addAll(c.differences());
            if (c.mismatched()) {
                mismatchedFiles.add(name(c.current()));
            }
            if (c.envMissing()) {
                withoutEnv.add(name(c.current()));
            }
        }
        String pct = String.format(Locale.ROOT, "%.1f %%", threshold * 100);
        out.println("### fdbench compare");
        out.println();
        out.println(regressions == 0
                ? ":white_check_mark: **No regression** beyond " + pct + " with disjoint 99.9 % intervals"
                : ":x: **" + regressions + " regression" + (regressions == 1 ? "" : "s") + "** beyond " + pct
                        + " with disjoint 99.9 % intervals");
        if (ungated > 0) {
            out.println();
            out.println(ungated + " more between sides that did not run alike, not gated.");
        }
        if (!differences.isEmpty()) {
            out.println();
            out.println("> **Warning:** the two sides did not run alike (" + escape(String.join("; ", differences))
                    + ") in " + code(mismatchedFiles) + ": their scores are not comparable"
                    + (gateAll ? "; gated anyway." : ", so they do not fail the gate."));
        }
        if (!withoutEnv.isEmpty()) {
            out.println();
            out.println("> Note: no env file on one or both sides of " + code(withoutEnv)
                    + ": cannot tell whether they ran alike.");
        }
        if (unestimated > 0) {
            out.println();
            out.println(unestimated + " row(s) changed beyond " + pct + " without an error estimate (fewer than "
                    + Measurement.MIN_SAMPLES_FOR_ERROR + " samples): not judged; re-run them with the full profile.");
        }
        for (Compared c : pairs) {
            out.println();
            out.println("#### " + code(List.of(name(c.current()))));
            out.println();
            out.println("`" + escape(c.baseline().toString()) + "` → `" + escape(c.current().toString()) + "`"
                    + (gateAll || !c.mismatched() ? "" : " (sides differ: not gated)"));
            List<Line> moved = c.result().lines().stream().filter(l -> l.verdict() != Verdict.SAME).toList();
            if (!moved.isEmpty()) {
                out.println();
                table(moved, c.rerunOf(), out);
            }
            out.println();
            List<String> counts = new ArrayList<>();
            for (Verdict v : Verdict.values()) {
                long n = c.result().count(v);
                if (n > 0 || v == Verdict.REGRESSION) {
                    counts.add(n + " " + v.counted());
                }
            }
            out.println(String.join(", ", counts));
            if (!c.result().lines().isEmpty() && moved.size() < c.result().lines().size()) {
                out.println();
                out.println("<details><summary>All " + c.result().lines().size() + " rows</summary>");
                out.println();
                table(c.result().lines(), c.rerunOf(), out);
                out.println();
                out.println("</details>");
            }
            list(c.result().onlyInBaseline(), "Rows only in the baseline", out);
            list(c.result().onlyInNew(), "Rows only in the new file", out);
            list(c.result().ambiguous(), "Rows not compared, several rows match", out);
        }
        list(onlyInBaseline, "Files only in the baseline", out);
        list(onlyInNew, "Files only in the new folder", out);
        list(notJmh, "Files not compared, not JMH results", out);
        return regressions > 0 && failOnRegression ? Exit.FAILURE : Exit.OK;
    }

    private static void table(List<Line> lines, Map<Line, Line> rerunOf, PrintStream out) {
        out.println("| " + String.join(" | ", HEADER) + " |");
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < HEADER.length; i++) {
            rule.append(RIGHT.contains(i) ? " --: |" : " :-- |");
        }
        out.println(rule);
        for (Line l : lines) {
            Measurement b = l.baseline();
            Measurement c = l.current();
            String verdict = CompareCommand.verdict(l, rerunOf.get(l));
            String[] cells = {"`" + CompareCommand.shortName(c.benchmark()) + "`", c.params(), c.mode(),
                    CompareCommand.interval(b), CompareCommand.interval(c), c.unit(),
                    Double.isNaN(l.change()) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", l.change() * 100),
                    l.verdict() == Verdict.REGRESSION ? "**" + verdict + "**" : verdict};
            StringBuilder row = new StringBuilder("|");
            for (String cell : cells) {
                row.append(' ').append(escape(cell)).append(" |");
            }
            out.println(row);
        }
    }

    private static void list(List<String> items, String what, PrintStream out) {
        if (items.isEmpty()) {
            return;
        }
        out.println();
        out.println("<details><summary>" + what + ": " + items.size() + "</summary>");
        out.println();
        items.forEach(i -> out.println("- " + escape(i)));
        out.println();
        out.println("</details>");
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static String code(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + escape(n) + "`").toList());
    }

    /** A table cell or line: no pipe that would end the cell, no HTML, one line. */
    static String escape(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\r", " ").replace("\n", " ");
    }
}
