package io.fdbench.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Kernel selection: the {@value Kernels#PROPERTY} property and the module's presence. */
class KernelsTest {

    private static boolean isSimd(Kernel k) {
        return k.name().startsWith("simd-");
    }

    @Test
    void scalarIsAlwaysAvailable() {
        assertEquals("scalar", Kernels.choose("scalar").name());
        assertEquals("scalar", Kernels.choose(" Scalar ").name());
    }

    @Test
    void autoPicksSimdWhenTheModuleIsPresent() {
        assumeTrue(Kernels.vectorModulePresent());
        assertTrue(isSimd(Kernels.choose("auto")), Kernels.choose("auto").name());
        assertTrue(isSimd(Kernels.choose("AUTO")));
    }

    @Test
    void autoPicksScalarWhenTheModuleIsAbsent() {
        assumeFalse(Kernels.vectorModulePresent());
        assertEquals("scalar", Kernels.choose("auto").name());
    }

    @Test
    void simdLoadsWhenTheModuleIsPresent() {
        assumeTrue(Kernels.vectorModulePresent());
        assertTrue(isSimd(Kernels.choose("simd")));
        assertTrue(isSimd(Kernels.simd()));
    }

    @Test
    void forcingSimdWithoutTheModuleIsAnError() {
        assumeFalse(Kernels.vectorModulePresent());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kernels.choose("simd"));
        assertTrue(e.getMessage().contains("jdk.incubator.vector"), e.getMessage());
    }

    @Test
    void anUnknownValueIsRejectedNamingTheProperty() {
        for (String bad : new String[] {"gpu", "", "simd256", "scalar,simd"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.choose(bad));
            assertTrue(e.getMessage().contains(Kernels.PROPERTY), e.getMessage());
        }
    }

    @Test
    void aVectorWidthParsesAndAnythingElseIsRejectedNamingTheProperty() {
        assertEquals(0, Kernels.parseVectorBits("preferred"));
        assertEquals(256, Kernels.parseVectorBits(" 256 "));
        assertEquals(512, Kernels.parseVectorBits("512"));
        for (String bad : new String[] {"", "64", "1024", "avx2", "256bits"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Kernels.parseVectorBits(bad));
            assertTrue(e.getMessage().contains(Kernels.WIDTH_PROPERTY), e.getMessage());
        }
    }

    @Test
    void theSimdKernelRunsAtTheRequestedWidth() {
        assumeTrue(Kernels.vectorModulePresent());
        int bits = Kernels.requestedVectorBits();
        String name = Kernels.simd().name();
        if (bits == 0) {
            assertTrue(name.matches("simd-(128|256|512)"), name);
        } else {
            assertEquals("simd-" + bits, name);
        }
    }

    @Test
    void bestFollowsThePropertyOfThisJvm() {
        String requested = System.getProperty(Kernels.PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        Kernel best = Kernels.best();
        assertTrue(best == Kernels.best(), "chosen once per JVM");
        switch (requested) {
            case "scalar":
                assertEquals("scalar", best.name());
                break;
            case "simd":
                assertTrue(isSimd(best), best.name());
                break;
            default:
                assertEquals(Kernels.vectorModulePresent(), isSimd(best), best.name());
                break;
        }
    }
}
