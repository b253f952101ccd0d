package io.fdbench.bench;

import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.Subcommand;
import io.fdbench.bench.suite.SuiteCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Entry point of benchmarks.jar.
 *
 * <p>Routing, decided by {@link #route}:
 * <ul>
 *   <li>no arguments: the default suite ({@code suite});</li>
 *   <li>first argument a registered subcommand name ({@link Subcommands#ALL}): that command;</li>
 *   <li>{@code --help}: this jar's help (JMH's own help stays at {@code -h});</li>
 *   <li>first argument starting with {@code --}, or any suite flag anywhere ({@code --quick},
 *       {@code --out}, {@code --family}): the suite, with the single-dash JMH options forwarded;</li>
 *   <li>anything else ({@code -l}, {@code -h}, a regex, {@code -f 1 -prof gc ...}): JMH's own
 *       {@link org.openjdk.jmh.Main}, untouched.</li>
 * </ul>
 *
 * <p>Subcommands run with the SIMD kernel whenever the JDK has the Vector API: a plain
 * {@code java -jar} without {@code --add-modules} is relaunched once with it ({@link VectorRelaunch}).
 */
public final class Main {

    private Main() {
    }

    /** Where a command line goes: a subcommand with its remaining arguments, or JMH (command null). */
    public record Route(Subcommand command, String[] args) {
        public boolean isJmh() {
            return command == null;
        }
    }

    public static void main(String[] args) throws Exception {
        Route r = route(args);
        if (r.isJmh()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        var relaunch = VectorRelaunch.command(args);
        if (relaunch.isPresent()) {
            System.exit(VectorRelaunch.run(relaunch.get()));
        }
        try {
            io.fdbench.engine.kernel.Kernels.best(); // a bad -Dfdbench.* kernel setting fails here, in one line
        } catch (RuntimeException | ExceptionInInitializerError e) {
            System.err.println("benchmarks.jar: error: " + rootMessage(e));
            System.exit(2);
        }
        System.exit(run(r, System.out, System.err));
    }

    /** The innermost cause's message: a kernel setting's error arrives wrapped in class-loading errors. */
    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }

    /** Decides where {@code args} go (see the class comment). */
    public static Route route(String... args) {
        Subcommand suite = Subcommands.find(SuiteCommand.NAME).orElseThrow();
        if (args.length == 0) {
            return new Route(suite, args);
        }
        var named = Subcommands.find(args[0]);
        if (named.isPresent()) {
            return new Route(named.get(), Arrays.copyOfRange(args, 1, args.length));
        }
        if (args[0].equals("--help")) {
            return new Route(new TopLevelHelp(), new String[0]);
        }
        if (args[0].startsWith("--") || Arrays.stream(args).anyMatch(SuiteCommand::isSuiteFlag)) {
            return new Route(suite, args);
        }
        return new Route(null, args);
    }

    /** Runs a non-JMH route and returns its exit code. */
    public static int run(Route route, PrintStream out, PrintStream err) {
        if (route.isJmh()) {
            throw new IllegalArgumentException("JMH routes are run by org.openjdk.jmh.Main");
        }
        return route.command().run(route.args(), out, err);
    }

    /** Convenience for tests: route and run in one step (JMH routes are refused). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(route(args), out, err);
    }

    private static final class TopLevelHelp implements Subcommand {
        @Override
        public String name() {
            return "--help";
        }

        @Override
        public String help() {
            StringBuilder sb = new StringBuilder();
            String nl = System.lineSeparator();
            sb.append("fdbench benchmarks.jar: finite differences vs backpropagation, measured with JMH").append(nl)
                    .append(nl).append("usage:").append(nl)
                    .append("  java -jar benchmarks.jar                  run the default suite into results/runs/<run>/").append(nl)
                    .append("  java -jar benchmarks.jar --quick [--out DIR] [--family NAME] [JMH options]").append(nl)
                    .append("  java -jar benchmarks.jar COMMAND [flags]  (COMMAND --help for its flags)").append(nl)
                    .append("  java -jar benchmarks.jar [JMH options] [regex]  plain JMH (-h lists its options)").append(nl)
                    .append(nl).append("commands:").append(nl);
            for (Subcommand c : Subcommands.ALL) {
                String first = c.help().lines().findFirst().orElse("");
                sb.append(String.format(Locale.ROOT, "  %-10s %s%n", c.name(), first));
            }
            return sb.toString();
        }

        @Override
        public int run(String[] args, PrintStream out, PrintStream err) {
            out.print(help());
            return Exit.OK;
        }
    }
}
