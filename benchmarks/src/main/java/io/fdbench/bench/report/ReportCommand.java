package io.fdbench.bench.report;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.ResultFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@code report}: draws the plots of a results folder as PNG files (XChart, headless): the
 * step-size error curves, the gradient cost per parameter, the GEMM throughput against the FMA
 * peak and the time per epoch. Draws what the folder has; never overwrites a plot.
 */
public final class ReportCommand extends FlagCommand {

    @Override
    public String name() {
        return "report";
    }

    @Override
    protected String summary() {
        return "Draw the report plots (PNG) from a results folder";
    }

    @Override
    protected Flags flags() {
        return new Flags()
                .value("results", "DIR", "folder with the suite's CSV files (default: results/)")
                .value("out", "DIR", "folder for the PNG files (default: <results>/report; existing files are never"
                        + " overwritten)");
    }

    private static CsvTable table(Path csv) throws IOException {
        try {
            return Csv.parse(Files.readString(csv));
        } catch (RuntimeException e) {
            throw new UsageException(csv.toString(), "cannot be plotted: " + e.getMessage());
        }
    }

    private static CsvTable optional(Path csv) throws IOException {
        return Files.isRegularFile(csv) ? table(csv) : null;
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
        Map<String, Function<CsvTable, Map<String, Chart<?, ?>>>> sources = new LinkedHashMap<>();
        sources.put("stepsize.csv", ReportCharts::stepSize);
        sources.put("gradient.csv", ReportCharts::gradientCost);
        sources.put("kernel.csv", ReportCharts::kernel);
        sources.put("epoch.csv", t -> ReportCharts.epoch("epoch-mnist-10k", t));
        sources.put("epoch-fashion.csv", t -> ReportCharts.epoch("epoch-fashion-mnist", t));
        ResultFiles files = new ResultFiles();
        int drawn = 0;
        for (Map.Entry<String, Function<CsvTable, Map<String, Chart<?, ?>>>> s : sources.entrySet()) {
            Path csv = results.resolve(s.getKey());
            if (!Files.isRegularFile(csv)) {
                out.println("no " + csv + ": its plots are skipped");
                continue;
            }
            Map<String, Chart<?, ?>> charts;
            try {
                charts = s.getValue().apply(Csv.parse(Files.readString(csv)));
            } catch (RuntimeException e) {
                throw new UsageException(csv.toString(), "cannot be plotted: " + e.getMessage());
            }
            for (Map.Entry<String, Chart<?, ?>> c : charts.entrySet()) {
                byte[] png = BitmapEncoder.getBitmapBytes(c.getValue(), BitmapEncoder.BitmapFormat.PNG);
                Path written = files.write(outDir, c.getKey(), ".png", png);
                out.println("wrote " + written);
                drawn++;
            }
        }
        Path peers = results.resolve("peers.csv");
        if (Files.isRegularFile(peers)) {
            Path epochPeersFile = results.resolve("peers-epoch.csv");
            CsvTable peerTable = table(peers);
            Map<String, Chart<?, ?>> charts = ReportCharts.peers(optional(results.resolve("gradient.csv")),
                    optional(results.resolve("epoch-fashion.csv")), peerTable,
                    Files.isRegularFile(epochPeersFile) ? table(epochPeersFile) : peerTable);
            for (Map.Entry<String, Chart<?, ?>> c : charts.entrySet()) {
                byte[] png = BitmapEncoder.getBitmapBytes(c.getValue(), BitmapEncoder.BitmapFormat.PNG);
                out.println("wrote " + files.write(outDir, c.getKey(), ".png", png));
                drawn++;
            }
        } else {
            out.println("no " + peers + ": the side-by-side plot with NumPy and PyTorch is skipped");
        }
        if (drawn == 0) {
            err.println(name() + ": no plot drawn: " + results + " has none of " + sources.keySet());
            return Exit.FAILURE;
        }
        return Exit.OK;
    }
}
