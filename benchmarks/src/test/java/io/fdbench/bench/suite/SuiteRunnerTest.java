package io.fdbench.bench.suite;

import io.fdbench.bench.Families;
import io.fdbench.bench.family.BenchmarkFamily;
import io.fdbench.bench.family.ForkFlags;
import io.fdbench.bench.family.ForkInfo;
import io.fdbench.bench.family.JmhFamily;
import io.fdbench.bench.family.Profile;
import io.fdbench.bench.family.RunSettings;
import io.fdbench.bench.kernel.KernelFamily;
import io.fdbench.bench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteRunnerTest {

    private static final ForkInfo NO_SIMD = new ForkInfo(Map.of("kernel.simd", "unavailable: test"));
    private static final ForkInfo SIMD = new ForkInfo(Map.of("kernel.simd", "available (simd-256)"));

    private static final KernelFamily KERNEL = new KernelFamily();
    private static final RunSettings QUICK = KERNEL.settings(Profile.QUICK);

    private static Options effective(ForkInfo info, String... cli) throws Exception {
        SuiteRunner r = new SuiteRunner(new CommandLineOptions(cli), Profile.QUICK, Path.of("unused"), List.of(),
                new ResultFiles());
        return r.options(KERNEL, QUICK, info, Path.of("unused.csv"));
    }

    @Test
    void fullSettingsAreTheAnnotationsAndEveryTimedFamilyRunsAtLeastTwoForks() {
        for (BenchmarkFamily f : Families.ALL) {
            if (f instanceof JmhFamily j) {
                RunSettings full = j.settings(Profile.FULL);
                for (Class<?> c : j.benchmarks()) {
                    assertEquals(full, RunSettings.ofAnnotations(List.of(c)), c.getName());
                    assertEquals(ForkFlags.PREPEND, List.of(c.getAnnotation(org.openjdk.jmh.annotations.Fork.class)
                            .jvmArgsPrepend()), c.getName());
                }
                assertTrue(full.forks() >= 2, f.name() + ": " + full);
            }
        }
    }

    @Test
    void familyDefaultsFillOnlyWhatTheUserDidNotGive() throws Exception {
        Options o = effective(SIMD, "-f", "3", "-wi", "7");
        assertEquals(3, o.getForkCount().get());
        assertEquals(7, o.getWarmupIterations().get());
        assertEquals(QUICK.warmupTime(), o.getWarmupTime().get());
        assertEquals(QUICK.measurementIterations(), o.getMeasurementIterations().get());
        assertTrue(o.shouldFailOnError().get());
        assertTrue(o.getIncludes().contains(KERNEL.include()));
    }

    @Test
    void userCanSwitchFailOnErrorOff() throws Exception {
        assertEquals(false, effective(SIMD, "-foe", "false").shouldFailOnError().get());
    }

    @Test
    void simdIsLeftOutOnlyWhenTheForksCannotLoadIt() throws Exception {
        assertEquals(List.of("scalar", "ejml"), List.copyOf(effective(NO_SIMD).getParameter("impl").get()));
        assertEquals(List.of("simd", "scalar", "ejml"), List.copyOf(effective(SIMD).getParameter("impl").get()));
        assertEquals(List.of("simd"), List.copyOf(effective(NO_SIMD, "-p", "impl=simd").getParameter("impl").get()));
    }

    @Test
    void commandLinePrependKeepsTheVectorModuleFlag() throws Exception {
        Options o = effective(SIMD, "-jvmArgsPrepend", "-Xmx1g");
        List<String> prepend = List.copyOf(o.getJvmArgsPrepend().get());
        assertTrue(prepend.containsAll(ForkFlags.PREPEND), prepend.toString());
        assertTrue(prepend.contains("-Xmx1g"), prepend.toString());
    }

    @Test
    void localeIsPinnedLastInTheForksWithoutLosingUserAppends() throws Exception {
        assertEquals(ForkFlags.APPEND, List.copyOf(effective(SIMD).getJvmArgsAppend().get()));
        List<String> append = List.copyOf(effective(SIMD, "-jvmArgsAppend", "-Xss2m").getJvmArgsAppend().get());
        assertTrue(append.containsAll(ForkFlags.APPEND) && append.contains("-Xss2m"), append.toString());
    }

    @Test
    void forkArgumentsMatchTheBenchmarkAnnotation() throws Exception {
        List<String> args = ForkProbe.forkJvmArgs(new CommandLineOptions(), io.fdbench.bench.kernel.KernelBenchmark.class);
        assertEquals(ForkFlags.PREPEND, args.subList(0, 2));
    }
}
