package io.fdbench.bench.command;

import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.engine.grad.EstimatorKind;
import io.fdbench.engine.grad.EstimatorOption;
import io.fdbench.engine.grad.EstimatorOptions;
import io.fdbench.engine.grad.Estimators;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.GradientEstimator;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.RefusedSettingException;
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
        return f.value(prefix + "estimator", "NAME", what + ": " + Estimators.names())
                .value(prefix + "evaluation", "NAME", "full or incremental (finite differences; default incremental)")
                .value(prefix + "precision", "NAME", "float or double (finite differences; default "
                        + defaultPrecision + ")")
                .value(prefix + "h", "STEP", "step in (0, 1] (default 1e-2 in float, 1e-5 central and 1e-7"
                        + " one-sided in double; five-point, richardson and adaptive: u^(1/5) relative, 0.036 in"
                        + " float, 6.4e-4 in double; 2^-8 for spsa and gaussian; 1e-20 for complex-step, which takes"
                        + " 1e-300 to 1e-3)")
                .flag(prefix + "relative", "use the relative step h·max(1, |θᵢ|)")
                .value(prefix + "directions", "Q", "random directions averaged per gradient (stochastic"
                        + " estimators; default 1)")
                .value(prefix + "direction-seed", "N", "seed of the random directions (default "
                        + EstimatorOptions.DEFAULT_DIRECTION_SEED + ")");
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
     * The estimator named by {@code --<prefix>estimator} (default {@code fallback}) with the
     * options of the flags ({@link #options}).
     */
    static GradientEstimator estimator(Flags.Parsed p, String prefix, String fallback, String defaultPrecision,
                                       Mlp model, int batch, int parameterWorkers, int batchWorkers) {
        EstimatorKind kind = kind(p, prefix, fallback);
        return create(kind, prefix, model, batch, options(p, prefix, kind, defaultPrecision, parameterWorkers,
                batchWorkers));
    }

    /**
     * Builds the estimator; a setting it refuses ({@link RefusedSettingException}: the complex step
     * on a relu network, a step outside its range) is a usage error naming the flag that set it.
     */
    static GradientEstimator create(EstimatorKind kind, String prefix, Mlp model, int batch, EstimatorOptions o) {
        try {
            return kind.create(model, batch, o);
        } catch (RefusedSettingException e) {
            String flag = e.setting() == RefusedSettingException.Setting.ACTIVATION ? "--activation"
                    : "--" + prefix + "h";
            throw new UsageException(flag, e.getMessage() + " (--" + prefix + "estimator " + kind.name() + ")");
        }
    }

    /**
     * Heap bytes of the estimator {@link #estimator(Flags.Parsed, String, String, String, Mlp, int, int, int)}
     * would build, from the sizes alone ({@link Footprint}), so a run can be refused before it allocates.
     */
    static long estimatorFootprint(Flags.Parsed p, String prefix, String fallback, String defaultPrecision,
                                   int[] sizes, int batch, int parameterWorkers, int batchWorkers) {
        EstimatorKind kind = kind(p, prefix, fallback);
        return kind.footprint().bytes(sizes, batch,
                kind.resolve(options(p, prefix, kind, defaultPrecision, parameterWorkers, batchWorkers)));
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
     * The estimator kind of {@code --<prefix>estimator} (default {@code fallback}). Every
     * estimator flag of the prefix is checked, and refused when given to a kind that does not read
     * it: it would have no effect.
     */
    static EstimatorKind kind(Flags.Parsed p, String prefix, String fallback) {
        EstimatorKind kind = parse("--" + prefix + "estimator", () -> Estimators.kind(p.string(prefix + "estimator",
                fallback)));
        rawOptions(p, prefix, "float");
        for (EstimatorOption option : EstimatorOption.values()) {
            String flag = prefix + option.flag();
            if (option == EstimatorOption.PARAMETER_WORKERS || option == EstimatorOption.BATCH_WORKERS) {
                continue; // declared once for both estimators of a command (declareWorkers)
            }
            if (option == EstimatorOption.STEP) {
                for (String f : new String[] {prefix + "h", prefix + "relative"}) {
                    if (p.has(f) && !kind.reads(option)) {
                        throw refused(f, kind, option);
                    }
                }
            } else if (p.has(flag) && !kind.reads(option)) {
                throw refused(flag, kind, option);
            }
        }
        return kind;
    }

    private static UsageException refused(String flag, EstimatorKind kind, EstimatorOption option) {
        return new UsageException("--" + flag, "has no effect on the estimator " + kind.name() + "; it applies to "
                + String.join(", ", Estimators.reading(option)));
    }

    /** The options of the flags of the prefix (the worker counts are shared by both prefixes). */
    static EstimatorOptions options(Flags.Parsed p, String prefix, EstimatorKind kind, String defaultPrecision,
                                    int parameterWorkers, int batchWorkers) {
        EstimatorOptions o = rawOptions(p, prefix, kind.reads(EstimatorOption.PRECISION) ? defaultPrecision : "float")
                .withParameterWorkers(parameterWorkers).withBatchWorkers(batchWorkers);
        if (o.step() == null && p.has(prefix + "relative")) {
            // --relative alone: the kind's default step, made relative
            o = o.withStep(StepRule.relative(kind.resolve(o).step().h()));
        }
        return o;
    }

    /** Every option flag of the prefix parsed and range-checked, whatever the estimator. */
    private static EstimatorOptions rawOptions(Flags.Parsed p, String prefix, String defaultPrecision) {
        Evaluation e = parse("--" + prefix + "evaluation",
                () -> Evaluation.parse(p.string(prefix + "evaluation", "incremental")));
        Precision pr = parse("--" + prefix + "precision",
                () -> Precision.parse(p.string(prefix + "precision", defaultPrecision)));
        double h = p.decimal(prefix + "h", 1, Double.MIN_VALUE, 1.0);
        StepRule step = !p.has(prefix + "h") ? null
                : p.has(prefix + "relative") ? StepRule.relative(h) : StepRule.absolute(h);
        int q = p.integer(prefix + "directions", 1, 1, 1 << 20);
        long seed = p.longInteger(prefix + "direction-seed", EstimatorOptions.DEFAULT_DIRECTION_SEED,
                Long.MIN_VALUE, Long.MAX_VALUE);
        return new EstimatorOptions(e, pr, step, 1, 1, q, seed);
    }

    static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag, e.getMessage());
        }
    }
}
