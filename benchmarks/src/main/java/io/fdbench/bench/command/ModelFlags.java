package io.fdbench.bench.command;

import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.engine.grad.BackpropEstimator;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifference;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.StepRule;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernel;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.memory.Footprint;
import io.fdbench.engine.memory.HeapBudget;
import io.fdbench.engine.nn.Init;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

/** The model and estimator flags shared by gradcheck and train, parsed with errors naming the flag. */
final class ModelFlags {

    private ModelFlags() {
    }

    static Flags declareModel(Flags f) {
        return f.value("model", "SIZES", "layer sizes, e.g. 784-50-10 (default 784-50-10)")
                .value("activation", "NAME", "hidden activation: sigmoid, tanh or relu (default sigmoid)")
                .value("loss", "NAME", "softmax-ce, sigmoid-mse or identity-mse (default softmax-ce, or"
                        + " sigmoid-mse for one output)")
                .value("init", "NAME", "normal (σ = 0.01), xavier or he (default normal)")
                .value("seed", "N", "seed of the initialisation and of synthetic data (default 20261123)");
    }

    static Flags declareEstimator(Flags f, String prefix, String what, String defaultPrecision) {
        return f.value(prefix + "estimator", "NAME", what + ": backprop, forward, backward or central")
                .value(prefix + "evaluation", "NAME", "full or incremental (finite differences; default incremental)")
                .value(prefix + "precision", "NAME", "float or double (finite differences; default "
                        + defaultPrecision + ")")
                .value(prefix + "h", "STEP", "finite-difference step, > 0 (default 1e-2 in float, 1e-5 central"
                        + " and 1e-7 one-sided in double)")
                .flag(prefix + "relative", "use the relative step h·max(1, |θᵢ|)");
    }

    /**
     * The worker flags of the estimators: {@code --parameter-workers} (threads finite differences
     * split the parameters over) and {@code --batch-workers} (threads backprop splits the batch
     * rows over).
     */
    static Flags declareWorkers(Flags f, int defaultParameterWorkers) {
        return f.value("parameter-workers", "N", "threads finite differences split the parameters over (default "
                        + defaultParameterWorkers + ")")
                .value("batch-workers", "N", "threads backprop splits the batch rows over (default 1)");
    }

    static int parameterWorkers(Flags.Parsed p, int defaultParameterWorkers) {
        return p.integer("parameter-workers", defaultParameterWorkers, 1, 256);
    }

    static int batchWorkers(Flags.Parsed p) {
        return p.integer("batch-workers", 1, 1, 256);
    }

    /**
     * The estimator named by {@code --<prefix>estimator} (default {@code fallback}): backprop with
     * {@code batchWorkers}, or finite differences with {@code parameterWorkers}.
     */
    static GradientEstimator estimator(Flags.Parsed p, String prefix, String fallback, String defaultPrecision,
                                       Mlp model, int batch, int parameterWorkers, int batchWorkers) {
        String name = estimator(p, prefix, fallback);
        if (name.equals("backprop")) {
            return new BackpropEstimator(model, batch, batchWorkers);
        }
        return new FiniteDifference(model, batch,
                fdConfig(p, prefix, name, "incremental", defaultPrecision, parameterWorkers));
    }

    /**
     * Heap bytes of the estimator {@link #estimator(Flags.Parsed, String, String, String, Mlp, int, int, int)}
     * would build, from the sizes alone ({@link Footprint}), so a run can be refused before it allocates.
     */
    static long estimatorFootprint(Flags.Parsed p, String prefix, String fallback, String defaultPrecision,
                                   int[] sizes, int batch, int parameterWorkers, int batchWorkers) {
        String name = estimator(p, prefix, fallback);
        if (name.equals("backprop")) {
            return Footprint.backprop(sizes, batch, batchWorkers);
        }
        FiniteDifferenceConfig c = fdConfig(p, prefix, name, "incremental", defaultPrecision, parameterWorkers);
        return Footprint.finiteDifference(sizes, batch, parameterWorkers, c.precision() == Precision.DOUBLE,
                c.evaluation() == Evaluation.INCREMENTAL);
    }

    /**
     * Refuses the run of {@code command} on the model {@code sizes} when the heap cannot hold the
     * sum of {@code footprints}: an {@link io.fdbench.engine.memory.InsufficientHeapException}
     * (exit 3) naming {@code command --model SIZES}, the figure and the {@code -Xmx} to use.
     */
    static void requireHeap(String command, int[] sizes, long... footprints) {
        long total = 0;
        for (long b : footprints) {
            total = total + b < 0 ? Long.MAX_VALUE : total + b; // saturate: a sum past 8 EiB is refused alike
        }
        StringBuilder spec = new StringBuilder();
        for (int s : sizes) {
            spec.append(spec.length() == 0 ? "" : "-").append(s);
        }
        HeapBudget.require(total, command + " --model " + spec);
    }

