package io.fdbench.bench.suite;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The ratios issue 5 sets targets on, from the rows just measured and a {@code peers.csv} of the
 * NumPy and PyTorch peers (scripts/peers) in the same folder: backprop against NumPy at one BLAS
 * thread, the Fashion-MNIST epoch against each peer at its best thread count, the
 * full-evaluation central difference per parameter against the classic NumPy loop, incremental
 * central differences against backprop, and each two-thread speed-up. A ratio is printed only
 * when both of its rows are there (a partial run prints fewer lines). All float32.
 */
public final class PeerRatios {

    /** The peers' file name in a results folder. */
    public static final String PEERS_FILE = "peers.csv";

    private static final String GRADIENT = "io.fdbench.bench.gradient.GradientCostBenchmark.";
    private static final String FASHION = "io.fdbench.bench.epoch.FashionEpochBenchmark.backprop";
    private static final String MODEL = "784-50-10";

    private PeerRatios() {
    }

    /** Prints the ratios for the families in {@code tables} (by family name), against {@code dir}/peers.csv. */
    public static void print(Map<String, CsvTable> tables, Path dir, PrintStream out) {
        Path file = dir.resolve(PEERS_FILE);
        CsvTable peers = null;
        if (Files.isRegularFile(file)) {
            try {
                peers = io.fdbench.bench.results.JmhCsv.read(file);
            } catch (IOException | RuntimeException e) {
                out.println("note: " + file + " could not be read (" + e.getMessage() + "); peer ratios skipped");
            }
        }
        List<String> lines = lines(tables, peers);
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println("== issue 5 ratios (float32; peers from " + (peers != null ? file
                : "nowhere: no " + file + ", run scripts/peers/run-peers.sh --out " + dir) + ")");
        lines.forEach(out::println);
    }

