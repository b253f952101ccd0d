package io.fdbench.bench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.JmhCsv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerRatiosTest {

    private static final String G = "\"io.fdbench.bench.gradient.GradientCostBenchmark.";

    /** As the suite hands it over: JMH's columns plus the family's derived ones. */
    private static final CsvTable GRADIENT = Csv.parse(String.join("\r\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: batch\",\"Param: batchWorkers\",\"Param: estimator\",\"Param: evaluation\","
                    + "\"Param: model\",\"Param: parameterWorkers\",\"ns/param\"",
            G + "backprop\",\"avgt\",1,5,100.0,1.0,\"us/op\",100,,,,784-50-10,,2.5",
            G + "backpropParallel\",\"avgt\",1,5,1.0,0.1,\"ms/op\",1000,1,,,784-50-10,,",
            G + "backpropParallel\",\"avgt\",1,5,500.0,1.0,\"us/op\",1000,2,,,784-50-10,,",
            G + "finiteDifference\",\"avgt\",1,5,110000.0,1.0,\"us/op\",100,,central,full,784-50-10,1,110000",
            G + "finiteDifference\",\"avgt\",1,5,55000.0,1.0,\"us/op\",100,,central,full,784-50-10,2,55000",
            G + "finiteDifference\",\"avgt\",1,5,5000.0,1.0,\"us/op\",100,,central,incremental,784-50-10,1,125",
            G + "finiteDifference\",\"avgt\",1,5,2600.0,1.0,\"us/op\",100,,central,incremental,784-50-10,2,65",
            G + "finiteDifference\",\"avgt\",1,5,9.0,1.0,\"us/op\",100,,central,incremental,2-3-1,1,700",
            ""));

    private static final CsvTable FASHION = Csv.parse(String.join("\r\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                    + "\"Param: batch\",\"Param: dataset\",\"Param: gemmWorkers\"",
            "\"io.fdbench.bench.epoch.FashionEpochBenchmark.backprop\",\"avgt\",1,5,150.0,1.0,\"ms/op\",10,fashion-mnist,1",
            "\"io.fdbench.bench.epoch.FashionEpochBenchmark.backprop\",\"avgt\",1,5,95.0,1.0,\"ms/op\",100,fashion-mnist,1",
            "\"io.fdbench.bench.epoch.FashionEpochBenchmark.backprop\",\"avgt\",1,5,80.0,1.0,\"ms/op\",100,fashion-mnist,2",
            ""));

    private static final String PEERS = String.join("\r\n",
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
            "");

    @Test
    void ratiosComeFromTheMatchingRowsWhateverTheirUnits() {
        List<String> lines = PeerRatios.lines(Map.of("gradient", GRADIENT, "epoch-fashion", FASHION),
                JmhCsv.parse(PEERS));
        assertEquals(List.of(
                "1 backprop 784-50-10 batch 100, 1 thread: 100.0 us vs NumPy 125.0 us (1 BLAS thread) = 0.80x;"
                        + " vs PyTorch 200.0 us = 0.50x  [target <= 0.8x]",
                // NumPy's best is its 2-thread row, written in s/op.
                "2 epoch Fashion-MNIST batch 100: 80.0 ms (gemmWorkers=2); NumPy best 80.0 ms (threads=2) = 1.00x;"
                        + " PyTorch best 160.0 ms (threads=1) = 0.50x  [target < 1x each]",
                "3 backprop batch 1000: 2 threads 2.00x 1 thread  [target >= 1.7x]",
                "3 central full: 2 threads 2.00x 1 thread  [target >= 1.7x]",
                "3 central incremental: 2 threads 1.92x 1 thread  [target >= 1.7x]",
                "4 full central difference per parameter, 1 thread: 110.0 us vs classic NumPy 220.0 us = 0.50x"
                        + "  [target <= 1x]",
                "5 incremental central gradient, 1 thread: 5.00 ms = 50x backprop; 2 threads 2.60 ms = 26x"
                        + "  [target <= 100x]"), lines);
    }

    @Test
    void withoutPeersOnlyTheEnginesOwnRatiosArePrinted() {
        List<String> lines = PeerRatios.lines(Map.of("gradient", GRADIENT), null);
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("3 backprop batch 1000"), lines.get(0));
        assertTrue(lines.get(3).startsWith("5 incremental central"), lines.get(3));
    }

    @Test
    void printNamesThePeersFileOrSaysHowToMakeIt(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeerRatios.print(Map.of("gradient", GRADIENT), dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("run scripts/peers/run-peers.sh --out " + dir), text);

        Files.writeString(dir.resolve(PeerRatios.PEERS_FILE), PEERS);
        bytes.reset();
        PeerRatios.print(Map.of("gradient", GRADIENT), dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("peers from " + dir.resolve(PeerRatios.PEERS_FILE)), text);
        assertTrue(text.contains("= 0.80x; vs PyTorch"), text);
    }
}
