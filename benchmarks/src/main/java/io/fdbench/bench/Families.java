package io.fdbench.bench;

import io.fdbench.bench.accuracy.AccuracyFamily;
import io.fdbench.bench.cost.CostFamily;
import io.fdbench.bench.depth.DepthFamily;
import io.fdbench.bench.epoch.EpochFamily;
import io.fdbench.bench.epoch.FashionEpochFamily;
import io.fdbench.bench.experiment.ExperimentFamily;
import io.fdbench.bench.family.BenchmarkFamily;
import io.fdbench.bench.gradient.GradientCostFamily;
import io.fdbench.bench.kernel.KernelFamily;
import io.fdbench.bench.peers.PeersFamily;
import io.fdbench.bench.stepsize.StepSizeFamily;

import java.util.List;

/**
 * The registry of benchmark families, in the order the suite runs them. Adding a family is a new
 * package implementing {@link io.fdbench.bench.family.JmhFamily} or
 * {@link io.fdbench.bench.family.ComputedFamily}, and one line here; the suite, {@code report}
 * and the ratio lines then see it. The peers come first so that {@code --with-peers} measures
 * them before the engine, as in the committed runs.
 */
public final class Families {

    public static final List<BenchmarkFamily> ALL = List.of(
            new PeersFamily(),
            new KernelFamily(),
            new GradientCostFamily(),
            new CostFamily(),
            new DepthFamily(),
            new EpochFamily(),
            new FashionEpochFamily(),
            new StepSizeFamily(),
            new AccuracyFamily(),
            ExperimentFamily.classic(), ExperimentFamily.backpropToy(), ExperimentFamily.xor());

    private Families() {
    }
}
