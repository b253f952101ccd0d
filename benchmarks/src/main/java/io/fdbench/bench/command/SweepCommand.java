package io.fdbench.bench.command;

import io.fdbench.bench.cli.CommonFlags;
import io.fdbench.bench.cli.Exit;
import io.fdbench.bench.cli.FlagCommand;
import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.stepsize.StepSizeSettings;
import io.fdbench.bench.stepsize.StepSizeSweepRun;
import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.VanishedStepException;
import io.fdbench.engine.numerics.StepGrid;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code sweep}: the step-size family ({@link io.fdbench.bench.stepsize.StepSizeFamily}) with
 * settings from flags: this class only parses them and names the flag of a refused value; the
 * sweep itself is {@link StepSizeSweepRun}, the same code the suite runs.
 */
public final class SweepCommand extends FlagCommand {

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    protected String summary() {
        return "Sweep finite-difference step sizes and write the error curves (stepsize.csv, stepsize-summary.csv)";
    }

    @Override
    protected Flags flags() {
        return CommonFlags.output(new Flags())
                .value("targets", "LIST", "scalar, mlp or scalar,mlp (default scalar,mlp)")
                .value("points", "N", "grid points per precision (default 40; 12 with --quick)")
                .value("max-h", "H", "largest step (default 1e-1)")
                .value("min-h-float", "H", "smallest step in float (default 2e-7)")
                .value("min-h-double", "H", "smallest step in double (default 1e-14)")
                .value("samples", "N", "MLP parameters compared, a seeded sample over every block (default 120;"
                        + " 40 with --quick)")
                .value("parameter-workers", "N", "threads the MLP curves' finite differences split the parameters"
                        + " over (default 2)");
    }

    @Override
    protected int execute(Flags.Parsed p, PrintStream out, PrintStream err) throws Exception {
        Path dir = CommonFlags.outDir(p);
        Profile profile = Profile.of(p.has("quick"));
        StepSizeSettings defaults = StepSizeSettings.defaults(profile);
        boolean scalar = false;
        boolean mlp = false;
        for (String t : p.list("targets", "scalar,mlp")) {
            switch (t) {
                case "scalar" -> scalar = true;
                case "mlp" -> mlp = true;
                default -> throw new UsageException("--targets", "unknown target '" + t + "' (expected scalar or mlp)");
            }
        }
        int points = p.integer("points", defaults.points(), 2, 1000);
        double maxH = p.decimal("max-h", defaults.maxH(), Double.MIN_VALUE, 1.0);
        double minF = p.decimal("min-h-float", defaults.minHFloat(), Double.MIN_VALUE, 1.0);
        double minD = p.decimal("min-h-double", defaults.minHDouble(), Double.MIN_VALUE, 1.0);
        int samples = p.integer("samples", defaults.samples(), 1, Integer.MAX_VALUE);
        int parameterWorkers = p.integer("parameter-workers", defaults.parameterWorkers(), 1, 256);
        if (mlp && samples > StepSizeSweepRun.mlpParameterCount()) {
            throw new UsageException("--samples", "the MLP target has only " + StepSizeSweepRun.mlpParameterCount()
                    + " parameters");
        }
        checkGrid("--min-h-float", maxH, minF, points);
        checkGrid("--min-h-double", maxH, minD, points);
        StepSizeSettings s = new StepSizeSettings(scalar, mlp, points, maxH, minF, minD, samples, parameterWorkers,
                profile);
        try {
            StepSizeSweepRun.run(s, dir, name(), out, err);
        } catch (VanishedStepException e) {
            // Refused before any point: a usage error of the bound that reaches it.
            throw new UsageException(e.precision() == Precision.FLOAT ? "--min-h-float" : "--min-h-double",
                    e.getMessage());
        }
        return Exit.OK;
    }

    private static void checkGrid(String flag, double from, double to, int points) {
        try {
            StepGrid.logarithmic(from, to, points);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag, e.getMessage());
        }
    }
}
