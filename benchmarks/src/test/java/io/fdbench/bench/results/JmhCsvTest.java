package io.fdbench.bench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhCsvTest {

    /** Verbatim shape of a JMH 1.37 CSV: quoted text, bare numbers, NaN error, CRLF. */
    static final String JMH = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: impl\",\"Param: shape\"\r\n"
            + "\"io.fdbench.bench.kernel.KernelBenchmark.gemm\",\"avgt\",1,2,5299.742697,NaN,\"us/op\",scalar,fwd1\r\n"
            + "\"io.fdbench.bench.kernel.KernelBenchmark.gemm\",\"avgt\",1,10,112.636153,3.5E-4,\"us/op\",ejml,fwd2\r\n"
            + "\"io.fdbench.bench.kernel.KernelBenchmark.gemm:gc.alloc.rate.norm\",\"avgt\",1,10,0.001,0.0,\"B/op\",ejml,fwd2\r\n";

    @Test
    void roundTripsJmhOutputByteForByte() {
        CsvTable t = JmhCsv.parse(JMH);
        assertEquals(9, t.header().size());
        assertEquals(3, t.rows().size());
        assertEquals("NaN", t.rows().get(0).get(5));
        assertEquals(JMH, JmhCsv.format(t));
    }

    @Test
    void readsLfAndQuotedCellsWithCommasAndQuotes() {
        String text = JMH.replace("\r\n", "\n").replace(",scalar,fwd1", ",\"a,b \"\"q\"\"\",fwd1");
        CsvTable t = JmhCsv.parse(text);
        assertEquals("a,b \"q\"", t.rows().get(0).get(7));
        assertEquals(t, JmhCsv.parse(JmhCsv.format(t)));
    }

    @Test
    void germanLocaleFileIsRejectedWithAHint() {
        String german = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99,9%)\",\"Unit\"\r\n"
                + "\"x.Y.z\",\"avgt\",1,2,0,037773,NaN,\"us/op\"\r\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhCsv.parse(german));
        assertTrue(e.getMessage().contains("-Duser.language=en"), e.getMessage());
        // As JMH 1.37 really writes it under -Duser.language=de: renamed header, quoted comma decimals.
        String real = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99,9%)\",\"Unit\","
                + "\"Param: impl\",\"Param: shape\"\r\n"
                + "\"io.fdbench.bench.kernel.KernelBenchmark.gemm\",\"avgt\",1,2,\"47,623485\",NaN,\"us/op\",scalar,fwd2\r\n";
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> JmhCsv.parse(real));
        assertTrue(r.getMessage().contains("Score Error (99,9%)") && r.getMessage().contains("-Duser.language=en"),
                r.getMessage());
    }

    @Test
    void decimalCommaInAQuotedScoreIsRejected() {
        String text = JMH.replace("5299.742697", "\"5299,742697\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhCsv.parse(text));
        assertTrue(e.getMessage().contains("Score"), e.getMessage());
    }

    @Test
    void nonJmhHeaderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> JmhCsv.parse("\"a\",\"b\"\r\n1,2\r\n"));
        assertThrows(IllegalArgumentException.class, () -> JmhCsv.parse(""));
    }

    @Test
    void ragggedRowIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> JmhCsv.parse(JMH + "\"x\",\"avgt\",1\r\n"));
    }

    @Test
    void derivedColumnsAreAppendedAfterJmhColumns() {
        DerivedColumns twice = DerivedColumns.of(List.of("Twice"),
                row -> List.of(Num.format(2 * row.score())));
        CsvTable out = DerivedColumns.apply(JmhCsv.parse(JMH), twice);
        assertEquals(JmhCsv.COLUMNS, out.header().subList(0, 7));
        assertEquals("Twice", out.header().get(9));
        assertEquals("225.272", out.rows().get(1).get(9));
        assertThrows(IllegalArgumentException.class, () -> DerivedColumns.apply(out, twice), "duplicate column");
    }

    @Test
    void secondsPerOpUnderstandsJmhUnits() {
        CsvTable t = JmhCsv.parse(JMH);
        JmhRow avgt = new JmhRow(t.header(), t.rows().get(0));
        assertEquals(5299.742697e-6, avgt.secondsPerOp().getAsDouble(), 1e-12);
        JmhRow gc = new JmhRow(t.header(), t.rows().get(2));
        assertTrue(gc.secondsPerOp().isEmpty());
        assertTrue(gc.secondary());
        String thrpt = JMH.replace("\"us/op\",scalar", "\"ops/ms\",scalar");
        JmhRow ops = new JmhRow(t.header(), JmhCsv.parse(thrpt).rows().get(0));
        assertEquals(1e-3 / 5299.742697, ops.secondsPerOp().getAsDouble(), 1e-15);
    }
}
