package io.fdbench.bench.experiment;

import io.fdbench.bench.cli.Flags;
import io.fdbench.bench.cli.UsageException;
import io.fdbench.bench.results.Environment;
import io.fdbench.bench.results.ResultFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code experiment xor}: XOR with a 2-3-1 sigmoid network in double ({@link SmallSigmoidNet}),
 * without bias (learning rate 0.6) and with bias (0.3), weights uniform in [−1, 1) from the seed.
 * Full-batch gradient descent, SGD (one sample per step, reshuffled each epoch), mini-batch 2 and
 * classic momentum 0.9 (full batch), each with backprop and with central differences, run until
 * the mean absolute error over the four inputs is below the target or the epoch budget is spent;
 * then CMA-ES and a genetic algorithm from commons-math3 ({@link GradientFree}) on the same loss
 * with the budget of loss evaluations the central-difference full-batch descent was given.
 *
 * <p>The loss a step descends is ½·Σ(o − t)² summed over the step's samples (the source's update);
 * the MAE is logged after every epoch and is not counted as a loss evaluation. A loss evaluation
 * is one pass over the four samples: a backprop step on b samples counts b/4 (its forward pass;
 * the backward pass is not a loss evaluation), a central-difference step (2P + 1)·b/4.
 */
final class XorExperiment implements Experiment {

    static final int DEFAULT_EPOCHS = 100_000;
    static final int QUICK_EPOCHS = 20_000;
    static final double DEFAULT_TARGET = 0.05;
    static final double DEFAULT_H = 1e-5;
    static final long DEFAULT_SEED = 42;
    static final double MOMENTUM = 0.9;
    static final double[] X = {0, 0, 0, 1, 1, 0, 1, 1};
    static final double[] T = {0, 1, 1, 0};

    @Override
    public String name() {
        return "xor";
    }

    @Override
    public String summary() {
        return "2-3-1 XOR with and without bias: GD variants with backprop and central differences, CMA-ES, GA";
    }

    @Override
    public Flags declare(Flags f) {
        return f.value("epochs", "N", "epoch budget of every descent (default " + DEFAULT_EPOCHS + "; " + QUICK_EPOCHS
                        + " with --quick); CMA-ES and the GA get the central full-batch descent's loss evaluations")
                .value("target-mae", "E", "stop when the mean absolute error is below E (default 0.05)")
                .value("h", "STEP", "central-difference step in double (default 1e-5)")
                .value("seed", "N", "seed of the weights, the SGD order and the optimisers (default 42)");
    }

    /** A network variant of the source: with or without bias, and its learning rate. */
    record Variant(String name, boolean bias, double lr) {
    }

    static final List<Variant> VARIANTS = List.of(new Variant("no-bias", false, 0.6), new Variant("bias", true, 0.3));

    /** A descent: samples per step and momentum. */
    record Optimizer(String name, int batch, double momentum) {
    }

    static final List<Optimizer> OPTIMIZERS = List.of(new Optimizer("full-batch", 4, 0),
            new Optimizer("sgd", 1, 0), new Optimizer("mini-batch-2", 2, 0), new Optimizer("momentum-0.9", 4, MOMENTUM));

    /** One run's outcome: epochs (or -1 for the gradient-free) and evaluations to the target (-1 if not reached). */
    record Outcome(String variant, String method, double lr, long epochsRun, long epochsToTarget, double secondsToTarget,
                   double evaluationsToTarget, double evaluationsRun, double seconds, double finalMae,
                   double[] predictions, List<double[]> curve, String note) {
        boolean reached() {
            return epochsToTarget >= 0 || evaluationsToTarget >= 0;
        }
    }

    static double mae(SmallSigmoidNet net, double[] theta) {
        double s = 0;
        for (int r = 0; r < 4; r++) {
            s += Math.abs(net.predict(theta, X, 2 * r)[0] - T[r]);
        }
        return s / 4;
    }

    static double[] predictions(SmallSigmoidNet net, double[] theta) {
        double[] p = new double[4];
        for (int r = 0; r < 4; r++) {
            p[r] = net.predict(theta, X, 2 * r)[0];
        }
        return p;
    }

    /** The initial weights of a variant: the same for every method of that variant. */
    static double[] initial(SmallSigmoidNet net, long seed) {
        return net.uniform(new Random(seed));
    }

