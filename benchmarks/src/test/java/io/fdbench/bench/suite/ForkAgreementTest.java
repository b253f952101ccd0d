package io.fdbench.bench.suite;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkAgreementTest {

    private static Statistics fork(double... samples) {
        return new ListStatistics(samples);
    }

    @Test
    void forksWithOverlappingIntervalsAgree() {
        assertEquals(ForkAgreement.OK, ForkAgreement.verdict(List.of(fork(100, 101, 99), fork(102, 100, 101))));
    }

    @Test
    void aBimodalJitOutcomeIsFlaggedWithEachForksMean() {
        // Two tight forks far apart: the pooled error bar would cover both, the forks' own do not.
        String v = ForkAgreement.verdict(List.of(fork(100, 100.5, 99.5), fork(200, 200.5, 199.5)));
        assertTrue(v.startsWith(ForkAgreement.DISAGREE), v);
        assertTrue(v.contains("100") && v.contains("200"), v);
    }

    @Test
    void oneForkOrTooFewSamplesGiveNoVerdict() {
        assertEquals("", ForkAgreement.verdict(List.of(fork(1, 2, 3))));
        assertEquals("", ForkAgreement.verdict(List.of(fork(1), fork(100))));
    }
}
