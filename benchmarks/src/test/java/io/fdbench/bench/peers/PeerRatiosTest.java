package io.fdbench.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.family.RunTables;
import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PeerRatiosTest {

    private static final String G = "\"io.fdbench.bench.gradient.GradientCostBenchmark.";
    private static final String S = "\"io.fdbench.bench.gradient.WorkerScalingBenchmark.";

    /** As the suite hands it over: JMH's columns plus the family's derived ones. */
    private static final CsvTable GRADIENT = Csv.parse(String.join("\r\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: batch\",\"Param: batchWorkers\",\"Param: estimator\",\"Param: evaluation\",\"Param: model\","
                    + "\"Param: parameterWorkers\",\"ns/param\"",
            G + "backprop\",\"avgt\",1,5,100.0,1.0,\"us/op\",100,,,,784-50-10,,2.5",
            S + "backpropScaling\",\"avgt\",1,5,1.0,0.1,\"ms/op\",1000,1,,,784-50-10,,",
            S + "backpropScaling\",\"avgt\",1,5,500.0,1.0,\"us/op\",1000,2,,,784-50-10,,",
            G + "finiteDifference\",\"avgt\",1,5,110000.0,1.0,\"us/op\",100,,central,full,784-50-10,,110000",
            S + "finiteDifferenceScaling\",\"avgt\",1,5,110000.0,1.0,\"us/op\",100,,,full,784-50-10,1,",
            S + "finiteDifferenceScaling\",\"avgt\",1,5,55000.0,1.0,\"us/op\",100,,,full,784-50-10,2,",
            G + "finiteDifference\",\"avgt\",1,5,5000.0,1.0,\"us/op\",100,,central,incremental,784-50-10,,125",
            S + "finiteDifferenceScaling\",\"avgt\",1,5,5000.0,1.0,\"us/op\",100,,,incremental,784-50-10,1,",
            S + "finiteDifferenceScaling\",\"avgt\",1,5,2600.0,1.0,\"us/op\",100,,,incremental,784-50-10,2,",
            G + "finiteDifference\",\"avgt\",1,5,9.0,1.0,\"us/op\",100,,central,incremental,2-3-1,,700",
            G + "finiteDifference\",\"avgt\",1,5,2400.0,1.0,\"us/op\",100,,forward,incremental,784-50-10,,60",
            G + "finiteDifference\",\"avgt\",1,5,20.0,1.0,\"ms/op\",100,,central,incremental,784-512-256-10,,19800",
            ""));

    private static final CsvTable FASHION = Csv.parse(String.join("\r\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: batch\",\"Param: dataset\",\"Param: gemmWorkers\"",
            "\"io.fdbench.bench.epoch.FashionEpochBenchmark.backprop\",\"avgt\",1,5,150.0,1.0,\"ms/op\",10,fashion-mnist,1",
            "\"io.fdbench.bench.epoch.FashionEpochBenchmark.backprop\",\"avgt\",1,5,95.0,1.0,\"ms/op\",100,fashion-mnist,1",
            "\"io.fdbench.bench.epoch.FashionEpochBenchmark.backprop\",\"avgt\",1,5,80.0,1.0,\"ms/op\",100,fashion-mnist,2",
            ""));

    private static final CsvTable PEERS = JmhCsv.parse(String.join("\r\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: batch\",\"Param: dataset\",\"Param: model\",\"Param: precision\",\"Param: threads\"",
            "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,125.0,1.0,\"us/op\",100,mnist-10k,784-50-10,float,1",
            "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,90.0,1.0,\"us/op\",100,mnist-10k,784-50-10,float,2",
            "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,60.0,1.0,\"us/op\",100,mnist-10k,784-50-10,double,1",
            "\"peers.torch.BackpropGradient\",\"avgt\",1,10,200.0,1.0,\"us/op\",100,mnist-10k,784-50-10,float,1",
            "\"peers.numpy.Epoch\",\"avgt\",1,10,12.0,1.0,\"ms/op\",100,mnist-10k,784-50-10,float,1",
            "\"peers.numpy.Epoch\",\"avgt\",1,10,100.0,1.0,\"ms/op\",100,fashion-mnist,784-50-10,float,1",
            "\"peers.numpy.Epoch\",\"avgt\",1,10,0.08,1.0,\"s/op\",100,fashion-mnist,784-50-10,float,2",
            "\"peers.torch.Epoch\",\"avgt\",1,10,160.0,1.0,\"ms/op\",100,fashion-mnist,784-50-10,float,1",
            "\"peers.numpy.CentralDifferenceFullPerParameter\",\"avgt\",1,10,220.0,1.0,\"us/op\",100,mnist-10k,"
                    + "784-50-10,float,1",
            ""));

    private static final Map<String, String> ENGINE_ENV = Map.of("host", "vm", "os", "Linux 6.18.44-fc amd64",
            "date", "2026-11-29T16:00:00Z", "profile", "full");
    private static final Map<String, String> PEERS_ENV = Map.of("runner.host", "vm", "runner.os", "Linux 6.18.44-fc",
            "runner.date", "2026-11-29T15:40:00Z");

    @Test
    void ratiosComeFromTheMatchingRowsWhateverTheirUnits() {
        List<String> lines = PeerRatios.lines(GRADIENT, FASHION, PEERS, false);
        assertEquals(List.of(
                "backprop 784-50-10 batch 100, 1 thread: 100.0 us vs NumPy 125.0 us (1 BLAS thread) = 0.80x;"
                        + " vs PyTorch 200.0 us = 0.50x  [target <= 0.5x]",
                // NumPy's best is its 2-thread row, written in s/op.
                "epoch Fashion-MNIST batch 100: 80.0 ms (gemmWorkers=2); NumPy best 80.0 ms (threads=2) = 1.00x;"
                        + " PyTorch best 160.0 ms (threads=1) = 0.50x  [target <= 0.6x the fastest]",
                "backprop batch 1000: 2.00x faster on 2 batchWorkers than on 1  [target >= 1.7x]",
                "central full: 2.00x faster on 2 parameterWorkers than on 1  [target >= 1.7x]",
                "central incremental: 1.92x faster on 2 parameterWorkers than on 1  [target >= 1.7x]",
                "full central difference per parameter, 1 thread: 110.0 us vs classic NumPy 220.0 us = 0.50x"
                        + "  [target <= 0.5x]",
                "incremental central gradient, 1 thread: 5.00 ms = 50x backprop  [target <= 20x]",
                "incremental forward gradient, 1 thread: 2.40 ms = 24x backprop  [target <= 12x]",
                // The deep row's ns/param column (a sampled row), the toy row's time per gradient.
                "incremental central 784-512-256-10, 1 thread: 19.8 us per parameter  [target <= 5 us]",
                "incremental central 2-3-1 gradient, batch 100, 1 thread: 9.0 us  [target <= 5 us]"), lines);
    }

    /** The Java peers' rows as scripts/peers/run-java-peers.sh adds them (DL4J's gradient check in double). */
    private static final CsvTable WITH_JAVA_PEERS = JmhCsv.parse(String.join("\r\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: batch\",\"Param: dataset\",\"Param: model\",\"Param: precision\",\"Param: threads\"",
            "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,125.0,1.0,\"us/op\",100,mnist-10k,784-50-10,float,1",
            "\"peers.dl4j.BackpropGradient\",\"avgt\",1,10,500.0,1.0,\"us/op\",100,mnist-10k,784-50-10,float,1",
            "\"peers.dl4j.BackpropGradient\",\"avgt\",1,10,400.0,1.0,\"us/op\",100,mnist-10k,784-50-10,float,2",
            "\"peers.dl4j.BackpropGradient\",\"avgt\",1,10,50.0,1.0,\"us/op\",100,mnist-10k,784-50-10,double,2",
            "\"peers.djl.BackpropGradient\",\"avgt\",1,10,250.0,1.0,\"us/op\",100,mnist-10k,784-50-10,float,1",
            "\"peers.dl4j.Epoch\",\"avgt\",1,10,0.4,1.0,\"s/op\",100,fashion-mnist,784-50-10,float,2",
            "\"peers.djl.Epoch\",\"avgt\",1,10,200.0,1.0,\"ms/op\",100,fashion-mnist,784-50-10,float,1",
            "\"peers.djl.Epoch\",\"avgt\",1,10,20.0,1.0,\"ms/op\",100,mnist-10k,784-50-10,float,1",
            "\"peers.dl4j.GradientCheckPerParameter\",\"avgt\",1,10,440.0,1.0,\"us/op\",100,mnist-10k,784-50-10,"
                    + "double,1",
            "\"peers.dl4j.GradientCheckPerParameter\",\"avgt\",1,10,550.0,1.0,\"us/op\",100,mnist-10k,784-50-10,"
                    + "double,2",
            "\"peers.djl.CentralDifferenceFullPerParameter\",\"avgt\",1,10,330.0,1.0,\"us/op\",100,mnist-10k,"
                    + "784-50-10,float,2",
            "\"peers.djl.CentralDifferenceFullPerParameter\",\"avgt\",1,10,110.0,1.0,\"us/op\",100,mnist-10k,"
                    + "784-50-10,double,1",
            ""));

    @Test
    void theJavaPeersAreComparedAtTheirBestThreadCount() {
        List<String> lines = PeerRatios.lines(GRADIENT, FASHION, WITH_JAVA_PEERS, false);
        // Float rows only for backprop and epoch (DL4J's faster double row is left out), the fastest thread count.
        assertTrue(lines.contains("backprop 784-50-10 batch 100, 1 thread: 100.0 us; vs DL4J best 400.0 us"
                + " (threads=2) = 0.25x; vs PyTorch 2 (DJL) best 250.0 us (threads=1) = 0.40x  [target < 1x each]"),
                String.join("\n", lines));
        assertTrue(lines.contains("epoch Fashion-MNIST batch 100: 80.0 ms (gemmWorkers=2); DL4J best 400.0 ms"
                + " (threads=2) = 0.20x; PyTorch 2 (DJL) best 200.0 ms (threads=1) = 0.40x  [target <= 0.6x the fastest]"),
                String.join("\n", lines));
        assertTrue(lines.contains("full central difference per parameter, 1 thread: 110.0 us vs DL4J's gradient-check"
                + " loop 440.0 us (double, threads=1) = 0.25x  [target < 1x]"), String.join("\n", lines));
        // PyTorch 2's loop: its float rows only (the faster double row is left out), the best thread count.
        assertTrue(lines.contains("full central difference per parameter, 1 thread: 110.0 us vs the same loop on"
                + " PyTorch 2 (DJL) best 330.0 us (threads=2) = 0.33x  [target < 1x]"), String.join("\n", lines));
    }

    @Test
    void quickRunsPrintSmokeFiguresWithoutTargets() {
        List<String> lines = PeerRatios.lines(GRADIENT, FASHION, PEERS, true);
        assertEquals(10, lines.size());
        for (String l : lines) {
            assertTrue(l.endsWith("[smoke figure]") && !l.contains("target"), l);
        }
    }

    @Test
    void withoutPeersOnlyTheEnginesOwnRatiosArePrinted() {
        List<String> lines = PeerRatios.lines(GRADIENT, null, null, false);
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("backprop batch 1000"), lines.get(0));
        assertTrue(lines.get(3).startsWith("incremental central"), lines.get(3));
    }

    @Test
    void peersAreComparedOnlyFromTheSameMachineAndSession() {
        assertEquals(Optional.empty(), PeersFamily.mismatch(ENGINE_ENV, PEERS_ENV));
        Map<String, String> otherHost = new java.util.HashMap<>(PEERS_ENV);
        otherHost.put("runner.host", "laptop");
        assertTrue(PeersFamily.mismatch(ENGINE_ENV, otherHost).orElseThrow().contains("host laptop"));
        Map<String, String> otherKernel = new java.util.HashMap<>(PEERS_ENV);
        otherKernel.put("runner.os", "Linux 5.10.0");
        assertTrue(PeersFamily.mismatch(ENGINE_ENV, otherKernel).orElseThrow().contains("Linux 5.10.0"));
        Map<String, String> lastWeek = new java.util.HashMap<>(PEERS_ENV);
        lastWeek.put("runner.date", "2026-11-23T18:23:56Z");
        assertTrue(PeersFamily.mismatch(ENGINE_ENV, lastWeek).orElseThrow().contains("another session"));
        assertTrue(PeersFamily.mismatch(ENGINE_ENV, Map.of("runner.date", "2026-11-29T15:40:00Z")).isPresent(),
                "a peers file that does not name its machine is not trusted");
    }

    @Test
    void aRunWithoutPeersSaysHowToMeasureThemAndPrintsNoPeerRatio() {
        RunTables run = new RunTables(Path.of("results/runs/x"), Map.of("gradient", GRADIENT),
                Map.of("gradient", ENGINE_ENV));
        List<String> lines = new PeersFamily().ratios(run);
        assertTrue(lines.get(0).contains("--with-peers"), lines.get(0));
        assertTrue(lines.stream().noneMatch(l -> l.contains("vs NumPy")), String.join("\n", lines));
    }

    @Test
    void peersFromAnotherMachineAreNamedAndLeftOut() {
        Map<String, String> otherHost = new java.util.HashMap<>(PEERS_ENV);
        otherHost.put("runner.host", "laptop");
        RunTables run = new RunTables(Path.of("r"), Map.of("gradient", GRADIENT, "peers", PEERS),
                Map.of("gradient", ENGINE_ENV, "peers", otherHost));
        List<String> lines = new PeersFamily().ratios(run);
        assertTrue(lines.get(0).startsWith("peer ratios left out:") && lines.get(0).contains("laptop"), lines.get(0));
        assertTrue(lines.stream().noneMatch(l -> l.contains("vs NumPy")), String.join("\n", lines));

        RunTables same = new RunTables(Path.of("r"), Map.of("gradient", GRADIENT, "peers", PEERS),
                Map.of("gradient", ENGINE_ENV, "peers", PEERS_ENV));
        assertTrue(new PeersFamily().ratios(same).stream().anyMatch(l -> l.contains("vs NumPy 125.0 us")));
    }
}
