package io.fdbench.engine.grad;

import io.fdbench.engine.memory.Footprint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Every gradient estimator by name: the one list that the commands, the benchmarks and the
 * experiments build estimators from, so a new estimator is one entry here and every one of them
 * sees it.
 */
public final class Estimators {

    private static final Set<EstimatorOption> FINITE_DIFFERENCE = EnumSet.of(EstimatorOption.EVALUATION,
            EstimatorOption.PRECISION, EstimatorOption.STEP, EstimatorOption.PARAMETER_WORKERS);

    private static final Set<EstimatorOption> TWO_POINT = EnumSet.of(EstimatorOption.STEP,
            EstimatorOption.DIRECTIONS, EstimatorOption.DIRECTION_SEED);

    private static final List<EstimatorKind> KINDS = List.of(
            new EstimatorKind("backprop", "exact gradient by backpropagation (float)",
                    EnumSet.of(EstimatorOption.BATCH_WORKERS), null,
                    (model, capacity, o) -> new BackpropEstimator(model, capacity, o.batchWorkers()),
                    (sizes, batch, o) -> Footprint.backprop(sizes, batch, o.batchWorkers())),
            scheme(Scheme.FORWARD, "(f(θ+h) − f(θ)) / h, P + 1 loss evaluations"),
            scheme(Scheme.BACKWARD, "(f(θ) − f(θ−h)) / h, P + 1 loss evaluations"),
            scheme(Scheme.CENTRAL, "(f(θ+h) − f(θ−h)) / 2h, 2P loss evaluations"),
            scheme(Scheme.FIVE_POINT, "(−f(θ+2h) + 8f(θ+h) − 8f(θ−h) + f(θ−2h)) / 12h, fourth order, 4P loss evaluations"),
            scheme(Scheme.RICHARDSON, "(4D(h/2) − D(h)) / 3 of the central difference D, fourth order, with"
                    + " |D(h) − D(h/2)| / 3 as error estimate, 4P loss evaluations"),
            new EstimatorKind("adaptive", "Richardson with a step chosen per parameter from its error estimate,"
                    + " shrunk or grown by 2 from h (relative), 2 loss evaluations per step tried",
                    FINITE_DIFFERENCE, AdaptiveStep::defaultStartStep,
                    (model, capacity, o) -> new AdaptiveStep(model, capacity, o),
                    (sizes, batch, o) -> AdaptiveStep.footprint(sizes, batch, o)),
            new EstimatorKind("complex-step", "Im f(θ + ih) / h in complex double, P + 1 loss evaluations; analytic"
                    + " activations only", EnumSet.of(EstimatorOption.EVALUATION, EstimatorOption.STEP),
                    precision -> StepRule.absolute(ComplexStep.DEFAULT_STEP),
                    (model, capacity, o) -> new ComplexStep(model, capacity, o.evaluation(), o.step()),
                    (sizes, batch, o) -> Footprint.complexStep(sizes, batch,
                            o.evaluation() == Evaluation.INCREMENTAL)),
            twoPoint(RandomDirections.Distribution.RADEMACHER, "spsa",
                    "SPSA: mean of (f(θ+hv) − f(θ−hv)) / 2h · v over q Rademacher directions (float),"
                            + " 2q loss evaluations"),
            twoPoint(RandomDirections.Distribution.GAUSSIAN, "gaussian",
                    "Gaussian two-point (MeZO): as spsa with N(0,1) directions (float), 2q loss evaluations"),
            new EstimatorKind("forward-gradient", "forward gradient: mean of (vᵀ∇f)·v over q N(0,1) directions,"
                    + " vᵀ∇f by forward-mode tangents (float), q loss evaluations",
                    EnumSet.of(EstimatorOption.DIRECTIONS, EstimatorOption.DIRECTION_SEED), null,
                    (model, capacity, o) -> new ForwardGradientEstimator(model, capacity, o.directions(),
                            o.directionSeed()),
                    (sizes, batch, o) -> Footprint.forwardGradient(sizes, batch)));

    private Estimators() {
    }

    private static EstimatorKind scheme(Scheme scheme, String description) {
        return new EstimatorKind(scheme.label(), description, FINITE_DIFFERENCE,
                precision -> FiniteDifferenceConfig.defaultStepRule(scheme, precision),
                (model, capacity, o) -> new FiniteDifference(model, capacity, finiteDifferenceConfig(scheme, o)),
                (sizes, batch, o) -> Footprint.finiteDifference(sizes, batch, o.parameterWorkers(),
                        o.precision() == Precision.DOUBLE, o.evaluation() == Evaluation.INCREMENTAL)
                        // Richardson's error estimates: by position and in the gradient's layout, double each
                        + (scheme == Scheme.RICHARDSON ? 2L * Double.BYTES * Footprint.parameterCount(sizes) : 0));
    }

    private static EstimatorKind twoPoint(RandomDirections.Distribution distribution, String name,
                                          String description) {
        return new EstimatorKind(name, description, TWO_POINT,
                precision -> StepRule.absolute(TwoPointEstimator.defaultStep()),
                (model, capacity, o) -> new TwoPointEstimator(model, capacity, distribution, o.step(), o.directions(),
                        o.directionSeed()),
                (sizes, batch, o) -> Footprint.twoPoint(sizes, batch));
    }

    /** The finite-difference configuration of a scheme under the options (the default step when none). */
    public static FiniteDifferenceConfig finiteDifferenceConfig(Scheme scheme, EstimatorOptions o) {
        StepRule step = o.step() != null ? o.step() : FiniteDifferenceConfig.defaultStepRule(scheme, o.precision());
        return new FiniteDifferenceConfig(scheme, o.evaluation(), o.precision(), step, o.parameterWorkers());
    }

    /** Every estimator, in the order help texts list them. */
    public static List<EstimatorKind> all() {
        return KINDS;
    }

    /** The names, comma separated, for messages. */
    public static String names() {
        StringJoiner j = new StringJoiner(", ");
        for (EstimatorKind k : KINDS) {
            j.add(k.name());
        }
        return j.toString();
    }

    /** The estimator of that name (case-insensitive); an {@link IllegalArgumentException} listing the names otherwise. */
    public static EstimatorKind kind(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (EstimatorKind k : KINDS) {
            if (k.name().equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "' (expected " + names() + ")");
    }

    /** The names of the estimators that read an option. */
    public static List<String> reading(EstimatorOption option) {
        List<String> out = new ArrayList<>();
        for (EstimatorKind k : KINDS) {
            if (k.reads(option)) {
                out.add(k.name());
            }
        }
        return out;
    }
}
