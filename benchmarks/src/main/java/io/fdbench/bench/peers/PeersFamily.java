package io.fdbench.bench.peers;

import io.fdbench.bench.epoch.FashionEpochFamily;
import io.fdbench.bench.chart.Provenance;
import io.fdbench.bench.chart.Figure;
import io.fdbench.bench.family.Availability;
import io.fdbench.bench.family.ComputedFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.results.CsvTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code peers} family: NumPy and PyTorch running the same 784-50-10 workloads, timed by their
 * own Python harness ({@code scripts/peers/run-peers.sh}) into {@code peers.csv} in JMH's CSV
 * format. Not in the default suite (it installs Debian packages and takes minutes); the suite's
 * {@code --with-peers} runs it first, so the ratio lines compare figures measured side by side.
 *
 * <p>Its {@link #ratios} print peer ratios only when the peers were measured on the same machine
 * (host name and OS kernel in both env files) within {@link #SESSION} of the engine's figures;
 * otherwise they say why and how to measure the peers here, and print the engine's own ratios only.
 */
public final class PeersFamily implements ComputedFamily {

    public static final String NAME = "peers";

    /** How far apart in time the engine's and the peers' figures may be measured to be compared. */
    static final Duration SESSION = Duration.ofHours(12);

    static final Path SCRIPT = Path.of("scripts", "peers", "run-peers.sh");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "NumPy and PyTorch (Debian's) on the same workloads, for the ratio lines (--with-peers)";
    }

    @Override
    public boolean inDefaultSuite() {
        return false;
    }

    @Override
    public Availability availability() {
        if (!Files.isRegularFile(SCRIPT)) {
            return Availability.missing(SCRIPT + " not found (run from the repository's root)");
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? Availability.AVAILABLE
                : Availability.missing("/usr/bin/python3 not found (apt-get install python3)");
    }

    @Override
    public double estimatedSeconds(Profile profile) {
        return profile == Profile.QUICK ? 90 : 300;
    }

    @Override
    public List<Path> run(Context context) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--out", context.folder().toString()));
        if (context.profile() == Profile.QUICK) {
            cmd.add("--quick");
        }
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(SCRIPT + " failed (exit " + code + ")");
        }
        return List.of(context.folder().resolve(NAME + ".csv"), context.folder().resolve(NAME + "-env.csv"));
    }

    @Override
    public List<String> ratios(RunTables run) {
        Optional<CsvTable> gradient = run.table(GradientCostFamily.NAME);
        Optional<CsvTable> fashion = run.table(FashionEpochFamily.NAME);
        if (gradient.isEmpty() && fashion.isEmpty()) {
            return List.of();
        }
        Map<String, String> engineEnv = run.env(gradient.isPresent() ? GradientCostFamily.NAME : FashionEpochFamily.NAME);
        boolean quick = "quick".equals(engineEnv.get("profile"));
        List<String> lines = new ArrayList<>();
        CsvTable peers = null;
        Optional<CsvTable> measured = run.table(NAME);
        if (measured.isEmpty()) {
            lines.add("no peers measured in this run: ratios against NumPy and PyTorch need them measured on this"
                    + " machine in the same session (add --with-peers, or scripts/peers/run-peers.sh --out "
                    + run.folder() + ")");
        } else {
            Optional<String> mismatch = mismatch(engineEnv, run.env(NAME));
            if (mismatch.isPresent()) {
                lines.add("peer ratios left out: " + run.folder().resolve(NAME + ".csv") + " " + mismatch.get()
                        + "; measure the peers here (--with-peers)");
            } else {
                peers = measured.get();
            }
        }
        if (quick) {
            lines.add("quick profile: smoke figures from half-warmed code, not measurements to hold against targets");
        }
        lines.addAll(PeerRatios.lines(gradient.orElse(null), fashion.orElse(null), peers, quick));
        return lines;
    }

    /** Why the peers' figures cannot be compared with the engine's, if they cannot. */
    static Optional<String> mismatch(Map<String, String> engine, Map<String, String> peers) {
        String host = peers.getOrDefault("runner.host", "");
        String os = peers.getOrDefault("runner.os", "");
        if (host.isEmpty() || os.isEmpty()) {
            return Optional.of("does not say which machine measured it (an older peers file)");
        }
        if (!host.equals(engine.getOrDefault("host", "?"))) {
            return Optional.of("was measured on host " + host + ", this run on " + engine.getOrDefault("host", "?"));
        }
        String engineOs = engine.getOrDefault("os", "?");
        if (!engineOs.startsWith(os)) {
            return Optional.of("was measured on " + os + ", this run on " + engineOs);
        }
        Optional<OffsetDateTime> a = date(engine.get("date"));
        Optional<OffsetDateTime> b = date(peers.get("runner.date"));
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.of("has no measurement date to compare");
        }
        long hours = Math.abs(ChronoUnit.HOURS.between(a.get(), b.get()));
        if (hours > SESSION.toHours()) {
            return Optional.of("was measured " + hours + " h apart from this run (more than " + SESSION.toHours()
                    + " h: another session)");
        }
        return Optional.empty();
    }

    private static Optional<OffsetDateTime> date(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An older run's peers timed right after the Fashion epoch family, in a file of their own. */
    static final String EPOCH_PEERS = "peers-epoch";

    @Override
    public List<Figure> figures(RunTables run) {
        Optional<CsvTable> peers = run.table(NAME);
        if (peers.isEmpty()) {
            return List.of();
        }
        List<Provenance> sources = new ArrayList<>();
        for (String stem : List.of(GradientCostFamily.NAME, FashionEpochFamily.NAME, NAME, EPOCH_PEERS)) {
            if (run.table(stem).isPresent()) {
                sources.add(run.provenance(stem));
            }
        }
        return PeerChart.draw(run.table(GradientCostFamily.NAME).orElse(null),
                run.table(FashionEpochFamily.NAME).orElse(null), peers.get(),
                run.table(EPOCH_PEERS).orElse(peers.get()), sources);
    }
}
