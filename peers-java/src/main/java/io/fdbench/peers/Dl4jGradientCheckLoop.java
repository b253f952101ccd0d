package io.fdbench.peers;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.reference.ReferenceMlp;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Locale;
import java.util.Random;

/**
 * One parameter of DL4J's numerical gradient check, in isolation. {@code GradientCheckUtil.checkGradients}
 * runs, for each parameter i of {@code net.params()} (a view it modifies in place), exactly:
 * {@code getDouble(i)}, {@code putScalar(i, v + ε)}, {@code net.score(ds, true)},
 * {@code putScalar(i, v − ε)}, {@code net.score(ds, true)}, {@code putScalar(i, v)} and
 * (score₊ − score₋) / 2ε, then compares with the backprop gradient and logs. It offers no call
 * for one parameter (only the whole loop, or a strided subset after a backprop pass and an updater
 * step), so {@link #next} runs that body, the same calls in the same order, on a fixed seeded
 * sample of parameters over all layers (as the NumPy peer's classic loop samples its 200).
 * The test runs GradientCheckUtil itself on the same network to show the loop passes there.
 */
public final class Dl4jGradientCheckLoop {

    /** Parameters in the timed sample (the NumPy peer's classic loop samples 200 as well). */
    public static final int SAMPLE = 200;

    private final MultiLayerNetwork net;
    private final DataSet data;
    private final INDArray params;
    private final long[] sample;
    private int position;

    public Dl4jGradientCheckLoop(Dl4jPeer peer, DataSet data) {
        this.net = peer.network();
        this.data = data;
        this.params = net.params();
        long n = params.length();
        Random r = new Random(PeerWorkload.SEED);
        sample = new long[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            sample[i] = (long) (r.nextDouble() * n);
        }
    }

    /** The central difference of the flat DL4J parameter {@code i}: GradientCheckUtil's loop body. */
    public double centralDifference(long i) {
        double eps = PeerWorkload.FD_STEP;
        double origValue = params.getDouble(i);
        params.putScalar(i, origValue + eps);
        double scorePlus = net.score(data, true);
        params.putScalar(i, origValue - eps);
        double scoreMinus = net.score(data, true);
        params.putScalar(i, origValue);
        return (scorePlus - scoreMinus) / (2 * eps);
    }

    /** The next parameter of the sample (cycling): the timed operation. */
    public double next() {
        long i = sample[position];
        position = position + 1 == sample.length ? 0 : position + 1;
        return centralDifference(i);
    }

    /**
     * Checks the loop body on the first sampled parameters against the reference gradient (each
     * DL4J flat index mapped to the engine's layout through the parameter values): a central
     * difference in double at h = 1e-4 agrees to about 1e-7 relative, so 1e-4 is generous.
     */
    public void requireAgreement(float[] theta, Batch batch) {
        double[] ref = new ReferenceMlp(PeerWorkload.model()).gradient(ReferenceMlp.toDouble(theta), batch);
        double num = 0;
        double den = 0;
        for (int k = 0; k < 20; k++) {
            long i = sample[k];
            int j = engineIndex(i);
            double d = centralDifference(i) - ref[j];
            num += d * d;
            den += ref[j] * ref[j];
        }
        double rel = Math.sqrt(num / Math.max(den, Double.MIN_NORMAL));
        if (!(rel < ReferenceCheck.TOLERANCE)) {
            throw new IllegalStateException("dl4j gradient-check loop: central differences differ from the engine's"
                    + " double reference by " + String.format(Locale.ROOT, "%.3e", rel) + " (relative, must be < "
                    + ReferenceCheck.TOLERANCE + ")");
        }
    }

    /** The engine's flat index of DL4J's flat parameter i (DL4J flattens each block in 'f' order). */
    int engineIndex(long i) {
        long offset = 0;
        for (io.fdbench.engine.nn.ParameterBlock b : PeerWorkload.model().blocks()) {
            if (i < offset + b.size()) {
                long k = i - offset;
                long row = k % b.rows();
                long col = k / b.rows();
                return (int) (b.offset() + row * b.cols() + col);
            }
            offset += b.size();
        }
        throw new IndexOutOfBoundsException("DL4J parameter " + i + " outside [0, " + offset + ")");
    }
}
