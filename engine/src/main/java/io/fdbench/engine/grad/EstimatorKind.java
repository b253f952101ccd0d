package io.fdbench.engine.grad;

import io.fdbench.engine.nn.Mlp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One way of getting a gradient, by the name a user types ("backprop", "central", ...): what it
 * is, which {@link EstimatorOption}s it reads, how to build it and how much memory it will take.
 * The registry is {@link Estimators}.
 *
 * @param name        the name on the command line and in result files
 * @param description one line for help texts
 * @param options     the options it reads; the others are refused by the commands
 * @param defaultStep the step it uses in a precision when none is given (null when it reads no step)
 * @param factory     builds it for a model and batches of up to {@code capacity} rows; the options'
 *                    step is already resolved ({@link #resolve})
 * @param footprint   its workspaces' heap bytes from the sizes alone, before allocating
 */
public record EstimatorKind(String name, String description, Set<EstimatorOption> options,
                            Function<Precision, StepRule> defaultStep, Factory factory, FootprintModel footprint) {

    public EstimatorKind {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        options = Set.copyOf(options);
        if (options.contains(EstimatorOption.STEP) != (defaultStep != null)) {
            throw new IllegalArgumentException(name + ": a default step is given exactly when the step is read");
        }
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(footprint, "footprint");
    }

    /** Builds the estimator. */
    public GradientEstimator create(Mlp model, int capacity, EstimatorOptions o) {
        return factory.create(model, capacity, resolve(o));
    }

    /** The options with the step filled in: the given one, else this kind's default in the precision. */
    public EstimatorOptions resolve(EstimatorOptions o) {
        if (defaultStep == null || o.step() != null) {
            return o;
        }
        return o.withStep(defaultStep.apply(o.precision()));
    }

    /**
     * The settings it runs with, by flag name, in {@link EstimatorOption} order: only the ones it
     * reads, the step resolved. For env files and reports.
     */
    public Map<String, String> settings(EstimatorOptions o) {
        EstimatorOptions r = resolve(o);
        Map<String, String> out = new LinkedHashMap<>();
        for (EstimatorOption option : EstimatorOption.values()) {
            if (!reads(option)) {
                continue;
            }
            switch (option) {
                case EVALUATION -> out.put(option.flag(), r.evaluation().label());
                case PRECISION -> out.put(option.flag(), r.precision().label());
                case STEP -> out.put(option.flag(), r.step().toString());
                case PARAMETER_WORKERS -> out.put(option.flag(), Integer.toString(r.parameterWorkers()));
                case BATCH_WORKERS -> out.put(option.flag(), Integer.toString(r.batchWorkers()));
                case DIRECTIONS -> out.put(option.flag(), Integer.toString(r.directions()));
                case DIRECTION_SEED -> out.put(option.flag(), Long.toString(r.directionSeed()));
                default -> throw new AssertionError(option);
            }
        }
        return out;
    }

    /** Whether it reads the option. */
    public boolean reads(EstimatorOption option) {
        return options.contains(option);
    }

    @FunctionalInterface
    public interface Factory {
        GradientEstimator create(Mlp model, int capacity, EstimatorOptions o);
    }

    @FunctionalInterface
    public interface FootprintModel {
        long bytes(int[] sizes, int batch, EstimatorOptions o);
    }
}
