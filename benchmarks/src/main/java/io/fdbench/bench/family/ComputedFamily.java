package io.fdbench.bench.family;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A family computed in this JVM rather than timed by JMH (the step-size error curves, the peers'
 * own timers): the suite and its own subcommand run it through {@link #run}.
 */
public interface ComputedFamily extends BenchmarkFamily {

    /**
     * Runs the family with its defaults for {@code context.profile()} and writes
     * {@code <name>.csv}, {@code <name>-env.csv} and any sibling files into {@code context.folder()}.
     *
     * @return the files written
     */
    List<Path> run(Context context) throws Exception;

    /** About how long {@link #run} takes on this machine kind, for the suite's time estimate. */
    double estimatedSeconds(Profile profile);

    /** Where and how a computed family runs. */
    record Context(Path folder, Profile profile, PrintStream out, PrintStream err) {
    }
}