    static Mlp model(Flags.Parsed p) {
        return model(p, Kernels.best());
    }

    /** The model of the flags on {@code kernel}. */
    static Mlp model(Flags.Parsed p, Kernel kernel) {
        int[] sizes = sizes(p.string("model", "784-50-10"));
        Activation hidden = parse("--activation", () -> Activation.parse(p.string("activation", "sigmoid")));
        if (hidden == Activation.IDENTITY) {
            throw new UsageException("--activation", "expected sigmoid, tanh or relu, got identity");
        }
        int outputs = sizes[sizes.length - 1];
        Loss loss = parse("--loss", () -> Loss.parse(p.string("loss", Loss.forOutputs(outputs).label())));
        if (outputs < loss.minOutputs()) {
            throw new UsageException("--loss", loss.label() + " needs at least " + loss.minOutputs()
                    + " outputs, --model has " + outputs);
        }
        return parse("--model", () -> new Mlp(sizes, hidden, loss, kernel));
    }

    /**
     * Parses layer sizes such as 784-50-10 (or 784x50x10, 784,50,10: one separator throughout),
     * naming the bad part: {@code 784-x-10} says 'x' is not a layer size.
     */
    static int[] sizes(String spec) {
        String expected = " (expected positive integers separated by '-', e.g. 784-50-10)";
        char sep = '-';
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '-' || c == 'x' || c == ',') {
                sep = c;
                break;
            }
        }
        String[] parts = spec.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw new UsageException("--model", "layer size " + (i + 1) + " of " + spec + " is empty" + expected);
            }
            if (!part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new UsageException("--model", "'" + part + "' in " + spec + " is not a layer size" + expected);
            }
            if (part.length() > 9 || Integer.parseInt(part) == 0) {
                throw new UsageException("--model", "layer size " + part + " in " + spec
                        + " must be from 1 to 999999999");
            }
            sizes[i] = Integer.parseInt(part);
        }
        if (sizes.length < 2) {
            throw new UsageException("--model", "'" + spec + "' has one layer size; at least two are needed"
                    + expected);
        }
        return sizes;
    }

    static Init init(Flags.Parsed p) {
        return parse("--init", () -> Init.parse(p.string("init", "normal")));
    }

    static long seed(Flags.Parsed p) {
        return p.longInteger("seed", 20261123L, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * "backprop" or a finite-difference scheme. With backprop, the finite-difference flags of the
     * same prefix are still checked, and refused when given: they would have no effect.
     */
    static String estimator(Flags.Parsed p, String prefix, String fallback) {
        String v = p.string(prefix + "estimator", fallback).trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("backprop") && !v.equals("forward") && !v.equals("backward") && !v.equals("central")) {
            throw new UsageException("--" + prefix + "estimator", "unknown estimator '" + v
                    + "' (expected backprop, forward, backward or central)");
        }
        if (v.equals("backprop")) {
            parse("--" + prefix + "evaluation", () -> Evaluation.parse(p.string(prefix + "evaluation", "full")));
            parse("--" + prefix + "precision", () -> Precision.parse(p.string(prefix + "precision", "float")));
            p.decimal(prefix + "h", 1, Double.MIN_VALUE, 1.0);
            for (String unused : java.util.List.of("evaluation", "precision", "h", "relative")) {
                if (p.has(prefix + unused)) {
                    throw new UsageException("--" + prefix + unused, "applies to finite differences only, and --"
                            + prefix + "estimator is backprop");
                }
            }
        }
        return v;
    }

    static FiniteDifferenceConfig fdConfig(Flags.Parsed p, String prefix, String scheme, String defaultEvaluation,
                                           String defaultPrecision, int parameterWorkers) {
        Scheme s = parse("--" + prefix + "estimator", () -> Scheme.parse(scheme));
        Evaluation e = parse("--" + prefix + "evaluation",
                () -> Evaluation.parse(p.string(prefix + "evaluation", defaultEvaluation)));
        Precision pr = parse("--" + prefix + "precision",
                () -> Precision.parse(p.string(prefix + "precision", defaultPrecision)));
        double h = p.decimal(prefix + "h", FiniteDifferenceConfig.defaultStep(s, pr), Double.MIN_VALUE, 1.0);
        StepRule step = p.has(prefix + "relative") ? StepRule.relative(h) : StepRule.absolute(h);
        return new FiniteDifferenceConfig(s, e, pr, step, parameterWorkers);
    }

    static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag, e.getMessage());
        }
    }
}
