package io.fdbench.bench.kernel;

import io.fdbench.bench.results.CsvTable;
import io.fdbench.bench.results.DerivedColumns;
import io.fdbench.bench.results.JmhCsv;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KernelColumnsTest {

    private static final String HEAD = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
            + "\"Unit\",\"Param: impl\",\"Param: shape\"\r\n";

    @Test
    void gflopsComesFromTheMflopCounterAndFlopFromTheShape() {
        String csv = HEAD
                + "\"b.KernelBenchmark.gemm\",\"avgt\",1,2,10,NaN,\"us/op\",scalar,fwd2\r\n"      // 1e5 FLOP in 10 us
                + "\"b.KernelBenchmark.gemm:mflop\",\"avgt\",1,2,100,NaN,\"us/op\",scalar,fwd2\r\n" // 100 us per MFLOP
                + "\"b.KernelBenchmark.gemm\",\"thrpt\",1,2,1000,NaN,\"ops/s\",ejml,square512\r\n"
                + "\"b.KernelBenchmark.gemm:mflop\",\"thrpt\",1,2,3.725,NaN,\"ops/s\",ejml,square512\r\n"
                + "\"b.KernelBenchmark.gemm:gc.alloc.rate.norm\",\"avgt\",1,2,0,0,\"B/op\",ejml,fwd2\r\n"
                + "\"b.KernelBenchmark.gemm\",\"avgt\",1,2,10,NaN,\"us/op\",ejml,fwd2\r\n";  // no counter row
        CsvTable t = DerivedColumns.apply(JmhCsv.parse(csv), KernelColumns.INSTANCE);
        int flop = t.column(KernelColumns.FLOP);
        int gf = t.column(KernelColumns.GFLOPS);
        assertEquals("100000", t.rows().get(0).get(flop));
        assertEquals("10", t.rows().get(0).get(gf), "1 MFLOP per 100 us = 10 GFLOP/s");
        assertEquals("", t.rows().get(1).get(gf), "the counter row itself gets no derived cells");
        assertEquals(io.fdbench.bench.results.Num.format(3.725e-3), t.rows().get(2).get(gf),
                "throughput mode: 3.725 MFLOP per second");
        assertEquals("", t.rows().get(4).get(gf));
        assertEquals("", t.rows().get(5).get(gf), "no counter, no rate: never re-derived from the shape's name");
        assertEquals("100000", t.rows().get(5).get(flop));
    }
}
