package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.engine.grad.Precision;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SweepCsvTest {

    @Test
    void rowsHaveAHeaderAndRootLocaleNumbersWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String csv = SweepCsv.rows(List.of(
                    new SweepRow("sin@1", Precision.FLOAT, "central", "exact-function", 0.125, 1.5e-7, Double.NaN)));
            assertEquals(SweepCsv.ROW_HEADER + "\n"
                    + "sin@1,float,central,exact-function,1.250000e-01,1.500000e-07,NaN\n", csv);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void summariesHaveOneLinePerCurveWithMatchingColumnCount() {
        SweepResult result = StepSizeSweep.run(List.of(ScalarTestFunction.sine()), List.of(Precision.DOUBLE),
                List.of(Estimator.FORWARD, Estimator.CENTRAL), StepGrid::defaultFor);
        String[] lines = SweepCsv.summaries(result.summaries()).split("\n");
        assertEquals(3, lines.length);
        assertEquals(SweepCsv.SUMMARY_HEADER, lines[0]);
        int columns = lines[0].split(",", -1).length;
        for (String line : lines) {
            assertEquals(columns, line.split(",", -1).length, line);
        }
        assertTrue(lines[2].startsWith("sin@1,double,central,exact-function,2,"), lines[2]);
    }

    @Test
    void quotesTextFieldsContainingCommas() {
        String line = SweepCsv.line(new SweepRow("f(x, y)", Precision.DOUBLE, "central", "full", 1, 0, 0));
        assertEquals("\"f(x, y)\",double,central,full,1.000000e+00,0.000000e+00,0.000000e+00", line);
    }
}
