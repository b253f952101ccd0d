package io.fdbench.bench.experiment;

import io.fdbench.bench.cli.Flags;
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
 * {@code experiment backprop-toy}: the 2-2-2 sigmoid network with bias units of the
 * backpropagation derivation, in double precision ({@link SmallSigmoidNet}). It prints the
 * forward pass of the first input to 8 digits, the backprop gradient beside the central
 * difference for that sample, then trains on 50 inputs by full-batch gradient descent with the
 * RMSE stopping rule, once with each gradient.
 *
 * <p>The weights are the derivation's, drawn there from N(0, 1) by NumPy with seed 42; they are
 * shipped here as numbers ({@link #V}, {@link #W}) rather than by reimplementing NumPy's
 * generator. The other 49 inputs and the targets' noise come from {@link Random} with the seed.
 */
final class BackpropToyExperiment implements Experiment {

    /** Hidden weights v, 3 × 2, the bias row first (NumPy, seed 42, N(0, 1)). */
    static final double[] V = {0.49671415, -0.1382643, 0.64768854, 1.52302986, -0.23415337, -0.23413696};
    /** Output weights w, 3 × 2, the bias row first. */
    static final double[] W = {1.57921282, 0.76743473, -0.46947439, 0.54256004, -0.46341769, -0.46572975};
    /** The derivation's first input. */
    static final double[] FIRST_INPUT = {0.17988842, 0.42611707};
    static final int SAMPLES = 50;
    static final double DEFAULT_LR = 0.5;
    static final int DEFAULT_MAX_EPOCHS = 10_000;
    static final double DEFAULT_TOLERANCE = 1e-6;
    static final double DEFAULT_H = 1e-5;
    static final long DEFAULT_SEED = 42;

    @Override
    public String name() {
        return "backprop-toy";
    }

    @Override
    public String summary() {
        return "the 2-2-2 derivation in double: forward values, backprop vs central gradient, RMSE training";
    }

    @Override
    public Flags declare(Flags f) {
        return f.value("lr", "RATE", "learning rate of the full-batch descent (default " + DEFAULT_LR + ")")
                .value("max-epochs", "N", "at most N epochs (default " + DEFAULT_MAX_EPOCHS + ")")
                .value("tolerance", "T", "stop when the RMSE changes by less than T (default 1e-6)")
                .value("h", "STEP", "central-difference step in double (default 1e-5)")
                .value("seed", "N", "seed of the 49 further inputs and the target noise"
                        + " (default 42)");
    }

    /** The derivation's network with its shipped weights. */
    static SmallSigmoidNet network() {
        return new SmallSigmoidNet(new int[] {2, 2, 2}, true);
    }

    static double[] weights() {
        double[] theta = new double[V.length + W.length];
        System.arraycopy(V, 0, theta, 0, V.length);
        System.arraycopy(W, 0, theta, V.length, W.length);
        return theta;
    }

    /** The inputs (the first one the derivation's) and targets y = σ(σ(x) + 0.1·r₁) + 0.1·r₂. */
    record Data(double[] x, double[] t) {
        static Data of(long seed, int samples) {
            Random rnd = new Random(seed);
            double[] x = new double[2 * samples];
            double[] t = new double[2 * samples];
            for (int s = 0; s < samples; s++) {
                for (int k = 0; k < 2; k++) {
                    x[2 * s + k] = s == 0 ? FIRST_INPUT[k] : rnd.nextDouble();
                }
            }
            for (int i = 0; i < t.length; i++) {
                double r1 = rnd.nextGaussian();
                double r2 = rnd.nextGaussian();
                t[i] = SmallSigmoidNet.sigmoid(SmallSigmoidNet.sigmoid(x[i]) + 0.1 * r1) + 0.1 * r2;
            }
            return new Data(x, t);
        }
    }

    /** One training run's RMSE after every epoch (index 0: before training). */
    record Training(String method, List<Double> rmse, boolean converged, double seconds, long lossEvaluations) {
    }

    static double rmse(SmallSigmoidNet net, double[] theta, Data d, int[] rows) {
        // loss is the mean of ½Σₖ e², so mean e² over samples and outputs is 2·loss / outputs.
        return Math.sqrt(2 * net.loss(theta, d.x(), d.t(), rows, true) / net.outputs());
    }

    /** Full-batch gradient descent until the RMSE changes by less than {@code tolerance} or {@code maxEpochs}. */
    static Training train(boolean central, double lr, int maxEpochs, double tolerance, double h, Data d) {
        SmallSigmoidNet net = network();
        double[] theta = weights();
        double[] grad = new double[theta.length];
        int[] rows = new int[d.x().length / 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        List<Double> curve = new ArrayList<>();
        curve.add(rmse(net, theta, d, rows));
        long evaluations = 0;
        boolean converged = false;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            if (central) {
                net.central(theta, d.x(), d.t(), rows, true, h, grad);
                evaluations += 2L * theta.length + 1;
            } else {
                net.backprop(theta, d.x(), d.t(), rows, true, grad);
                evaluations += 1;
            }
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= lr * grad[i];
            }
            double r = rmse(net, theta, d, rows);
            double previous = curve.get(curve.size() - 1);
            curve.add(r);
            if (Math.abs(r - previous) < tolerance) {
                converged = true;
                break;
            }
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Training(central ? "central" : "backprop", curve, converged, seconds, evaluations);
    }

    @Override
    public int run(Flags.Parsed p, Path dir, PrintStream out, PrintStream err) throws IOException {
        double lr = p.decimal("lr", DEFAULT_LR, Double.MIN_VALUE, 1e3);
        int maxEpochs = p.integer("max-epochs", DEFAULT_MAX_EPOCHS, 1, 10_000_000);
        double tolerance = p.decimal("tolerance", DEFAULT_TOLERANCE, 0, 1);
        double h = p.decimal("h", DEFAULT_H, Double.MIN_VALUE, 1);
        long seed = p.longInteger("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        ResultFiles.checkWritable(dir, 1 << 20);

        StringBuilder values = new StringBuilder("quantity,index,backprop,central,abs_difference\n");
        SmallSigmoidNet net = network();
        double[] theta = weights();
        Data d = Data.of(seed, SAMPLES);
        net.forward(theta, d.x(), 0);
        out.println("backprop-toy: 2-2-2 sigmoid with bias units, squared error, double precision");
        out.printf(Locale.ROOT, "first input x = (%.8f, %.8f), target t = (%.8f, %.8f)%n", d.x()[0], d.x()[1],
                d.t()[0], d.t()[1]);
        String[][] shown = {{"hidden net input", "1", "net"}, {"hidden output", "1", "act"},
            {"output net input", "2", "net"}, {"output", "2", "act"}};
        for (String[] s : shown) {
            int layer = Integer.parseInt(s[1]);
            double[] v = s[2].equals("net") ? net.net(layer) : net.activation(layer);
            out.printf(Locale.ROOT, "  %-17s %.8f  %.8f%n", s[0], v[0], v[1]);
            for (int k = 0; k < v.length; k++) {
                values.append(String.format(Locale.ROOT, "%s,%d,%.17g,,%n", s[0].replace(' ', '_'), k, v[k]));
            }
        }
        double[] bp = new double[theta.length];
        double[] cd = new double[theta.length];
        int[] first = {0};
        net.backprop(theta, d.x(), d.t(), first, false, bp);
        net.central(theta, d.x(), d.t(), first, false, h, cd);
        out.printf(Locale.ROOT, "gradient of ½·Σ(o − t)² for the first sample (double; central h = %s):%n", h);
        out.printf(Locale.ROOT, "  %-8s %16s %16s %10s%n", "weight", "backprop", "central", "|diff|");
        double worst = 0;
        for (int i = 0; i < theta.length; i++) {
            String label = (i < 6 ? "v" : "w") + "[" + (i % 6) / 2 + "][" + i % 2 + "]";
            double diff = Math.abs(bp[i] - cd[i]);
            worst = Math.max(worst, diff);
            out.printf(Locale.ROOT, "  %-8s %16.10f %16.10f %10.2e%n", label, bp[i], cd[i], diff);
            values.append(String.format(Locale.ROOT, "gradient_%s,%d,%.17g,%.17g,%.3e%n", label, i, bp[i], cd[i], diff));
        }
        out.printf(Locale.ROOT, "largest |backprop − central| = %.2e%n", worst);

        out.printf(Locale.ROOT, "training on %d inputs, full-batch gradient descent, lr %s, stop when the RMSE changes"
                + " by less than %s between epochs (at most %d epochs):%n", SAMPLES, lr, tolerance, maxEpochs);
        StringBuilder curves = new StringBuilder("method,epoch,rmse,loss_evaluations\n");
        List<Training> runs = List.of(train(false, lr, maxEpochs, tolerance, h, d),
                train(true, lr, maxEpochs, tolerance, h, d));
        for (Training t : runs) {
            List<Double> c = t.rmse();
            out.printf(Locale.ROOT, "  %-8s RMSE curve of %d epochs, final RMSE %.8f (%s), %.3f s, %d loss"
                    + " evaluations%n", t.method(), c.size() - 1, c.get(c.size() - 1),
                    t.converged() ? "converged" : "epoch limit", t.seconds(), t.lossEvaluations());
            long perEpoch = t.method().equals("central") ? 2L * theta.length + 1 : 1;
            for (int e = 0; e < c.size(); e++) {
                curves.append(String.format(Locale.ROOT, "%s,%d,%.12g,%d%n", t.method(), e, c.get(e), e * perEpoch));
            }
            values.append(String.format(Locale.ROOT, "training_%s_epochs,0,%d,,%n", t.method(), c.size() - 1));
            values.append(String.format(Locale.ROOT, "training_%s_final_rmse,0,%.12g,,%n", t.method(), c.get(c.size() - 1)));
        }

        Map<String, String> env = Environment.host(stem(), p.has("quick") ? "quick" : "full");
        env.put("command.line", "experiment " + String.join(" ", p.arguments()));
        env.put("model", net.describe() + ", sigmoid hidden and output, loss ½·Σ(o − t)²");
        env.put("arithmetic", "double (every figure)");
        env.put("weights", "shipped: NumPy seed 42 N(0, 1) as printed in the derivation");
        env.put("seed", Long.toString(seed));
        env.put("samples", Integer.toString(SAMPLES));
        env.put("lr", Double.toString(lr));
        env.put("tolerance", Double.toString(tolerance));
        env.put("epochs.limit", Integer.toString(maxEpochs));
        env.put("central.h", Double.toString(h));
        String curveText = curves.toString();
        String valueText = values.toString();
        return writeResults(dir, curveText, "-values", valueText, env, out, err);
    }
}
