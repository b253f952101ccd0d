package io.fdbench.bench.cli;

import io.fdbench.bench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultOutputTest {

    @Test
    void aFailedWritePrintsTheResultsSoTheRunIsNotLost(@TempDir Path dir) throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ResultFiles.WriteException e = assertThrows(ResultFiles.WriteException.class,
                () -> ResultOutput.writeOrPrint(new ResultFiles(), notAFolder.resolve("out"), "train",
                        List.of(".csv", "-env.csv"),
                        names -> Map.of(".csv", "epoch,loss\n1,0.5\n", "-env.csv", "key,value\nlr,0.1\n"),
                        "train", err));
        assertTrue(e.getMessage().contains(notAFolder.toString()), e.getMessage());
        String printed = bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertTrue(printed.contains("----- train.csv -----\nepoch,loss\n1,0.5\n"), printed);
        assertTrue(printed.contains("----- train-env.csv -----\nkey,value\nlr,0.1\n"), printed);
    }

    @Test
    void aSuccessfulWritePrintsNothing(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, Path> w = ResultOutput.writeOrPrint(new ResultFiles(), dir, "train", List.of(".csv"),
                names -> Map.of(".csv", "x\n"), "train", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("x\n", Files.readString(w.get(".csv")));
        assertEquals(0, bytes.size());
    }
}
