package io.fdbench.bench.cli;

import io.fdbench.bench.results.ResultFileException;
import io.fdbench.bench.results.ResultFiles;
import io.fdbench.engine.data.IdxFormatException;
import io.fdbench.engine.memory.HeapBudget;
import io.fdbench.engine.memory.InsufficientHeapException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals(new ErrorReport(Exit.USAGE, "results/kernel.csv: empty file"),
                ErrorReport.of(new ResultFileException(Path.of("results/kernel.csv"), "empty file")));
        // An input the user may not read; writes that are refused arrive as ResultFiles.WriteException (3).
        assertEquals(new ErrorReport(Exit.USAGE, "/r/data/train-images-idx3-ubyte: permission denied"),
                ErrorReport.of(new AccessDeniedException("/r/data/train-images-idx3-ubyte")));
    }

    @Test
    void environmentProblemsExitThree() {
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "results/ is locked by pid 42"),
                ErrorReport.of(new EnvironmentException("results/ is locked by pid 42")));
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "cannot write x.csv: no space left on device"),
                ErrorReport.of(new ResultFiles.WriteException("cannot write x.csv: no space left on device", null)));
        assertEquals(new ErrorReport(Exit.ENVIRONMENT, "cannot write results into /r/out: permission denied"),
                ErrorReport.of(new ResultFiles.WriteException("cannot write results into /r/out: permission denied",
                        new AccessDeniedException("/r/out"))));
        InsufficientHeapException heap = assertThrows(InsufficientHeapException.class,
                () -> HeapBudget.fixed(1L << 30, 0).check(12L << 30, "train --model 784-1000000-10"));
        ErrorReport heapReport = ErrorReport.of(heap);
        assertEquals(Exit.ENVIRONMENT, heapReport.exitCode());
        assertEquals(heap.getMessage(), heapReport.message());
        assertTrue(heapReport.message().startsWith("train --model 784-1000000-10: needs about "),
                heapReport.message());
        assertTrue(heapReport.message().endsWith("run java with " + heap.xmx()), heapReport.message());
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
