package io.fdbench.bench.cli;

import io.fdbench.bench.results.ResultFiles;
import io.fdbench.engine.data.IdxFormatException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorReportTest {

    @Test
    void usageAndBadInputExitTwo() {
        assertEquals(new ErrorReport(Exit.USAGE, "--lr: expected a number"),
                ErrorReport.of(new UsageException("--lr", "expected a number")));
        assertEquals(new ErrorReport(Exit.USAGE, "step h = 1.0E-30 vanishes at parameter 0"),
                ErrorReport.of(new IllegalArgumentException("java.lang.IllegalArgumentException: step h = 1.0E-30"
                        + " vanishes at parameter 0")));
        ErrorReport idx = ErrorReport.of(new UncheckedIOException(
                new IdxFormatException("data/train-images-idx3-ubyte", "bad magic number 0x1234")));
        assertEquals(Exit.USAGE, idx.exitCode());
        assertTrue(idx.message().contains("data/train-images-idx3-ubyte"), idx.message());
        assertEquals(Exit.USAGE, ErrorReport.of(new EOFException("truncated")).exitCode());
    }

    @Test
    void environmentProblemsExitThree() {
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "results/ is locked by pid 42"),
                ErrorReport.of(new EnvironmentException("results/ is locked by pid 42")));
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "cannot write x.csv: no space left on device"),
                ErrorReport.of(new ResultFiles.WriteException("cannot write x.csv: no space left on device", null)));
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "/r/out: permission denied"),
                ErrorReport.of(new AccessDeniedException("/r/out")));
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "/r/out: read-only file system"),
                ErrorReport.of(new FileSystemException("/r/out", null, "Read-only file system")));
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "I/O error: no space left on device"),
                ErrorReport.of(new IOException("No space left on device")));
        assertEquals(Exit.ENVIRONMENT, ErrorReport.of(new OutOfMemoryError("Java heap space")).exitCode());
    }

    @Test
    void anythingElseIsAnUnexpectedFailureWithoutClassNames() {
        ErrorReport npe = ErrorReport.of(new NullPointerException(
                "Cannot invoke \"io.fdbench.engine.nn.Mlp.inputs()\" because \"model\" is null"));
        assertEquals(Exit.FAILURE, npe.exitCode());
        assertTrue(npe.message().startsWith("unexpected internal error: "), npe.message());
        ErrorReport wrapped = ErrorReport.of(new IllegalStateException(new ArithmeticException("/ by zero")));
        assertEquals(Exit.FAILURE, wrapped.exitCode());
        assertFalse(wrapped.message().contains("Exception"), wrapped.message());
        assertTrue(wrapped.message().contains("/ by zero"), wrapped.message());
        assertFalse(ErrorReport.of(new IllegalStateException()).message().contains("Exception"));
    }

    @Test
    void messagesKeepOneLine() {
        assertEquals("first", ErrorReport.clean("java.io.IOException: first\nsecond"));
        assertEquals("", ErrorReport.clean(null));
    }
}
