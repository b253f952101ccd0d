package io.fdbench.bench.command;

import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.FiniteDifferenceConfig;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.StepRule;
import io.fdbench.engine.kernel.Activation;
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

    static Flags declareEstimator(Flags f, String prefix, String what) {
        return f.value(prefix + "estimator", "NAME", what + ": backprop, forward, backward or central")
                .value(prefix + "evaluation", "NAME", "full or incremental (finite differences; default incremental)")
                .value(prefix + "precision", "NAME", "float or double (finite differences; default float)")
                .value(prefix + "h", "STEP", "finite-difference step, > 0 (default 1e-2 in float, 1e-5 central"
                        + " and 1e-7 one-sided in double)")
                .flag(prefix + "relative", "use the relative step h·max(1, |θᵢ|)");
    }

    static Mlp model(Flags.Parsed p) {
        String spec = p.string("model", "784-50-10");
        int[] sizes;
        try {
            sizes = Mlp.parseSizes(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--model", e.getMessage());
        }
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
        return Mlp.of(spec, hidden, loss);
    }

    static Init init(Flags.Parsed p) {
        return parse("--init", () -> Init.parse(p.string("init", "normal")));
    }

    static long seed(Flags.Parsed p) {
        String v = p.string("seed", "20261123");
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--seed", "expected an integer, got '" + v + "'");
        }
    }

    /** "backprop" or a finite-difference scheme. */
    static String estimator(Flags.Parsed p, String prefix, String fallback) {
        String v = p.string(prefix + "estimator", fallback).trim().toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("backprop") && !v.equals("forward") && !v.equals("backward") && !v.equals("central")) {
            throw new UsageException("--" + prefix + "estimator", "unknown estimator '" + v
                    + "' (expected backprop, forward, backward or central)");
        }
        return v;
    }

    static FiniteDifferenceConfig fdConfig(Flags.Parsed p, String prefix, String scheme, String defaultEvaluation,
                                           String defaultPrecision, int threads) {
        Scheme s = parse("--" + prefix + "estimator", () -> Scheme.parse(scheme));
        Evaluation e = parse("--" + prefix + "evaluation",
                () -> Evaluation.parse(p.string(prefix + "evaluation", defaultEvaluation)));
        Precision pr = parse("--" + prefix + "precision",
                () -> Precision.parse(p.string(prefix + "precision", defaultPrecision)));
        double h = p.decimal(prefix + "h", FiniteDifferenceConfig.defaultStep(s, pr), Double.MIN_VALUE, 1.0);
        StepRule step = p.has(prefix + "relative") ? StepRule.relative(h) : StepRule.absolute(h);
        return new FiniteDifferenceConfig(s, e, pr, step, threads);
    }

    static <T> T parse(String flag, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag, e.getMessage());
        }
    }
}
