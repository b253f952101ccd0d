package io.fdbench.bench.depth;

import io.fdbench.bench.chart.Measurement;
import io.fdbench.bench.gradient.GradientSampling;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.results.Num;
import io.fdbench.bench.roofline.InputFractions;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.WorkModel;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

import java.util.List;
import java.util.Optional;

/**
 * One primary row of the depth table as a point of the fit: the method ({@code backprop},
 * {@code central-incremental}, {@code central-full}, named as the engine's estimators name
 * themselves), the network's shape with the depth taken out ({@code 784-64×L-10}), the batch, the
 * number of hidden layers L, the parameter counts, the measured ns per parameter with its 99.9 %
 * interval (the row's {@code :kiloParameters} counter; float32) and the work model's FLOPs per
 * parameter ({@link WorkModel} for the whole gradient ÷ P, on the input fractions of the row's
 * batch).
 */
record DepthPoint(String method, String network, int batch, int hiddenLayers, int parameters, int estimated,
                  Measurement nsPerParameter, double workFlopsPerParameter) {

    static final String HIDDEN_LAYERS = "hidden_layers";
    static final String PARAMETERS = "parameters";
    static final String ESTIMATED = "estimated";
    static final String NS_PER_PARAM = "ns/param";
    static final String WORK_FLOP_PER_PARAM = "work_flop/param";

    /** The counter's label in JMH's output (the field of {@link DepthCostBenchmark.Parameters}). */
    static final String KILO_PARAMETERS_COUNTER = "kiloParameters";

    /** The columns the suite appends to {@code depth.csv}; empty cells on rows that are no point. */
    static final DerivedColumns COLUMNS = DerivedColumns.of(
            List.of(HIDDEN_LAYERS, PARAMETERS, ESTIMATED, NS_PER_PARAM, WORK_FLOP_PER_PARAM),
            row -> of(row).map(p -> List.of(Integer.toString(p.hiddenLayers), Integer.toString(p.parameters),
                            Integer.toString(p.estimated), Num.format(p.nsPerParameter.value()),
                            Num.format(p.workFlopsPerParameter)))
                    .orElse(List.of("", "", "", "", "")));

    /** Whether the row is timed on a parameter sample rather than the whole gradient. */
    boolean sampled() {
        return estimated < parameters;
    }

    /**
     * The point of a primary {@code backprop} or {@code central} row with a model of at least one
     * hidden layer, all hidden layers of one width; empty for any other row.
     */
    static Optional<DepthPoint> of(JmhRow row) {
        if (row.secondary()) {
            return Optional.empty();
        }
        String name = row.benchmark().substring(row.benchmark().lastIndexOf('.') + 1);
        boolean backprop = name.equals("backprop");
        if (!backprop && !name.equals("central")) {
            return Optional.empty();
        }
        Optional<String> model = row.param("model");
        Optional<String> batchParam = row.param("batch");
        if (model.isEmpty() || batchParam.isEmpty()) {
            return Optional.empty();
        }
        int[] sizes;
        int batch;
        Evaluation evaluation;
        try {
            sizes = Mlp.parseSizes(model.get());
            batch = Integer.parseInt(batchParam.get());
            evaluation = backprop ? Evaluation.FULL : Evaluation.parse(row.param("evaluation").orElse(""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (sizes.length < 3 || batch < 1) {
            return Optional.empty();
        }
        int width = sizes[1];
        for (int l = 1; l < sizes.length - 1; l++) {
            if (sizes[l] != width) {
                return Optional.empty();
            }
        }
        Mlp m = new Mlp(sizes, Activation.SIGMOID, Loss.forOutputs(sizes[sizes.length - 1]), Kernels.scalar());
        int total = m.parameterCount();
        int estimated = backprop ? total : GradientSampling.estimatedCount(m, evaluation);
        Measurement perKilo = row.secondaryResult(KILO_PARAMETERS_COUNTER).map(Measurement::secondsPerOp).orElse(null);
        Measurement ns;
        if (perKilo != null) {
            ns = perKilo.times(1e6); // s per thousand parameters -> ns per parameter
        } else {
            Measurement perCall = Measurement.secondsPerOp(row);
            if (perCall == null) {
                return Optional.empty();
            }
            ns = perCall.times(1e9 / estimated);
        }
        InputFractions f = InputFractions.ofWorkload(model.get(), batch);
        double work = backprop ? WorkModel.backpropFlops(sizes, batch, f.blank())
                : WorkModel.flops(sizes, batch, f.blank(), f.zero(), Scheme.CENTRAL, evaluation);
        String method = backprop ? "backprop" : Scheme.CENTRAL.label() + "-" + evaluation.label();
        String network = sizes[0] + "-" + width + "×L-" + sizes[sizes.length - 1];
        return Optional.of(new DepthPoint(method, network, batch, sizes.length - 2, total, estimated, ns,
                work / total));
    }
}
