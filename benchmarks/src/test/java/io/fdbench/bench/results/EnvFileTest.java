package io.fdbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two env file shapes, and a broken env file named in the error. */
class EnvFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheSuitesAndThePeersShape() throws IOException {
        Path kernel = dir.resolve("kernel.csv");
        assertEquals(dir.resolve("kernel-env.csv"), EnvFile.beside(kernel));
        assertEquals(Optional.empty(), EnvFile.of(kernel));
        Files.writeString(dir.resolve("kernel-env.csv"),
                "\"key\",\"value\"\r\n\"profile\",\"quick\"\r\n\"jmh.forks\",\"1\"\r\n");
        assertEquals(Map.of("profile", "quick", "jmh.forks", "1"), EnvFile.of(kernel).orElseThrow());

        Files.writeString(dir.resolve("peers-env.csv"), "\"Scope\",\"Key\",\"Value\"\r\n"
                + "\"run\",\"runner.mode\",\"full\"\r\n\"numpy/float/threads=1\",\"cpu\",\"AMD EPYC\"\r\n");
        assertEquals(Map.of("runner.mode", "full", "numpy/float/threads=1 cpu", "AMD EPYC"),
                EnvFile.of(dir.resolve("peers.csv")).orElseThrow());
    }

    @Test
    void aBrokenEnvFileIsNamed() throws IOException {
        Path env = dir.resolve("epoch-env.csv");
        Files.writeString(env, "\"key\",\"value\"\r\n\"profile\"\r\n");
        ResultFileException e = assertThrows(ResultFileException.class, () -> EnvFile.read(env));
        assertTrue(e.getMessage().startsWith(env + ": line 2: 1 cells"), e.getMessage());
        Files.write(env, new byte[] {'k', ',', (byte) 0xC3, '\n'});
        ResultFileException utf = assertThrows(ResultFileException.class, () -> EnvFile.read(env));
        assertTrue(utf.getMessage().startsWith(env + ": line 1: not UTF-8"), utf.getMessage());
    }
}
