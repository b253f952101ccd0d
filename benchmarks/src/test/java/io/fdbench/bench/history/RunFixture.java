package io.fdbench.bench.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Run folders as the suite writes them, built from lines of the committed {@code results/}: a
 * kernel table (FMA peak, its {@code :mflop} secondary row, one GEMM row whose score the test
 * chooses) with its key/value env file, a peers table with the peers' scoped env file, and a
 * step-size sweep table that is not a JMH table.
 */
final class RunFixture {

    static final String KERNEL_HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
            + "\"Unit\",\"Param: impl\",\"Param: peakImpl\",\"Param: shape\",\"FLOP/op\",\"GFLOP/s\",\"forks\"";
    static final String GEMM = "io.fdbench.bench.kernel.KernelBenchmark.gemm";

    private final Path folder;
    private String commit = "536e7fc54a6b8b4702fee11f94794cecd4a1aca0";
    private Instant date = Instant.parse("2026-11-29T16:40:07.407347988Z");
    private double gemmScore = 55.683464;
    private String gemmError = "1.361685";
    private String os = "Linux 6.18.44-fc-v782 amd64";
    private boolean peers = true;

    private RunFixture(Path folder) {
        this.folder = folder;
    }

    static RunFixture in(Path folder) {
        return new RunFixture(folder);
    }

    RunFixture commit(String c) {
        commit = c;
        return this;
    }

    RunFixture date(Instant d) {
        date = d;
        return this;
    }

    RunFixture gemm(double score, String error) {
        gemmScore = score;
        gemmError = error;
        return this;
    }

    RunFixture os(String o) {
        os = o;
        return this;
    }

    RunFixture withoutPeers() {
        peers = false;
        return this;
    }

    /** Writes the folder and returns it. */
    Path write() throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("kernel.csv"), String.join("\r\n", KERNEL_HEADER,
                "\"io.fdbench.bench.kernel.FmaPeakBenchmark.fmaPeak\",\"avgt\",1,6,176.909222,13.103936,\"us/op\",,simd,,,217.06,ok",
                "\"io.fdbench.bench.kernel.FmaPeakBenchmark.fmaPeak:mflop\",\"avgt\",1,6,4.607011,0.341248,\"us/op\",,simd,,,,",
                "\"" + GEMM + "\",\"avgt\",1,6," + String.format(Locale.ROOT, "%.6f", gemmScore) + "," + gemmError
                        + ",\"us/op\",simd,,fwd1,7840000,140.796,ok",
                "\"" + GEMM + "\",\"avgt\",1,6,1.735836,0.053436,\"us/op\",simd,,fwd2,100000,57.6091,ok") + "\r\n");
        Files.writeString(folder.resolve("kernel-env.csv"), String.join("\r\n", "\"key\",\"value\"",
                "\"date\",\"" + date + "\"", "\"family\",\"kernel\"", "\"profile\",\"full\"",
                "\"git.commit\",\"" + commit + "\"", "\"git.dirty\",\"false\"", "\"host.jdk.vendor\",\"Debian\"",
                "\"host.jdk.version\",\"17.0.15\"", "\"fork.jdk.version\",\"17.0.15\"", "\"fork.jdk.vendor\",\"Debian\"",
                "\"kernel.best\",\"simd-512\"", "\"host\",\"vm\"", "\"cpu.model\",\"AMD EPYC\"", "\"cpu.cores\",\"2\"",
                "\"os\",\"" + os + "\"", "\"jmh.forks\",\"2\"") + "\r\n");
        if (peers) {
            Files.writeString(folder.resolve("peers.csv"), String.join("\r\n",
                    "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
                            + "\"Param: batch\",\"Param: dataset\",\"Param: model\",\"Param: precision\",\"Param: threads\"",
                    "\"peers.numpy.BackpropGradient\",\"avgt\",1,10,165.305256,3.129416,\"us/op\",100,mnist-10k,784-50-10,float,1",
                    "\"peers.numpy.Epoch\",\"avgt\",1,10,15.672676,NaN,\"ms/op\",100,mnist-10k,784-50-10,float,1") + "\r\n");
            Files.writeString(folder.resolve("peers-env.csv"), String.join("\r\n", "\"Scope\",\"Key\",\"Value\"",
                    "\"run\",\"runner.date\",\"" + date + "\"", "\"run\",\"runner.host\",\"vm\"",
                    "\"run\",\"runner.os\",\"Linux 6.18.44-fc-v782\"", "\"run\",\"git.commit\",\"" + commit.substring(0, 7) + "\"",
                    "\"numpy/float/threads=1\",\"cpu\",\"AMD EPYC\"", "\"numpy/float/threads=1\",\"cpus.online\",\"2\"",
                    "\"numpy/float/threads=1\",\"numpy.version\",\"1.24.2\"") + "\r\n");
        }
        Files.writeString(folder.resolve("stepsize.csv"), "target,precision,estimator,evaluation,h,abs_error,rel_error\r\n"
                + "x^4-2x^2@1.3,double,forward,exact-function,1.000000e-01,8.670000e-01,2.416388e-01\r\n");
        Files.writeString(folder.resolve("stepsize-env.csv"), "\"key\",\"value\"\r\n\"date\",\"" + date + "\"\r\n"
                + "\"family\",\"stepsize\"\r\n");
        return folder;
    }
}