    /** One gradient descent run; curve rows are (epoch, evaluations, MAE, seconds) at log-spaced epochs. */
    static Outcome descend(Variant v, Optimizer o, boolean central, int epochs, double target, double h, long seed) {
        SmallSigmoidNet net = new SmallSigmoidNet(new int[] {2, 3, 1}, v.bias());
        double[] theta = initial(net, seed);
        int p = theta.length;
        double[] grad = new double[p];
        double[] velocity = new double[p];
        int[] order = {0, 1, 2, 3};
        Random shuffle = new Random(seed + 1);
        double perSample = central ? 2.0 * p + 1 : 1;
        List<double[]> curve = new ArrayList<>();
        double mae = mae(net, theta);
        curve.add(new double[] {0, 0, mae, 0});
        long nextLog = 1;
        double evaluations = 0;
        long epochsToTarget = -1;
        double secondsToTarget = Double.NaN;
        double evaluationsToTarget = -1;
        long epoch = 0;
        long start = System.nanoTime();
        while (epoch < epochs && epochsToTarget < 0) {
            epoch++;
            if (o.batch() < 4) {
                for (int i = 3; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            for (int from = 0; from < 4; from += o.batch()) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(4, from + o.batch()));
                if (central) {
                    net.central(theta, X, T, rows, false, h, grad);
                } else {
                    net.backprop(theta, X, T, rows, false, grad);
                }
                evaluations += perSample * rows.length / 4.0;
                for (int i = 0; i < p; i++) {
                    velocity[i] = o.momentum() * velocity[i] - v.lr() * grad[i];
                    theta[i] += velocity[i];
                }
            }
            mae = mae(net, theta);
            if (mae < target) {
                epochsToTarget = epoch;
                secondsToTarget = (System.nanoTime() - start) * 1e-9;
                evaluationsToTarget = evaluations;
            }
            if (epoch >= nextLog || epochsToTarget >= 0 || epoch == epochs) {
                curve.add(new double[] {epoch, evaluations, mae, (System.nanoTime() - start) * 1e-9});
                nextLog = Math.max(nextLog + 1, (long) Math.ceil(nextLog * 1.05));
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        String method = o.name() + " " + (central ? "central" : "backprop");
        String note = epochsToTarget >= 0 ? "" : "MAE not below " + target + " within " + epochs + " epochs";
        return new Outcome(v.name(), method, v.lr(), epoch, epochsToTarget, secondsToTarget, evaluationsToTarget,
                evaluations, seconds, mae, predictions(net, theta), curve, note);
    }

    /** CMA-ES or the GA on the full-batch loss with {@code budget} loss evaluations. */
    static Outcome gradientFree(Variant v, boolean cma, long budget, double target, long seed) {
        SmallSigmoidNet net = new SmallSigmoidNet(new int[] {2, 3, 1}, v.bias());
        int[] all = {0, 1, 2, 3};
        double[] x0 = initial(net, seed);
        GradientFree.Tally tally = new GradientFree.Tally(theta -> net.loss(theta, X, T, all, false),
                theta -> mae(net, theta), target, budget);
        String detail;
        if (cma) {
            detail = GradientFree.cmaes(tally, x0, seed) + " restarts";
        } else {
            detail = GradientFree.genetic(tally, x0.length, seed) + " generations";
        }
        double seconds = tally.seconds();
        double[] best = tally.bestPoint == null ? x0 : tally.bestPoint;
        double mae = mae(net, best);
        List<double[]> curve = new ArrayList<>();
        for (double[] c : tally.curve) {
            curve.add(new double[] {Double.NaN, c[0], c[2], c[3], c[1]});
        }
        String note = (tally.reachedAt >= 0 ? "" : "MAE not below " + target + " within " + budget
                + " loss evaluations; ") + detail;
        return new Outcome(v.name(), cma ? "cma-es" : "genetic", Double.NaN, -1, -1, tally.reachedSeconds,
                tally.reachedAt, tally.evaluations, seconds, mae, predictions(net, best), curve, note);
    }

    @Override
    public int run(Flags.Parsed p, Path dir, PrintStream out, PrintStream err) throws IOException {
        boolean quick = p.has("quick");
        int epochs = p.integer("epochs", quick ? QUICK_EPOCHS : DEFAULT_EPOCHS, 1, 100_000_000);
        double target = p.decimal("target-mae", DEFAULT_TARGET, Double.MIN_VALUE, 1);
        double h = p.decimal("h", DEFAULT_H, Double.MIN_VALUE, 1);
        long seed = p.longInteger("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        long largestP = new SmallSigmoidNet(new int[] {2, 3, 1}, true).parameterCount();
        if ((double) epochs * (2 * largestP + 1) > Integer.MAX_VALUE) {
            throw new UsageException("--epochs", epochs + " epochs give the gradient-free optimisers more than "
                    + Integer.MAX_VALUE + " loss evaluations (CMA-ES counts in an int); at most "
                    + Integer.MAX_VALUE / (2 * largestP + 1) + " epochs");
        }
        ResultFiles.checkWritable(dir, 4L << 20);
        out.printf(Locale.ROOT, "xor: 2-3-1 sigmoid, loss ½·Σ(o − t)² per step, MAE over the 4 inputs logged,"
                + " double precision; target MAE < %s, budget %d epochs%n", target, epochs);
        List<Outcome> outcomes = new ArrayList<>();
        int total = VARIANTS.size() * (OPTIMIZERS.size() * 2 + 2);
        StepProgress progress = new StepProgress("experiment xor", err);
        for (Variant v : VARIANTS) {
            for (Optimizer o : OPTIMIZERS) {
                for (boolean central : new boolean[] {false, true}) {
                    Outcome r = descend(v, o, central, epochs, target, h, seed);
                    outcomes.add(r);
                    progress.runDone(outcomes.size(), total, v.name() + " " + r.method(), r.finalMae());
                }
            }
            long budget = (long) epochs * (2L * new SmallSigmoidNet(new int[] {2, 3, 1}, v.bias()).parameterCount() + 1);
            for (boolean cma : new boolean[] {true, false}) {
                Outcome r = gradientFree(v, cma, budget, target, seed);
                outcomes.add(r);
                progress.runDone(outcomes.size(), total, v.name() + " " + r.method(), r.finalMae());
            }
        }
        print(outcomes, target, out);

        StringBuilder curves = new StringBuilder("variant,method,epoch,loss_evaluations,mae,seconds,best_loss\n");
        StringBuilder table = new StringBuilder("variant,method,lr,epochs_to_target,seconds_to_target,"
                + "loss_evaluations_to_target,epochs_run,loss_evaluations_run,seconds,final_mae,"
                + "prediction_00,prediction_01,prediction_10,prediction_11,note\n");
        for (Outcome r : outcomes) {
            for (double[] c : r.curve()) {
                curves.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s%n", r.variant(), r.method(),
                        num(c[0]), num(c[1]), num(c[2]), num(c[3]), c.length > 4 ? num(c[4]) : ""));
            }
            double[] pr = r.predictions();
            table.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s,%s,%.6f,%.8f,%.8f,%.8f,%.8f,%.8f,\"%s\"%n",
                    r.variant(), r.method(), num(r.lr()), r.epochsToTarget() < 0 ? "" : r.epochsToTarget(),
                    num(r.secondsToTarget()), r.evaluationsToTarget() < 0 ? "" : num(r.evaluationsToTarget()),
                    r.epochsRun() < 0 ? "" : r.epochsRun(), num(r.evaluationsRun()), r.seconds(), r.finalMae(),
                    pr[0], pr[1], pr[2], pr[3], r.note().replace("\"", "'")));
        }
        Map<String, String> env = Environment.host(stem(), quick ? "quick" : "full");
        env.put("command.line", "experiment " + String.join(" ", p.arguments()));
        env.put("model", "2-3-1 sigmoid (hidden and output), loss ½·Σ(o − t)² summed over a step's samples");
        env.put("arithmetic", "double (every figure)");
        env.put("variants", "no-bias lr 0.6; bias lr 0.3");
        env.put("init", "uniform [-1, 1) from java.util.Random(seed), the same for every method of a variant");
        env.put("seed", Long.toString(seed));
        env.put("epochs.budget", Integer.toString(epochs));
        env.put("target.mae", Double.toString(target));
        env.put("central.h", Double.toString(h));
        env.put("momentum", Double.toString(MOMENTUM));
        env.put("loss.evaluation", "one pass of the loss over the 4 inputs; a backprop step counts its forward pass");
        env.put("gradient-free.budget", "the central full-batch descent's: epochs × (2P + 1) loss evaluations");
        env.put("cma-es", GradientFree.cmaDescription(13));
        env.put("genetic", GradientFree.gaDescription());
        String curveText = curves.toString();
        String tableText = table.toString();
        return writeResults(dir, curveText, "-table", tableText, env, out, err);
    }

    private static void print(List<Outcome> outcomes, double target, PrintStream out) {
        out.printf(Locale.ROOT, "%-8s %-23s %5s %10s %10s %14s %9s  %s%n", "variant", "method", "lr", "epochs",
                "seconds", "loss evals", "final MAE", "predictions (0,0) (0,1) (1,0) (1,1)");
        for (Outcome r : outcomes) {
            double[] pr = r.predictions();
            String epochs = r.epochsToTarget() >= 0 ? Long.toString(r.epochsToTarget())
                    : r.epochsRun() >= 0 ? "—" : "n/a";
            out.printf(Locale.ROOT, "%-8s %-23s %5s %10s %10s %14s %9.5f  %.4f %.4f %.4f %.4f%s%n", r.variant(),
                    r.method(), Double.isNaN(r.lr()) ? "" : num(r.lr()), epochs,
                    r.reached() ? String.format(Locale.ROOT, "%.3f", r.secondsToTarget()) : "—",
                    r.reached() ? num(r.evaluationsToTarget()) : "—", r.finalMae(), pr[0], pr[1], pr[2], pr[3],
                    r.note().isEmpty() ? "" : "  (" + r.note() + ")");
        }
        out.printf(Locale.ROOT, "epochs, seconds and loss evaluations are to the first MAE < %s; — means not reached"
                + " (see the note)%n", target);
    }

    static String num(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", x)).stripTrailingZeros().toPlainString();
    }
}
