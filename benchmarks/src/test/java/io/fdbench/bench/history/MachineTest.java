package io.fdbench.bench.history;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The machine identity read from both env shapes, and what makes two machines differ. */
class MachineTest {

    private static Map<String, String> suiteEnv(String os, String forkJdk) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("host.jdk.vendor", "Debian");
        env.put("host.jdk.version", "17.0.15");
        env.put("fork.jdk.vendor", "Eclipse Adoptium");
        env.put("fork.jdk.version", forkJdk);
        env.put("host", "vm");
        env.put("cpu.model", "AMD EPYC");
        env.put("cpu.cores", "2");
        env.put("os", os);
        return env;
    }

    @Test
    void theSuiteEnvNamesTheForksJdk() {
        Machine m = Machine.of(suiteEnv("Linux 6.18.44 amd64", "25.0.1"));
        assertEquals(new Machine("vm", "AMD EPYC, 2 cores", "Linux 6.18.44 amd64", "Eclipse Adoptium 25.0.1"), m);
        assertEquals("vm, AMD EPYC, 2 cores, Linux 6.18.44 amd64, JDK Eclipse Adoptium 25.0.1", m.label());
        assertEquals(12, m.key().length());
    }

    @Test
    void anotherKernelOrJdkIsAnotherMachine() {
        Machine a = Machine.of(suiteEnv("Linux 6.18.44 amd64", "17.0.15"));
        assertEquals(a.key(), Machine.of(suiteEnv("Linux 6.18.44 amd64", "17.0.15")).key(), "stable");
        assertNotEquals(a.key(), Machine.of(suiteEnv("Linux 6.19.1 amd64", "17.0.15")).key());
        assertNotEquals(a.key(), Machine.of(suiteEnv("Linux 6.18.44 amd64", "25.0.1")).key());
    }

    @Test
    void thePeersScopedEnvHasNoJdk() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("runner.host", "vm");
        env.put("runner.os", "Linux 6.18.44");
        env.put("numpy/float/threads=1 cpu", "AMD EPYC");
        env.put("numpy/float/threads=1 cpus.online", "2");
        assertEquals(new Machine("vm", "AMD EPYC, 2 cores", "Linux 6.18.44", Machine.NONE), Machine.of(env));
    }

    @Test
    void missingFieldsAreUnknownNotGuessed() {
        Machine m = Machine.of(Map.of("jdk.version", "17.0.15"));
        assertEquals(new Machine(Machine.UNKNOWN, Machine.UNKNOWN, Machine.UNKNOWN, "17.0.15"), m);
    }
}
