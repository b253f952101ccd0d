package io.fdbench.bench.gradient;

import io.fdbench.bench.results.JmhRow;
import io.fdbench.bench.roofline.InputFractions;
import io.fdbench.engine.grad.Evaluation;
import io.fdbench.engine.grad.Scheme;
import io.fdbench.engine.grad.WorkModel;
import io.fdbench.engine.kernel.Activation;
import io.fdbench.engine.kernel.Kernels;
import io.fdbench.engine.nn.Loss;
import io.fdbench.engine.nn.Mlp;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The minimal work, in FLOP, of one operation of a gradient-family row ({@link WorkModel} on the
 * row's model and on the input fractions of the batch {@code Workload} builds for it): one whole
 * gradient for {@code backprop}, {@code backpropScaling}, and the finite differences that estimate
 * every parameter; for a sampled row ({@link GradientSampling}) the share its time covers: the
 * shared part (the forward pass of the one-sided FULL base point, the cached forward pass of
 * INCREMENTAL) plus the per-parameter part × estimated ÷ parameters. That share takes every
 * parameter's work as the mean one: the stratified sample spreads over every layer in proportion,
 * so it is close, not exact, for INCREMENTAL, whose work per parameter differs by layer.
 * {@code finiteDifferenceScaling} is the central difference.
 */
final class GradientWork {

    private GradientWork() {
    }

    static OptionalDouble flops(JmhRow row) {
        String method = row.benchmark().substring(row.benchmark().lastIndexOf('.') + 1);
        boolean backprop = method.equals("backprop") || method.equals("backpropScaling");
        boolean fd = method.equals("finiteDifference") || method.equals("finiteDifferenceScaling");
        Optional<String> model = row.param("model");
        Optional<String> batchParam = row.param("batch");
        if (row.secondary() || !(backprop || fd) || model.isEmpty() || batchParam.isEmpty()) {
            return OptionalDouble.empty();
        }
        int[] sizes;
        int batch;
        Scheme scheme;
        Evaluation evaluation;
        try {
            sizes = Mlp.parseSizes(model.get());
            batch = Integer.parseInt(batchParam.get());
            scheme = Scheme.parse(row.param("estimator").orElse("central"));
            evaluation = Evaluation.parse(row.param("evaluation").orElse("full"));
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
        if (batch < 1) {
            return OptionalDouble.empty();
        }
        InputFractions f = InputFractions.ofWorkload(model.get(), batch);
        if (backprop) {
            return OptionalDouble.of(WorkModel.backpropFlops(sizes, batch, f.blank()));
        }
        double whole = WorkModel.flops(sizes, batch, f.blank(), f.zero(), scheme, evaluation);
        Mlp m = new Mlp(sizes, Activation.SIGMOID, Loss.forOutputs(sizes[sizes.length - 1]), Kernels.scalar());
        int total = m.parameterCount();
        int estimated = GradientSampling.estimatedCount(m, evaluation);
        if (estimated == total) {
            return OptionalDouble.of(whole);
        }
        boolean sharedForward = evaluation == Evaluation.INCREMENTAL || scheme != Scheme.CENTRAL;
        double shared = sharedForward ? WorkModel.forwardFlops(sizes, batch, f.blank()) : 0;
        return OptionalDouble.of(shared + (whole - shared) * estimated / total);
    }
}
