package io.fdbench.peers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java peers' rows join the NumPy / PyTorch peers file: renamed to peers.dl4j.* / peers.djl.*,
 * the other rows and the Python run scope kept, never replaced without --force, written through a
 * hidden temporary file (none left behind).
 */
class JavaPeersMergeTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
            + "\"Unit\",\"Param: batch\",\"Param: dataset\",\"Param: model\",\"Param: precision\",\"Param: threads\"\r\n";

    @TempDir
    Path dir;

    private Path jmh() throws Exception {
        Path f = dir.resolve("jmh-1.csv");
        Files.writeString(f, HEADER
                + "\"io.fdbench.peers.Dl4jBenchmark.backpropGradient\",\"avgt\",1,10,512.500000,3.250000,\"us/op\",100,"
                + "mnist-10k,784-50-10,float,1\r\n"
                + "\"io.fdbench.peers.DjlBenchmark.epoch\",\"avgt\",1,10,21.000000,NaN,\"ms/op\",100,fashion-mnist,"
                + "784-50-10,double,1\r\n");
        return f;
    }

    private Path described() throws Exception {
        Path f = dir.resolve("dl4j-1.tsv");
        Files.writeString(f, "peer\tdl4j\nthreads.requested\t1\ncheck.reference.rel_err(float)\t1.4e-07\n");
        return f;
    }

    @Test
    void rowsJoinThePythonPeersAndAreReplacedOnlyWithForce() throws Exception {
        Files.writeString(dir.resolve("peers.csv"), HEADER
                + "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,165.305256,3.129416,\"us/op\",100,mnist-10k,784-50-10,"
                + "float,1\r\n");
        Files.writeString(dir.resolve("peers-env.csv"), "\"Scope\",\"Key\",\"Value\"\r\n\"run\",\"runner.host\",\"vm\"\r\n");
        List<String> args = List.of("--out", dir.toString(), "--note", "runner.mode=quick", "--jmh", jmh().toString(),
                "--env", described().toString());
        JavaPeers.merge(args);

        List<List<String>> rows = PeerCsv.read(dir.resolve("peers.csv"));
        assertEquals(4, rows.size());
        assertEquals("peers.numpy.BackpropGradient", rows.get(1).get(0));
        assertEquals(List.of("peers.dl4j.BackpropGradient", "avgt", "1", "10", "512.500000", "3.250000", "us/op", "100",
                "mnist-10k", "784-50-10", "float", "1"), rows.get(2));
        assertEquals("peers.djl.Epoch", rows.get(3).get(0));
        assertTrue(Files.readString(dir.resolve("peers.csv")).contains(
                "\"peers.djl.Epoch\",\"avgt\",1,10,21.000000,NaN,\"ms/op\",100,fashion-mnist,784-50-10,double,1\r\n"));

        List<List<String>> env = PeerCsv.read(dir.resolve("peers-env.csv"));
        assertTrue(env.contains(List.of("run", "runner.host", "vm")), env.toString());
        assertTrue(env.contains(List.of("java-peers", "runner.mode", "quick")), env.toString());
        assertTrue(env.contains(List.of("dl4j/threads=1", "check.reference.rel_err(float)", "1.4e-07")), env.toString());

        JavaPeers.Failure again = assertThrows(JavaPeers.Failure.class, () -> JavaPeers.merge(args));
        assertEquals(1, again.code);
        assertTrue(again.getMessage().contains("--force"), again.getMessage());

        JavaPeers.merge(List.of("--out", dir.toString(), "--force", "--jmh", jmh().toString(), "--env",
                described().toString()));
        assertEquals(4, PeerCsv.read(dir.resolve("peers.csv")).size());
        long dl4jScopes = PeerCsv.read(dir.resolve("peers-env.csv")).stream()
                .filter(r -> r.get(0).equals("dl4j/threads=1") && r.get(1).equals("peer")).count();
        assertEquals(1, dl4jScopes);
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void aRunOfOnePeerReplacesOnlyThatPeersRowsAndScopes() throws Exception {
        Files.writeString(dir.resolve("peers.csv"), HEADER
                + "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,165.3,3.1,\"us/op\",100,mnist-10k,784-50-10,float,1\r\n"
                + "\"peers.dl4j.BackpropGradient\",\"avgt\",1,10,1599.5,478.7,\"us/op\",100,mnist-10k,784-50-10,float,1\r\n"
                + "\"peers.djl.Epoch\",\"avgt\",1,10,99.0,NaN,\"ms/op\",100,fashion-mnist,784-50-10,double,1\r\n");
        Files.writeString(dir.resolve("peers-env.csv"), "\"Scope\",\"Key\",\"Value\"\r\n\"run\",\"runner.host\",\"vm\"\r\n"
                + "\"java-peers\",\"runner.date\",\"first\"\r\n\"dl4j/threads=1\",\"peer\",\"dl4j\"\r\n"
                + "\"djl/threads=1\",\"peer\",\"old djl\"\r\n");
        Path djlOnly = dir.resolve("jmh-djl.csv");
        Files.writeString(djlOnly, HEADER + "\"io.fdbench.peers.DjlBenchmark.epoch\",\"avgt\",1,10,21.0,NaN,\"ms/op\",100,"
                + "fashion-mnist,784-50-10,double,1\r\n");
        Path djlEnv = dir.resolve("djl-1.tsv");
        Files.writeString(djlEnv, "peer\tdjl\nthreads.requested\t1\n");
        List<String> args = List.of("--out", dir.toString(), "--note", "runner.date=second", "--jmh", djlOnly.toString(),
                "--env", djlEnv.toString());
        JavaPeers.Failure refused = assertThrows(JavaPeers.Failure.class, () -> JavaPeers.merge(args));
        assertTrue(refused.getMessage().contains("peers.djl.Epoch"), refused.getMessage());

        List<String> forced = new java.util.ArrayList<>(args);
        forced.add("--force");
        JavaPeers.merge(forced);
        List<List<String>> rows = PeerCsv.read(dir.resolve("peers.csv"));
        assertEquals(List.of("Benchmark", "peers.numpy.BackpropGradient", "peers.dl4j.BackpropGradient", "peers.djl.Epoch"),
                rows.stream().map(r -> r.get(0)).toList());
        assertEquals("21.0", rows.get(3).get(4), "the djl row is the new one");
        assertEquals("1599.5", rows.get(2).get(4), "the dl4j row is kept");
        List<List<String>> env = PeerCsv.read(dir.resolve("peers-env.csv"));
        assertTrue(env.contains(List.of("dl4j/threads=1", "peer", "dl4j")), env.toString());
        assertTrue(env.contains(List.of("java-peers", "runner.date", "first")), "the first run's notes stay: " + env);
        assertTrue(env.contains(List.of("java-peers/djl", "runner.date", "second")), env.toString());
        assertTrue(env.contains(List.of("djl/threads=1", "peer", "djl")), env.toString());
        assertTrue(env.stream().noneMatch(r -> r.get(2).equals("old djl")), "the old djl scope is replaced: " + env);
    }

    @Test
    void withoutAPeersFileTheRunnerNotesFormTheRunScope() throws Exception {
        JavaPeers.merge(List.of("--out", dir.toString(), "--jmh", jmh().toString()));
        List<List<String>> env = PeerCsv.read(dir.resolve("peers-env.csv"));
        assertTrue(env.stream().anyMatch(r -> r.get(0).equals("run") && r.get(1).equals("runner.date")), env.toString());
        assertEquals(3, PeerCsv.read(dir.resolve("peers.csv")).size());
    }

    @Test
    void anotherBenchmarkOrABrokenFileIsRefused() throws Exception {
        Path other = dir.resolve("other.csv");
        Files.writeString(other, HEADER + "\"io.fdbench.bench.Foo.bar\",\"avgt\",1,1,1.0,NaN,\"us/op\",100,x,y,float,1\r\n");
        JavaPeers.Failure f = assertThrows(JavaPeers.Failure.class,
                () -> JavaPeers.merge(List.of("--out", dir.toString(), "--jmh", other.toString())));
        assertEquals(2, f.code);
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "a,b\r\n1,2\r\n");
        JavaPeers.Failure g = assertThrows(JavaPeers.Failure.class,
                () -> JavaPeers.merge(List.of("--out", dir.toString(), "--jmh", broken.toString())));
        assertEquals(2, g.code);
        assertTrue(g.getMessage().contains("broken.csv: line 1"), g.getMessage());
        assertTrue(Files.notExists(dir.resolve("peers.csv")));
    }
}
