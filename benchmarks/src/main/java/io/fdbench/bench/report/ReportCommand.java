package io.fdbench.bench.report;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.ResultFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code report}: draws the charts of a results folder as PNG files (XChart, headless), each with
 * its provenance under the title and a caption, and one self-contained HTML page with every chart,
 * the key tables and the list of missing inputs. Draws what the folder has; never overwrites a
 * file (a second run writes timestamped names beside the first).
 */
public final class ReportCommand extends FlagCommand {

    @Override
    public String name() {
        return "report";
    }

    @Override
    protected String summary() {
        return "Draw the report charts (PNG) and one HTML page from a results folder";
    }

    @Override
    protected Flags flags() {
        return new Flags()
                .value("results", "DIR", "folder with the suite's CSV files (default: results/)")
                .value("out", "DIR", "folder for the PNG files and report.html (default: <results>/report; existing"
                        + " files are never overwritten)");
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path results = Path.of(p.string("results", "results"));
        if (!Files.isDirectory(results)) {
            throw new UsageException("--results", results + " is not a folder");
        }
        Path outDir = Path.of(p.string("out", results.resolve("report").toString()));
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new UsageException("--out", outDir + " is a file, not a folder");
        }
        ReportInputs in = new ReportInputs(results);
        List<Figure> figures = new ArrayList<>();
        List<KeyTable> tables = new ArrayList<>();
        draw(in, figures, tables);
        for (String m : in.missing()) {
            out.println("missing " + m);
        }
        if (figures.isEmpty()) {
            err.println(name() + ": no chart drawn: " + results + " has none of stepsize.csv, gradient.csv, kernel.csv,"
                    + " epoch.csv, epoch-fashion.csv, peers.csv with rows to draw");
            return Exit.FAILURE;
        }
        ResultFiles files = new ResultFiles();
        List<ReportPage.Entry> entries = new ArrayList<>();
        for (Figure f : figures) {
            byte[] png = f.png();
            Path written = files.write(outDir, f.name(), ".png", png);
            out.println("wrote " + written);
            entries.add(new ReportPage.Entry(f, png, written.getFileName().toString()));
        }
        String html = ReportPage.html(results.toString(), entries, tables, in.missing());
        out.println("wrote " + files.write(outDir, "report", ".html", html));
        return Exit.OK;
    }

    /** Each chart kind from the files it needs; a file that cannot be read or drawn is a usage error naming it. */
    private static void draw(ReportInputs in, List<Figure> figures, List<KeyTable> tables) throws IOException {
        CsvTable stepsize = in.table("stepsize.csv", "the step-size charts are left out");
        if (stepsize != null) {
            Provenance prov = in.provenance("stepsize.csv");
            figures.addAll(guard(in, "stepsize.csv", () -> StepSizeCharts.draw(stepsize, prov)));
            CsvTable summary = in.table("stepsize-summary.csv", "the step-size summary table is left out");
            if (summary != null) {
                tables.addAll(guard(in, "stepsize-summary.csv", () -> StepSizeCharts.tables(summary)));
            }
        }
        CsvTable gradient = in.table("gradient.csv", "the gradient-cost chart and table are left out");
        if (gradient != null) {
            Provenance prov = in.provenance("gradient.csv");
            figures.addAll(guard(in, "gradient.csv", () -> GradientCostChart.draw(gradient, prov)));
            tables.addAll(guard(in, "gradient.csv", () -> GradientCostChart.tables(gradient)));
        }
        CsvTable kernel = in.table("kernel.csv", "the GEMM throughput chart and table are left out");
        if (kernel != null) {
            Provenance prov = in.provenance("kernel.csv");
            figures.addAll(guard(in, "kernel.csv", () -> KernelThroughputChart.draw(kernel, prov)));
            tables.addAll(guard(in, "kernel.csv", () -> KernelThroughputChart.tables(kernel)));
        }
        CsvTable epoch = in.table("epoch.csv", "the MNIST-10k epoch chart is left out");
        if (epoch != null) {
            Provenance prov = in.provenance("epoch.csv");
            figures.addAll(guard(in, "epoch.csv", () -> EpochChart.draw("epoch-mnist-10k", "MNIST-10k", epoch, prov)));
        }
        CsvTable fashion = in.table("epoch-fashion.csv", "the Fashion-MNIST epoch chart is left out");
        if (fashion != null) {
            Provenance prov = in.provenance("epoch-fashion.csv");
            figures.addAll(guard(in, "epoch-fashion.csv",
                    () -> EpochChart.draw("epoch-fashion-mnist", "Fashion-MNIST", fashion, prov)));
        }
        CsvTable extrapolated = in.table("epoch-full-extrapolated.csv",
                "the table of extrapolated full-evaluation epochs is left out");
        if (extrapolated != null) {
            tables.addAll(guard(in, "epoch-full-extrapolated.csv", () -> EpochChart.extrapolatedTable(extrapolated)));
        }
        CsvTable peers = in.table("peers.csv", "the side-by-side chart with NumPy and PyTorch is left out");
        if (peers != null) {
            List<Provenance> prov = new ArrayList<>();
            if (gradient != null) {
                prov.add(in.provenance("gradient.csv"));
            }
            if (fashion != null) {
                prov.add(in.provenance("epoch-fashion.csv"));
            }
            prov.add(in.provenance("peers.csv"));
            CsvTable epochPeers = in.table("peers-epoch.csv",
                    "the peers' Fashion epoch comes from peers.csv (not run beside the fdbench epoch)");
            if (epochPeers != null) {
                prov.add(in.provenance("peers-epoch.csv"));
            }
            figures.addAll(guard(in, "peers.csv", () -> PeerChart.draw(gradient, fashion, peers,
                    epochPeers != null ? epochPeers : peers, prov)));
        }
    }

    private interface Drawing<T> {
        List<T> get();
    }

    private static <T> List<T> guard(ReportInputs in, String file, Drawing<T> drawing) {
        try {
            return drawing.get();
        } catch (RuntimeException e) {
            throw new UsageException(in.dir().resolve(file).toString(), "cannot be drawn: " + e.getMessage());
        }
    }
}
