package io.fdbench.bench.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small GNU-style flag parser for the fdbench subcommands.
 *
 * <p>Declare the flags a command accepts, then {@link #parse} its arguments. Accepted forms:
 * {@code --quick} (a switch), {@code --out DIR} and {@code --out=DIR} (a value flag; the value may
 * start with a single dash, so {@code --threads -1} reaches the range check rather than being taken
 * for a flag). {@code --help} is always declared. Anything else that starts with {@code --} is an
 * unknown flag. Single-dash tokens are unknown flags too, unless {@link #passSingleDash} hands them
 * (and their values) through untouched, which is how the suite forwards JMH's own options. Other
 * tokens are positional. Every error is a {@link UsageException} that names the flag.
 *
 * <p>Numbers are read strictly: ASCII digits only (no full-width digits), no trailing letters
 * ({@code 1e-2f}, {@code 4x3x2}), no spaces, no hexadecimal, no {@code NaN} or {@code Infinity};
 * decimals use a point, never a comma.
 *
 * <p>jopt-simple (a JMH dependency) was considered; it is unmaintained since 2017 and its messages
 * and single/double dash rules differ from what the CLI promises, so this class stays small.
 */
public final class Flags {

    private record Spec(String name, String valueName, String help) {
        boolean takesValue() {
            return valueName != null;
        }
    }

    /** An integer as a user writes it: optional minus, ASCII digits. */
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** A decimal as a user writes it: 0.5, .5, 5., 1e-3, -2.5E+4; ASCII only, nothing after. */
    private static final Pattern DECIMAL = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private Set<String> singleDashSwitches;

    public Flags() {
        specs.put("help", new Spec("help", null, "print this help and exit"));
    }

    /** Declares a switch such as {@code --quick}. */
    public Flags flag(String name, String help) {
        specs.put(name, new Spec(name, null, help));
        return this;
    }

    /** Declares a flag with a value such as {@code --out DIR}. */
    public Flags value(String name, String valueName, String help) {
        specs.put(name, new Spec(name, valueName, help));
        return this;
    }

    /**
     * Passes single-dash options through instead of rejecting them; each consumes the next token as
     * its value, except the listed switches (for JMH: {@code l}, {@code lp}, {@code h}, ...).
     */
    public Flags passSingleDash(Set<String> switchesWithoutValue) {
        this.singleDashSwitches = Set.copyOf(switchesWithoutValue);
        return this;
    }

    /** Whether {@code --name} (or {@code --name=...}) is declared here. */
    public boolean declares(String token) {
        if (!token.startsWith("--") || token.length() == 2) {
            return false;
        }
        int eq = token.indexOf('=');
        return specs.containsKey(eq < 0 ? token.substring(2) : token.substring(2, eq));
    }

    /** One line per flag, aligned, for {@code --help} texts. */
    public String usage() {
        List<String> left = new ArrayList<>();
        int width = 0;
        for (Spec s : specs.values()) {
            String l = "--" + s.name() + (s.takesValue() ? " " + s.valueName() : "");
            left.add(l);
            width = Math.max(width, l.length());
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (Spec s : specs.values()) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", left.get(i++), s.help()));
        }
        return sb.toString();
    }

    /** Parses {@code args}; throws {@link UsageException} naming the first bad flag. */
    public Parsed parse(String... args) {
        Map<String, String> values = new HashMap<>();
        List<String> positional = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                Spec spec = specs.get(name);
                if (spec == null) {
                    throw new UsageException("--" + name, "unknown flag");
                }
                if (!spec.takesValue()) {
                    if (eq >= 0) {
                        throw new UsageException("--" + name, "takes no value");
                    }
                    values.put(name, "true");
                } else if (eq >= 0) {
                    values.put(name, arg.substring(eq + 1));
                } else {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageException("--" + name, "missing value " + spec.valueName());
                    }
                    values.put(name, args[++i]);
                }
            } else if (arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                if (singleDashSwitches == null) {
                    throw new UsageException(arg, "unknown flag");
                }
                passed.add(arg);
                if (!singleDashSwitches.contains(arg.substring(1)) && i + 1 < args.length) {
                    passed.add(args[++i]);
                }
            } else {
                positional.add(arg);
            }
        }
        return new Parsed(values, positional, passed, List.of(args));
    }

    private static boolean isNumber(String s) {
        return DECIMAL.matcher(s).matches();
    }

    /** A bound for messages: 1e-06 rather than 1.0E-6, 1000000 rather than 1000000.0. */
    private static String bound(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x).replace("E", "e").replace(".0e", "e");
    }

    /** The result of {@link #parse}: typed getters whose errors name the flag. */
    public static final class Parsed {
        private final Map<String, String> values;
        private final List<String> positional;
        private final List<String> passedThrough;
        private final List<String> arguments;

        Parsed(Map<String, String> values, List<String> positional, List<String> passedThrough,
               List<String> arguments) {
            this.values = values;
            this.positional = Collections.unmodifiableList(positional);
            this.passedThrough = Collections.unmodifiableList(passedThrough);
            this.arguments = arguments;
        }

        /** The arguments as given, for recording the command line beside a result. */
        public List<String> arguments() {
            return arguments;
        }

        /** Whether the flag was given. */
        public boolean has(String name) {
            return values.containsKey(name);
        }

        public Optional<String> string(String name) {
            return Optional.ofNullable(values.get(name));
        }

        public String string(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        /** An int in [min, max], or {@code fallback} when the flag is absent. */
        public int integer(String name, int fallback, int min, int max) {
            return (int) longInteger(name, fallback, min, max);
        }

        /** A long in [min, max], or {@code fallback} when the flag is absent. */
        public long longInteger(String name, long fallback, long min, long max) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            if (!INTEGER.matcher(v).matches()) {
                throw new UsageException("--" + name, "expected an integer like 100, got '" + v + "'");
            }
            long x;
            try {
                x = Long.parseLong(v);
            } catch (NumberFormatException e) { // more digits than a long holds
                x = v.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            if (x < min || x > max) {
                throw new UsageException("--" + name, "expected an integer from " + min + " to " + max + ", got " + v);
            }
            return x;
        }

        /**
         * A finite double in [min, max], or {@code fallback} when the flag is absent; a {@code min}
         * of {@link Double#MIN_VALUE} reads as "greater than 0" in messages.
         */
        public double decimal(String name, double fallback, double min, double max) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            if (!DECIMAL.matcher(v).matches()) {
                throw new UsageException("--" + name, "expected a number like 0.5 or 1e-3, got '" + v + "'");
            }
            double x = Double.parseDouble(v);
            if (!Double.isFinite(x) || x < min || x > max) {
                String range = min == Double.MIN_VALUE ? "greater than 0 and at most " + bound(max)
                        : "from " + bound(min) + " to " + bound(max);
                throw new UsageException("--" + name, "expected a number " + range + ", got " + v);
            }
            return x;
        }

        /**
         * A comma-separated list such as {@code scalar,mlp}; items are trimmed and none may be
         * empty ({@code ","}, {@code "a,,b"} and {@code "a,"} are errors).
         */
        public List<String> list(String name, String fallback) {
            String v = values.getOrDefault(name, fallback);
            List<String> items = new ArrayList<>();
            for (String item : v.split(",", -1)) {
                String t = item.strip();
                if (t.isEmpty()) {
                    throw new UsageException("--" + name, "empty item in '" + v + "' (expected a comma-separated list"
                            + " like " + fallback + ")");
                }
                items.add(t);
            }
            return List.copyOf(items);
        }

        /** A syntactically valid path (not checked against the file system). */
        public Path path(String name, Path fallback) {
            String v = values.get(name);
            if (v == null) {
                return fallback;
            }
            if (v.isBlank()) {
                throw new UsageException("--" + name, "empty path");
            }
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw new UsageException("--" + name, "invalid path '" + v + "'");
            }
        }

        /**
         * A folder to write into: it may not exist yet (it is created when written), but it must not
         * be a regular file, and its nearest existing ancestor must be a directory.
         */
        public Path outputDirectory(String name, Path fallback) {
            Path p = path(name, fallback).toAbsolutePath().normalize();
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UsageException("--" + name, "not a directory: " + p);
            }
            for (Path a = p.getParent(); a != null; a = a.getParent()) {
                if (Files.exists(a)) {
                    if (!Files.isDirectory(a)) {
                        throw new UsageException("--" + name, "not a directory: " + a);
                    }
                    break;
                }
            }
            return p;
        }

        /** Tokens that were neither flags nor flag values. */
        public List<String> positional() {
            return positional;
        }

        /** Single-dash options and their values, in order (only with {@link Flags#passSingleDash}). */
        public List<String> passedThrough() {
            return passedThrough;
        }
    }
}