    /** The ratio lines; {@code peers} may be null (only the engine's own ratios then). */
    static List<String> lines(Map<String, CsvTable> tables, CsvTable peers) {
        List<String> lines = new ArrayList<>();
        CsvTable gradient = tables.get("gradient");
        CsvTable fashion = tables.get("epoch-fashion");
        OptionalDouble backprop = score(gradient, r -> r.benchmark().equals(GRADIENT + "backprop")
                && is(r, "model", MODEL) && is(r, "batch", "100"));
        if (backprop.isPresent() && peers != null) {
            OptionalDouble numpy = score(peers, peer("numpy", "BackpropGradient", "1", null));
            OptionalDouble torch = score(peers, peer("torch", "BackpropGradient", "1", null));
            if (numpy.isPresent()) {
                lines.add(String.format(Locale.ROOT,
                        "1 backprop %s batch 100, 1 thread: %.1f us vs NumPy %.1f us (1 BLAS thread) = %.2fx%s"
                                + "  [target <= 0.8x]",
                        MODEL, backprop.getAsDouble() * 1e6, numpy.getAsDouble() * 1e6,
                        backprop.getAsDouble() / numpy.getAsDouble(),
                        torch.isPresent() ? String.format(Locale.ROOT, "; vs PyTorch %.1f us = %.2fx",
                                torch.getAsDouble() * 1e6, backprop.getAsDouble() / torch.getAsDouble()) : ""));
            }
        }
        // Each side at its best thread count: the engine's fastest row too.
        Optional<JmhRow> ours = fashion == null ? Optional.empty()
                : best(fashion, r -> r.benchmark().equals(FASHION) && is(r, "batch", "100"));
        OptionalDouble epoch = ours.map(PeerRatios::secondsOrEmpty).orElse(OptionalDouble.empty());
        if (epoch.isPresent() && peers != null) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "2 epoch Fashion-MNIST batch 100: %.1f ms%s", epoch.getAsDouble() * 1e3,
                    ours.get().param("gemmWorkers").map(t -> " (gemmWorkers=" + t + ")").orElse("")));
            for (String lib : new String[] {"numpy", "torch"}) {
                Optional<JmhRow> best = best(peers, peer(lib, "Epoch", null, "fashion-mnist"));
                best.ifPresent(b -> {
                    double seconds = seconds(b);
                    sb.append(String.format(Locale.ROOT, "; %s best %.1f ms (threads=%s) = %.2fx",
                            "numpy".equals(lib) ? "NumPy" : "PyTorch", seconds * 1e3, b.param("threads").orElse("?"),
                            epoch.getAsDouble() / seconds));
                });
            }
            if (sb.indexOf(";") >= 0) {
                lines.add(sb + "  [target < 1x each]");
            }
        }
        speedUp(gradient, r -> r.benchmark().equals(GRADIENT + "backpropParallel") && is(r, "model", MODEL),
                "batchWorkers", "3 backprop batch 1000", lines);
        for (String evaluation : new String[] {"full", "incremental"}) {
            for (String scheme : new String[] {"forward", "backward", "central"}) {
                speedUp(gradient, r -> r.benchmark().equals(GRADIENT + "finiteDifference") && is(r, "model", MODEL)
                        && is(r, "estimator", scheme) && is(r, "evaluation", evaluation),
                        "parameterWorkers", "3 " + scheme + " " + evaluation, lines);
            }
        }
        Optional<JmhRow> fullCentral = row(gradient, fd("central", "full", "1"));
        if (fullCentral.isPresent() && peers != null) {
            OptionalDouble nsPerParam = number(fullCentral.get().cell("ns/param"));
            OptionalDouble classic = score(peers, peer("numpy", "CentralDifferenceFullPerParameter", "1", null));
            if (nsPerParam.isPresent() && classic.isPresent()) {
                double seconds = nsPerParam.getAsDouble() * 1e-9;
                lines.add(String.format(Locale.ROOT,
                        "4 full central difference per parameter, 1 thread: %.1f us vs classic NumPy %.1f us = %.2fx"
                                + "  [target <= 1x]", seconds * 1e6, classic.getAsDouble() * 1e6,
                        seconds / classic.getAsDouble()));
            }
        }
        OptionalDouble incremental = score(gradient, fd("central", "incremental", "1"));
        if (incremental.isPresent() && backprop.isPresent()) {
            OptionalDouble two = score(gradient, fd("central", "incremental", "2"));
            lines.add(String.format(Locale.ROOT,
                    "5 incremental central gradient, 1 thread: %.2f ms = %.0fx backprop%s  [target <= 100x]",
                    incremental.getAsDouble() * 1e3, incremental.getAsDouble() / backprop.getAsDouble(),
                    two.isPresent() ? String.format(Locale.ROOT, "; 2 threads %.2f ms = %.0fx", two.getAsDouble() * 1e3,
                            two.getAsDouble() / backprop.getAsDouble()) : ""));
        }
        return lines;
    }

    private static Predicate<JmhRow> fd(String scheme, String evaluation, String parameterWorkers) {
        return r -> r.benchmark().equals(GRADIENT + "finiteDifference") && is(r, "model", MODEL)
                && is(r, "batch", "100") && is(r, "estimator", scheme) && is(r, "evaluation", evaluation)
                && is(r, "parameterWorkers", parameterWorkers);
    }

    private static Predicate<JmhRow> peer(String lib, String what, String threads, String dataset) {
        return r -> r.benchmark().equals("peers." + lib + "." + what) && is(r, "precision", "float")
                && is(r, "model", MODEL) && is(r, "batch", "100")
                && (threads == null || is(r, "threads", threads))
                && (dataset == null || is(r, "dataset", dataset))
                && (dataset != null || !what.equals("Epoch"));
    }

    /**
     * "label: 2 threads Z× 1 thread" from the rows matching {@code which} with 1 and 2 in the
     * {@code workers} parameter (batchWorkers or parameterWorkers).
     */
    private static void speedUp(CsvTable table, Predicate<JmhRow> which, String workers, String label,
                                List<String> lines) {
        // Ratios of seconds per op: the unit cancels.
        OptionalDouble one = score(table, which.and(r -> is(r, workers, "1")));
        OptionalDouble two = score(table, which.and(r -> is(r, workers, "2")));
        if (one.isPresent() && two.isPresent()) {
            lines.add(String.format(Locale.ROOT, "%s: 2 threads %.2fx 1 thread  [target >= 1.7x]", label,
                    one.getAsDouble() / two.getAsDouble()));
        }
    }

    private static boolean is(JmhRow r, String param, String value) {
        return r.param(param).map(value::equals).orElse(false);
    }

    private static Optional<JmhRow> row(CsvTable table, Predicate<JmhRow> which) {
        if (table == null) {
            return Optional.empty();
        }
        for (List<String> cells : table.rows()) {
            JmhRow r = new JmhRow(table.header(), cells);
            if (!r.secondary() && which.test(r)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The fastest matching row (least time per op). */
    private static Optional<JmhRow> best(CsvTable table, Predicate<JmhRow> which) {
        Optional<JmhRow> best = Optional.empty();
        for (List<String> cells : table.rows()) {
            JmhRow r = new JmhRow(table.header(), cells);
            if (!r.secondary() && which.test(r) && (best.isEmpty() || seconds(r) < seconds(best.get()))) {
                best = Optional.of(r);
            }
        }
        return best;
    }

    /** Seconds per op of the first matching primary row, whatever its unit. */
    private static OptionalDouble score(CsvTable table, Predicate<JmhRow> which) {
        return row(table, which).map(PeerRatios::secondsOrEmpty).orElse(OptionalDouble.empty());
    }

    private static OptionalDouble secondsOrEmpty(JmhRow r) {
        return r.secondsPerOp();
    }

    private static double seconds(JmhRow r) {
        return r.secondsPerOp().orElse(Double.POSITIVE_INFINITY);
    }

    private static OptionalDouble number(String cell) {
        try {
            return cell == null || cell.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
