package io.fdbench.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A plain JVM (no --add-modules) running a subcommand gets the SIMD kernel, unless scalar is forced. */
class VectorRelaunchTest {

    private static String gradcheck(String... jvmFlags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmFlags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "gradcheck", "--model", "4-3-2", "--batch", "8"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void aPlainJvmRunsTheSimdKernelWhenTheJdkHasTheModule() throws Exception {
        assumeTrue(ModuleFinder.ofSystem().find(VectorRelaunch.MODULE).isPresent(), "this JDK has no Vector API");
        String out = gradcheck();
        assertTrue(out.contains("kernel simd"), out);
    }

    @Test
    void theScalarKernelCanStillBeForced() throws Exception {
        String out = gradcheck("-Dfdbench.kernel=scalar");
        assertTrue(out.contains("kernel scalar"), out);
    }
}
