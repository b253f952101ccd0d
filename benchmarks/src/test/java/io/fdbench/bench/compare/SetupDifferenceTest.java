package io.fdbench.bench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which env differences make two runs incomparable, and the profile of an env without one. */
class SetupDifferenceTest {

    @Test
    void onlyProfileSettingsJdkKernelAndMachineCount() {
        Map<String, String> a = Map.of("date", "monday", "git.commit", "aaa", "profile", "full",
                "jmh.measurement.iterations", "5", "fork.jdk.version", "17", "kernel.best", "simd-512",
                "cpu.model", "AMD EPYC", "os", "Linux 6.1 amd64");
        Map<String, String> same = Map.of("date", "tuesday", "git.commit", "bbb", "profile", "full",
                "jmh.measurement.iterations", "5", "fork.jdk.version", "17", "kernel.best", "simd-512",
                "cpu.model", "AMD EPYC", "os", "Linux 6.1 amd64");
        assertEquals(List.of(), SetupDifference.between(a, same));

        Map<String, String> other = Map.of("profile", "quick", "jmh.measurement.iterations", "2",
                "fork.jdk.version", "25", "kernel.best", "scalar", "cpu.model", "Intel Xeon", "os", "Linux 6.2 amd64");
        List<String> aspects = SetupDifference.between(a, other).stream().map(SetupDifference::aspect).sorted().toList();
        assertEquals(List.of("JDK", "kernel", "machine", "machine", "profile", "settings"), aspects);
    }

    @Test
    void aProfileIsReadOrInferredFromTooFewSamples() {
        assertEquals(Optional.of("quick"), SetupDifference.profile(Map.of("profile", "quick")));
        assertEquals(Optional.of("full"), SetupDifference.profile(Map.of("runner.mode", "full")));
        assertEquals(Optional.of("quick"), SetupDifference.profile(Map.of("jmh.forks", "1",
                "jmh.measurement.iterations", "2")));
        assertEquals(Optional.empty(), SetupDifference.profile(Map.of("jmh.forks", "1",
                "jmh.measurement.iterations", "5")));
        assertEquals(Optional.empty(), SetupDifference.profile(Map.of("jmh.forks", "1",
                "jmh.measurement.iterations", "2; 5")));
        // A baseline without the key, inferred quick, against a full run.
        assertEquals(List.of(new SetupDifference("profile", "profile", "quick", "full")),
                SetupDifference.between(Map.of("jmh.forks", "1", "jmh.measurement.iterations", "1"),
                        Map.of("profile", "full")));
    }
}
