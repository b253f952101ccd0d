package io.fdbench.peers;

import io.fdbench.engine.data.Batch;
import io.fdbench.engine.nn.Mlp;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Java peer computes the gradient of the suite's network: DL4J and PyTorch-through-DJL
 * against the engine's double reference on the suite's weights and batch (relative error below
 * 1e-4 in float, far below in double), the parameter layouts map both ways, DL4J's own
 * GradientCheckUtil passes on the network the gradient-check benchmark times, and DJL loads
 * PyTorch 2.7.1 from the jar. Surefire sets the thread variables to 1 (pom.xml).
 */
class PeerGradientTest {

    private final Mlp model = PeerWorkload.model();
    private final float[] theta = PeerWorkload.theta();
    private final Batch batch = PeerWorkload.gradientBatch();

    @Test
    void dl4jGradientMatchesTheReference() {
        Dl4jPeer.pinThreads(1);
        Dl4jPeer f = new Dl4jPeer("float", theta);
        double relFloat = ReferenceCheck.relativeError(model, theta, batch, f.gradient(f.dataSet(batch)));
        assertTrue(relFloat < ReferenceCheck.TOLERANCE, "dl4j float relative error " + relFloat);
        Dl4jPeer d = new Dl4jPeer("double", theta);
        double relDouble = ReferenceCheck.relativeError(model, theta, batch, d.gradient(d.dataSet(batch)));
        assertTrue(relDouble < 1e-10, "dl4j double relative error " + relDouble);
    }

    @Test
    void dl4jLayoutMapsBothWays() {
        float[] index = new float[theta.length];
        for (int j = 0; j < index.length; j++) {
            index[j] = j;
        }
        Dl4jPeer peer = new Dl4jPeer("double", index);
        double[] back = peer.parameters();
        for (int j = 0; j < index.length; j++) {
            assertEquals(j, back[j], "engine parameter " + j + " after a round trip through DL4J");
        }
        Dl4jGradientCheckLoop loop = new Dl4jGradientCheckLoop(peer, peer.dataSet(batch));
        INDArray flat = peer.network().params();
        for (long i = 0; i < flat.length(); i += 97) {
            assertEquals(loop.engineIndex(i), flat.getDouble(i), "DL4J flat parameter " + i);
        }
    }

    @Test
    void dl4jGradientCheckLoopAgreesAndGradientCheckUtilPasses() {
        Dl4jPeer peer = new Dl4jPeer("double", theta, 1.0);
        DataSet data = peer.dataSet(batch);
        Dl4jGradientCheckLoop loop = new Dl4jGradientCheckLoop(peer, data);
        loop.requireAgreement(theta, batch);
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(peer.network())
                    .input(data.getFeatures()).labels(data.getLabels()).epsilon(PeerWorkload.FD_STEP)
                    .maxRelError(1e-3).minAbsoluteError(1e-8).subset(true).maxPerParam(5));
            assertTrue(ok, "DL4J's GradientCheckUtil on the peer network");
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void djlLoadsPyTorch271AndItsGradientMatchesTheReference() {
        DjlPeer.pinThreads(1);
        assertEquals("2.7.1", DjlPeer.engine().getVersion());
        try (DjlPeer f = new DjlPeer("float", theta); DjlPeer d = new DjlPeer("double", theta)) {
            double relFloat = ReferenceCheck.relativeError(model, theta, batch, f.gradient(f.step(batch)));
            assertTrue(relFloat < ReferenceCheck.TOLERANCE, "djl float relative error " + relFloat);
            double relDouble = ReferenceCheck.relativeError(model, theta, batch, d.gradient(d.step(batch)));
            assertTrue(relDouble < 1e-10, "djl double relative error " + relDouble);
            // A second gradient must not accumulate into the first (gradients are zeroed per step).
            assertArrayEquals(f.gradient(f.step(batch)), f.gradient(f.step(batch)), 0.0);
        }
    }

    @Test
    void djlCentralDifferenceLoopAgreesWithTheReferenceAndRestoresEveryParameter() {
        DjlPeer.pinThreads(1);
        int[] sample = PeerWorkload.parameterSample(DjlBenchmark.SAMPLE);
        try (DjlPeer d = new DjlPeer("double", theta)) {
            DjlPeer.Step step = d.step(batch);
            double[] before = d.gradient(step);
            DjlBenchmark.requireAgreement(d, step, sample, batch);
            // Every sampled parameter was put back: the gradient at θ is unchanged bit for bit.
            assertArrayEquals(before, d.gradient(step), 0.0);
            // A wrong index would differ from the reference: the check can fail.
            int[] shifted = sample.clone();
            for (int k = 0; k < shifted.length; k++) {
                shifted[k] = (shifted[k] + 1) % model.parameterCount();
            }
            double[] ref = new io.fdbench.engine.reference.ReferenceMlp(model)
                    .gradient(io.fdbench.engine.reference.ReferenceMlp.toDouble(theta), batch);
            double num = 0;
            double den = 0;
            for (int k = 0; k < 20; k++) {
                double v = d.centralDifference(step, shifted[k], PeerWorkload.FD_STEP);
                num += (v - ref[sample[k]]) * (v - ref[sample[k]]);
                den += ref[sample[k]] * ref[sample[k]];
            }
            assertTrue(Math.sqrt(num / den) > ReferenceCheck.TOLERANCE, "neighbouring parameters differ");
        }
    }

    @Test
    void aWrongGradientIsRefused() {
        double[] g = new io.fdbench.engine.reference.ReferenceMlp(model)
                .gradient(io.fdbench.engine.reference.ReferenceMlp.toDouble(theta), batch);
        g[model.block("W2").offset()] += 1e-2;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ReferenceCheck.require("test", model, theta, batch, g));
        assertTrue(e.getMessage().startsWith("test: gradient differs"), e.getMessage());
    }
}
