package io.fdbench.bench.peers;

import io.fdbench.bench.epoch.FashionEpochBenchmark;
import io.fdbench.bench.gradient.GradientCostBenchmark;
import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.gradient.WorkerScalingBenchmark;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The ratio lines printed after a suite run, all float32 on 784-50-10 at batch 100 unless they
 * say otherwise: backprop against NumPy and PyTorch at one BLAS thread, the Fashion-MNIST epoch
 * against each peer's best thread count, the full central difference per parameter against the
 * classic NumPy loop and DL4J's gradient-check loop, backprop and the epoch against the Java peers
 * (DL4J, PyTorch 2 through DJL) at their best thread count when peers.csv has their rows, the
 * incremental central, forward and backward gradients against backprop, the incremental central
 * difference of 784-512-256-10 per parameter and of 2-3-1 per gradient, and the two-worker
 * speed-ups. Each line ends with the figure it aims for (issue 15's targets; the speed-ups keep
 * issue 5's); after a quick run the lines are marked as smoke figures instead,
 * without targets, since a half-warmed figure is no measurement.
 * {@code peers} is null when no peers were measured on this machine in this session: only the
 * engine's own ratios are printed then.
 */
public final class PeerRatios {

    private static final String BACKPROP = GradientCostBenchmark.class.getName() + ".backprop";
    private static final String FD = GradientCostBenchmark.class.getName() + ".finiteDifference";
    private static final String BACKPROP_SCALING = WorkerScalingBenchmark.class.getName() + ".backpropScaling";
    private static final String FD_SCALING = WorkerScalingBenchmark.class.getName() + ".finiteDifferenceScaling";
    private static final String FASHION = FashionEpochBenchmark.class.getName() + ".backprop";
    private static final String MODEL = "784-50-10";
    private static final String DEEP = "784-512-256-10";
    private static final String TOY = "2-3-1";

    private PeerRatios() {
    }

    /** The ratio lines from whichever of the tables exist (each may be null). */
    static List<String> lines(CsvTable gradient, CsvTable fashion, CsvTable peers, boolean quick) {
        List<String> lines = new ArrayList<>();
        OptionalDouble backprop = score(gradient, r -> r.benchmark().equals(BACKPROP)
                && is(r, "model", MODEL) && is(r, "batch", "100"));
        if (backprop.isPresent() && peers != null) {
            OptionalDouble numpy = score(peers, peer("numpy", "BackpropGradient", "1", null));
            OptionalDouble torch = score(peers, peer("torch", "BackpropGradient", "1", null));
            if (numpy.isPresent()) {
                lines.add(String.format(Locale.ROOT,
                        "backprop %s batch 100, 1 thread: %.1f us vs NumPy %.1f us (1 BLAS thread) = %.2fx%s",
                        MODEL, backprop.getAsDouble() * 1e6, numpy.getAsDouble() * 1e6,
                        backprop.getAsDouble() / numpy.getAsDouble(),
                        torch.isPresent() ? String.format(Locale.ROOT, "; vs PyTorch %.1f us = %.2fx",
                                torch.getAsDouble() * 1e6, backprop.getAsDouble() / torch.getAsDouble()) : "")
                        + target(quick, "<= 0.5x"));
            }
        }
        // The Java peers (scripts/peers/run-java-peers.sh), each at its best thread count.
        if (backprop.isPresent() && peers != null) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "backprop %s batch 100, 1 thread: %.1f us",
                    MODEL, backprop.getAsDouble() * 1e6));
            for (String lib : JAVA_PEERS) {
                best(peers, peer(lib, "BackpropGradient", null, null)).ifPresent(b -> sb.append(String.format(
                        Locale.ROOT, "; vs %s best %.1f us (threads=%s) = %.2fx", label(lib), seconds(b) * 1e6,
                        b.param("threads").orElse("?"), backprop.getAsDouble() / seconds(b))));
            }
            if (sb.indexOf(";") >= 0) {
                lines.add(sb + target(quick, "< 1x each"));
            }
        }
        // Each side at its best thread count: the engine's fastest row too.
        Optional<JmhRow> ours = fashion == null ? Optional.empty()
                : best(fashion, r -> r.benchmark().equals(FASHION) && is(r, "batch", "100"));
        OptionalDouble epoch = ours.map(JmhRow::secondsPerOp).orElse(OptionalDouble.empty());
        if (epoch.isPresent() && peers != null) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "epoch Fashion-MNIST batch 100: %.1f ms%s", epoch.getAsDouble() * 1e3,
                    ours.get().param("gemmWorkers").map(t -> " (gemmWorkers=" + t + ")").orElse("")));
            for (String lib : new String[] {"numpy", "torch", JAVA_PEERS[0], JAVA_PEERS[1]}) {
                best(peers, peer(lib, "Epoch", null, "fashion-mnist")).ifPresent(b -> {
                    double seconds = seconds(b);
                    sb.append(String.format(Locale.ROOT, "; %s best %.1f ms (threads=%s) = %.2fx",
                            label(lib), seconds * 1e3, b.param("threads").orElse("?"),
                            epoch.getAsDouble() / seconds));
                });
            }
            if (sb.indexOf(";") >= 0) {
                lines.add(sb + target(quick, "<= 0.6x the fastest"));
            }
        }
        speedUp(gradient, r -> r.benchmark().equals(BACKPROP_SCALING) && is(r, "model", MODEL), "batchWorkers",
                "backprop batch 1000", quick, lines);
        for (String evaluation : new String[] {"full", "incremental"}) {
            speedUp(gradient, r -> r.benchmark().equals(FD_SCALING) && is(r, "model", MODEL)
                    && is(r, "evaluation", evaluation), "parameterWorkers", "central " + evaluation, quick, lines);
        }
        Optional<JmhRow> fullCentral = row(gradient, fd("central", "full"));
        if (fullCentral.isPresent() && peers != null) {
            OptionalDouble nsPerParam = number(fullCentral.get().cell(GradientCostFamily.NS_PER_PARAM));
            OptionalDouble classic = score(peers, peer("numpy", "CentralDifferenceFullPerParameter", "1", null));
            if (nsPerParam.isPresent() && classic.isPresent()) {
                double seconds = nsPerParam.getAsDouble() * 1e-9;
                lines.add(String.format(Locale.ROOT,
                        "full central difference per parameter, 1 thread: %.1f us vs classic NumPy %.1f us = %.2fx",
                        seconds * 1e6, classic.getAsDouble() * 1e6, seconds / classic.getAsDouble())
                        + target(quick, "<= 0.5x"));
            }
        }
        Optional<JmhRow> gradientCheck = peers == null ? Optional.empty()
                : best(peers, r -> r.benchmark().equals("peers.dl4j.GradientCheckPerParameter")
                        && is(r, "model", MODEL) && is(r, "batch", "100"));
        if (fullCentral.isPresent() && gradientCheck.isPresent()) {
            OptionalDouble nsPerParam = number(fullCentral.get().cell(GradientCostFamily.NS_PER_PARAM));
            if (nsPerParam.isPresent()) {
                double seconds = nsPerParam.getAsDouble() * 1e-9;
                double dl4j = seconds(gradientCheck.get());
                lines.add(String.format(Locale.ROOT,
                        "full central difference per parameter, 1 thread: %.1f us vs DL4J's gradient-check loop"
                                + " %.1f us (%s, threads=%s) = %.2fx", seconds * 1e6, dl4j * 1e6,
                        gradientCheck.get().param("precision").orElse("?"),
                        gradientCheck.get().param("threads").orElse("?"), seconds / dl4j) + target(quick, "< 1x"));
            }
        }
        Optional<JmhRow> djlLoop = peers == null ? Optional.empty()
                : best(peers, peer("djl", "CentralDifferenceFullPerParameter", null, null));
        if (fullCentral.isPresent() && djlLoop.isPresent()) {
            OptionalDouble nsPerParam = number(fullCentral.get().cell(GradientCostFamily.NS_PER_PARAM));
            if (nsPerParam.isPresent()) {
                double seconds = nsPerParam.getAsDouble() * 1e-9;
                double djl = seconds(djlLoop.get());
                lines.add(String.format(Locale.ROOT,
                        "full central difference per parameter, 1 thread: %.1f us vs the same loop on PyTorch 2 (DJL)"
                                + " best %.1f us (threads=%s) = %.2fx", seconds * 1e6, djl * 1e6,
                        djlLoop.get().param("threads").orElse("?"), seconds / djl) + target(quick, "< 1x"));
            }
        }
        for (String scheme : new String[] {"central", "forward", "backward"}) {
            OptionalDouble incremental = score(gradient, fd(scheme, "incremental"));
            if (incremental.isPresent() && backprop.isPresent()) {
                lines.add(String.format(Locale.ROOT, "incremental %s gradient, 1 thread: %.2f ms = %sx backprop",
                        scheme, incremental.getAsDouble() * 1e3,
                        times(incremental.getAsDouble() / backprop.getAsDouble()))
                        + target(quick, scheme.equals("central") ? "<= 20x" : "<= 12x"));
            }
        }
        // Issue 15's targets 6 and 7: the deep model per parameter, the toy model per gradient.
        row(gradient, r -> r.benchmark().equals(FD) && is(r, "model", DEEP) && is(r, "estimator", "central")
                && is(r, "evaluation", "incremental"))
                .ifPresent(r -> number(r.cell(GradientCostFamily.NS_PER_PARAM)).ifPresent(ns -> lines.add(
                        String.format(Locale.ROOT, "incremental central %s, 1 thread: %.1f us per parameter",
                                DEEP, ns * 1e-3) + target(quick, "<= 5 us"))));
        OptionalDouble toy = score(gradient, r -> r.benchmark().equals(FD) && is(r, "model", TOY)
                && is(r, "estimator", "central") && is(r, "evaluation", "incremental") && is(r, "batch", "100"));
        if (toy.isPresent()) {
            lines.add(String.format(Locale.ROOT, "incremental central %s gradient, batch 100, 1 thread: %.1f us",
                    TOY, toy.getAsDouble() * 1e6) + target(quick, "<= 5 us"));
        }
        return lines;
    }

    /** The Java peers' names in the rows (peers-java, scripts/peers/run-java-peers.sh). */
    private static final String[] JAVA_PEERS = {"dl4j", "djl"};

    private static String label(String lib) {
        switch (lib) {
            case "numpy":
                return "NumPy";
            case "torch":
                return "PyTorch";
            case "dl4j":
                return "DL4J";
            case "djl":
                return "PyTorch 2 (DJL)";
            default:
                return lib;
        }
    }

    /** A large ratio without decimals ("56"), a small one with two ("0.72"). */
    private static String times(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0f" : "%.2f", ratio);
    }

    private static String target(boolean quick, String target) {
        return quick ? "  [smoke figure]" : "  [target " + target + "]";
    }

    private static Predicate<JmhRow> fd(String scheme, String evaluation) {
        return r -> r.benchmark().equals(FD) && is(r, "model", MODEL)
                && is(r, "batch", "100") && is(r, "estimator", scheme) && is(r, "evaluation", evaluation);
    }

    private static Predicate<JmhRow> peer(String lib, String what, String threads, String dataset) {
        return r -> r.benchmark().equals("peers." + lib + "." + what) && is(r, "precision", "float")
                && is(r, "model", MODEL) && is(r, "batch", "100")
                && (threads == null || is(r, "threads", threads))
                && (dataset == null || is(r, "dataset", dataset))
                && (dataset != null || !what.equals("Epoch"));
    }

    /** "label: 2 workers Z× 1 worker" from the rows matching {@code which} with {@code workers} 1 and 2. */
    private static void speedUp(CsvTable table, Predicate<JmhRow> which, String workers, String label, boolean quick,
                                List<String> lines) {
        // Ratios of seconds per op: the unit cancels.
        OptionalDouble one = score(table, which.and(r -> is(r, workers, "1")));
        OptionalDouble two = score(table, which.and(r -> is(r, workers, "2")));
        if (one.isPresent() && two.isPresent()) {
            lines.add(String.format(Locale.ROOT, "%s: %.2fx faster on 2 %s than on 1", label,
                    one.getAsDouble() / two.getAsDouble(), workers) + target(quick, ">= 1.7x"));
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
            JmhRow r = new JmhRow(table, cells);
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
            JmhRow r = new JmhRow(table, cells);
            if (!r.secondary() && which.test(r) && (best.isEmpty() || seconds(r) < seconds(best.get()))) {
                best = Optional.of(r);
            }
        }
        return best;
    }

    /** Seconds per op of the first matching primary row, whatever its unit. */
    private static OptionalDouble score(CsvTable table, Predicate<JmhRow> which) {
        return row(table, which).map(JmhRow::secondsPerOp).orElse(OptionalDouble.empty());
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
