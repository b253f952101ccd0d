package io.fdbench.bench.experiment;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code experiment NAME}: the textbook comparisons of backprop and numerical differentiation,
 * re-run end to end with their tables printed and their curves written as CSV (with an env file)
 * for {@code report}: {@code classic} (the 784-50-10 MNIST table), {@code backprop-toy} (the 2-2-2
 * derivation) and {@code xor} (2-3-1, gradient descent variants against gradient-free optimisers).
 * Each experiment has its own flags; a flag of another experiment is refused.
 */
public final class ExperimentCommand extends FlagCommand {

    static final List<Experiment> EXPERIMENTS = List.of(new ClassicExperiment(), new BackpropToyExperiment(),
            new XorExperiment());

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    protected String summary() {
        return "Re-run a textbook experiment (classic, backprop-toy, xor): prints its table, writes"
                + " experiment-<name>.csv and its siblings";
    }

    @Override
    public String help() {
        StringBuilder sb = new StringBuilder(summary()).append(System.lineSeparator()).append(System.lineSeparator())
                .append("usage: java -jar benchmarks.jar experiment NAME [flags]").append(System.lineSeparator())
                .append("common flags:").append(System.lineSeparator())
                .append(CommonFlags.output(new Flags()).usage());
        for (Experiment e : EXPERIMENTS) {
            sb.append(System.lineSeparator()).append(e.name()).append(": ").append(e.summary())
                    .append(System.lineSeparator()).append(withoutHelp(e.declare(new Flags()).usage()));
        }
        return sb.toString();
    }

    private static String withoutHelp(String usage) {
        return usage.lines().filter(l -> !l.trim().startsWith("--help ")).map(l -> l + System.lineSeparator())
                .collect(Collectors.joining());
    }

    @Override
    protected Flags flags() {
        Flags f = CommonFlags.output(new Flags());
        for (Experiment e : EXPERIMENTS) {
            e.declare(f);
        }
        return f;
    }

    @Override
    protected boolean acceptsPositional() {
        return true;
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws Exception {
        if (p.positional().isEmpty()) {
            throw new UsageException("experiment", "name the experiment: " + names());
        }
        if (p.positional().size() > 1) {
            throw new UsageException(p.positional().get(1), "unexpected argument (one experiment at a time)");
        }
        String name = p.positional().get(0);
        Experiment e = EXPERIMENTS.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException(name, "unknown experiment (expected " + names() + ")"));
        Flags own = CommonFlags.output(e.declare(new Flags()));
        for (String arg : p.arguments()) {
            if (arg.startsWith("--") && !own.declares(arg) && flags().declares(arg)) {
                String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                throw new UsageException(flag, "does not apply to experiment " + name);
            }
        }
        Path dir = CommonFlags.outDir(p);
        return e.run(p, dir, out, err);
    }

    private static String names() {
        return EXPERIMENTS.stream().map(Experiment::name).collect(Collectors.joining(", "));
    }
}
