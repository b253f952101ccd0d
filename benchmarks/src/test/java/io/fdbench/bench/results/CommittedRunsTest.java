package io.fdbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The repository's own results: the committed runs (the ones {@code .gitignore} un-ignores under
 * {@code results/runs/}) are complete run folders named by their env files, and the baseline
 * pointer names one of them.
 */
class CommittedRunsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern UNIGNORED = Pattern.compile("^!/?results/runs/([^/*]+)/?$");

    /** The committed run folders, as {@code .gitignore} un-ignores them, oldest first. */
    static List<Path> committedRuns() throws IOException {
        List<Path> runs = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve(".gitignore"), StandardCharsets.UTF_8)) {
            Matcher m = UNIGNORED.matcher(line.strip());
            if (m.matches()) {
                runs.add(ROOT.resolve("results").resolve(RunFolders.RUNS).resolve(m.group(1)));
            }
        }
        runs.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return runs;
    }

    @Test
    void everyCommittedRunIsACompleteRunFolderNamedByItsEnvFiles() throws IOException {
        List<Path> runs = committedRuns();
        assertTrue(runs.size() >= 2, "committed runs in .gitignore: " + runs);
        for (Path run : runs) {
            String name = run.getFileName().toString();
            assertTrue(RunFolders.isRunName(name), name);
            assertTrue(Files.isDirectory(run), run + " is un-ignored in .gitignore but not a folder");
            // the name is the run's start (the suite names the folder, then each family's env file
            // takes its own date, seconds to minutes later) and the commit it started at: at or before
            // the earliest env 'date' (UTC), by at most 15 minutes, and the commit of one of its env files
            List<Instant> dates = new ArrayList<>();
            List<String> commits = new ArrayList<>();
            try (Stream<Path> files = Files.list(run)) {
                for (Path env : files.filter(p -> p.getFileName().toString().endsWith("-env.csv")).toList()) {
                    String text = Files.readString(env, StandardCharsets.UTF_8);
                    field(text, "date").map(Instant::parse).ifPresent(dates::add);
                    field(text, "git.commit").ifPresent(commits::add);
                }
            }
            assertFalse(dates.isEmpty(), run + ": no env file with a date");
            Instant first = dates.stream().min(Instant::compareTo).orElseThrow();
            Instant named = java.time.LocalDateTime.parse(name.substring(0, 15),
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")).toInstant(ZoneOffset.UTC);
            assertFalse(named.isAfter(first), name + " is named after its earliest env date " + first);
            assertTrue(java.time.Duration.between(named, first).toMinutes() < 15,
                    name + " is named more than 15 minutes before its earliest env date " + first);
            String commit = name.substring(16);
            assertTrue(commits.stream().anyMatch(c -> c.startsWith(commit)),
                    name + ": no env file ran at its commit; the env files' commits are " + commits);
        }
    }

    @Test
    void theBaselinePointerNamesACommittedRun() throws IOException {
        Path baseline = new RunFolders(ROOT.resolve("results")).baseline();
        assertTrue(committedRuns().contains(baseline), baseline + " is not among the committed runs " + committedRuns());
        assertTrue(Files.isRegularFile(baseline.resolve("kernel.csv")), baseline + " has no kernel.csv");
    }

    /** The value of a key in the suite's env files ("key","value"; the peers' scoped files are not read). */
    private static Optional<String> field(String envText, String key) {
        Matcher m = Pattern.compile("(?m)^\"" + Pattern.quote(key) + "\",\"([^\"]*)\"").matcher(envText);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
