package io.fdbench.bench.stepsize;

import io.fdbench.bench.chart.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fdbench.bench.results.Csv;
import io.fdbench.bench.results.CsvTable;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Step-size charts: derivatives apart, reference slopes dashed, best h marked, skipped rows counted. */
class StepSizeChartsTest {

    static final String CSV = String.join("\n",
            "target,precision,estimator,evaluation,h,abs_error,rel_error",
            "sin@1,double,forward,exact-function,1e-1,4e-2,1",
            "sin@1,double,forward,exact-function,1e-2,4e-3,1",
            "sin@1,double,forward,exact-function,1e-3,4e-4,1",
            "sin@1,double,forward,exact-function,1e-4,9e-3,1",
            "sin@1,double,central,exact-function,1e-1,9e-4,1",
            "sin@1,double,central,exact-function,1e-2,9e-6,1",
            "sin@1,double,central,exact-function,1e-3,0,0",
            "sin@1,double,central,exact-function,1e-4,NaN,NaN",
            "sin@1,double,second-difference,exact-function,1e-1,7e-4,1",
            "sin@1,double,second-difference,exact-function,1e-2,7e-6,1",
            "sin@1,double,second-difference,exact-function,1e-3,2e-3,1",
            "sin@1,double,cm3-fd3-second,exact-function,1e-1,7e-4,1",
            "sin@1,double,cm3-fd3-second,exact-function,1e-2,8e-6,1",
            "mlp 2-3-1,float,forward,full,1e-1,3e-2,1",
            "mlp 2-3-1,float,forward,incremental,1e-1,3e-2,1",
            "mlp 2-3-1,float,forward,full,1e-2,3e-3,1",
            "mlp 2-3-1,float,forward,incremental,1e-2,3e-3,1", "");

    static final Provenance PROVENANCE = Provenance.missing("stepsize.csv");

    private static List<Figure> figures() {
        return StepSizeCharts.draw(Csv.parse(CSV), PROVENANCE);
    }

    private static Figure named(List<Figure> figures, String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + name + " in "
                        + figures.stream().map(Figure::name).toList()));
    }

    @Test
    void firstDerivativesAndSecondDifferencesAreOnSeparateCharts() {
        List<Figure> figures = figures();
        assertEquals(List.of("stepsize-sin-1-double-first-derivative", "stepsize-sin-1-double-second-derivative",
                "stepsize-mlp-2-3-1-float-first-derivative"), figures.stream().map(Figure::name).toList());
        Set<String> first = curves((XYChart) named(figures, "stepsize-sin-1-double-first-derivative").chart());
        Set<String> second = curves((XYChart) named(figures, "stepsize-sin-1-double-second-derivative").chart());
        assertEquals(Set.of("forward", "central"), first);
        assertEquals(Set.of("second-difference", "cm3-fd3-second"), second);
        assertTrue(named(figures, "stepsize-sin-1-double-first-derivative").title().contains("first derivative"));
        assertTrue(named(figures, "stepsize-sin-1-double-second-derivative").title().contains("second derivative"));
        assertEquals(Set.of("forward full", "forward incremental"),
                curves((XYChart) named(figures, "stepsize-mlp-2-3-1-float-first-derivative").chart()));
    }

    @Test
    void referenceSlopesAreDashedAndMatchTheEstimatorsOrders() {
        List<Figure> figures = figures();
        XYChart first = (XYChart) named(figures, "stepsize-sin-1-double-first-derivative").chart();
        XYChart second = (XYChart) named(figures, "stepsize-sin-1-double-second-derivative").chart();
        assertEquals(List.of("O(h) reference", "O(h²) reference"), references(first));
        assertEquals(List.of("O(h²) reference"), references(second));
        for (XYChart chart : List.of(first, second)) {
            for (String name : references(chart)) {
                XYSeries s = chart.getSeriesMap().get(name);
                assertTrue(ChartStyle.isDashed(s.getLineStyle()), name + " is dashed");
                assertFalse(ChartStyle.isDashed(chart.getSeriesMap().get(curves(chart).iterator().next()).getLineStyle()),
                        "measured curves are solid");
            }
        }
        XYSeries slope = first.getSeriesMap().get("O(h²) reference");
        double[] x = slope.getXData();
        double[] y = slope.getYData();
        assertEquals(2, Math.log(y[1] / y[0]) / Math.log(x[1] / x[0]), 1e-9, "the O(h²) line has slope 2");
        assertEquals(0.1, x[1], 0, "it starts at the largest h");
    }

    @Test
    void eachCurveHasItsBestStepMarked() {
        XYChart first = (XYChart) named(figures(), "stepsize-sin-1-double-first-derivative").chart();
        XYSeries forwardBest = first.getSeriesMap().get("forward" + StepSizeCharts.BEST_SUFFIX);
        assertArrayEquals(new double[] {1e-3}, forwardBest.getXData());
        assertArrayEquals(new double[] {4e-4}, forwardBest.getYData());
        XYSeries centralBest = first.getSeriesMap().get("central" + StepSizeCharts.BEST_SUFFIX);
        assertArrayEquals(new double[] {1e-2}, centralBest.getXData(), "zero and NaN errors are not the best h");
        assertFalse(forwardBest.isShowInLegend());
        assertTrue(first.getSeriesMap().get("forward").getLabel().contains("best h 0.001"),
                first.getSeriesMap().get("forward").getLabel());
    }

    @Test
    void curvesDifferInColourAndMarker() {
        for (Figure f : figures()) {
            XYChart chart = (XYChart) f.chart();
            Set<Object> colours = new HashSet<>();
            Set<Object> markers = new HashSet<>();
            for (String c : curves(chart)) {
                XYSeries s = chart.getSeriesMap().get(c);
                assertTrue(colours.add(s.getLineColor()), f.name() + ": colour of " + c + " is taken");
                assertTrue(markers.add(s.getMarker()), f.name() + ": marker of " + c + " is taken");
            }
        }
        assertNotEquals(ChartStyle.marker(0), ChartStyle.marker(1));
    }

    @Test
    void skippedRowsAreCountedInTheCaption() {
        List<Figure> figures = figures();
        Figure first = named(figures, "stepsize-sin-1-double-first-derivative");
        assertTrue(first.caption().contains("1 row with a non-finite error"), first.caption());
        assertTrue(first.caption().contains("1 row with an error of exactly zero"), first.caption());
        XYChart chart = (XYChart) first.chart();
        assertEquals(2, chart.getSeriesMap().get("central").getXData().length, "the NaN and zero rows are not drawn");
        Figure second = named(figures, "stepsize-sin-1-double-second-derivative");
        assertTrue(second.caption().contains("Every row of the CSV for this chart is drawn"), second.caption());
    }

    @Test
    void theSummaryTableKeepsTheFittedOrderAsWritten() {
        CsvTable summary = Csv.parse("target,precision,estimator,evaluation,expected_order,fitted_order,best_h\n"
                + "sin@1,double,central,exact-function,2,1.9999,2.154435e-08\n");
        KeyTable t = StepSizeCharts.tables(summary).get(0);
        assertEquals(List.of("target", "precision", "estimator", "evaluation", "expected_order", "fitted_order",
                "best_h"), t.header());
        assertEquals(List.of("sin@1", "double", "central", "exact-function", "2", "1.9999", "2.15e-08"), t.rows().get(0));
    }

    static final String FOURTH_ORDER_CSV = String.join("\n",
            "target,precision,estimator,evaluation,h,abs_error,rel_error",
            "exp@0.5,double,central,exact-function,1e-1,4e-3,1",
            "exp@0.5,double,central,exact-function,1e-2,4e-5,1",
            "exp@0.5,double,central,exact-function,1e-9,3e-8,1",
            "exp@0.5,double,five-point,exact-function,1e-1,2e-6,1",
            "exp@0.5,double,five-point,exact-function,1e-2,2e-10,1",
            "exp@0.5,double,richardson,exact-function,1e-1,1e-7,1",
            "exp@0.5,double,richardson,exact-function,1e-2,1e-11,1",
            "exp@0.5,double,complex-step,exact-function,1e-1,1e-3,1",
            "exp@0.5,double,complex-step,exact-function,1e-9,2e-16,1",
            "exp@0.5,double,complex-step,exact-function,1e-200,2e-16,1", "");

    @Test
    void theFourthOrderCurvesGetAnOhFourSlopeAndTheComplexStepItsOwnChart() {
        List<Figure> figures = StepSizeCharts.draw(Csv.parse(FOURTH_ORDER_CSV), PROVENANCE);
        assertEquals(List.of("stepsize-exp-0.5-double-first-derivative", "stepsize-exp-0.5-double-complex-step"),
                figures.stream().map(Figure::name).toList());
        XYChart first = (XYChart) figures.get(0).chart();
        assertEquals(Set.of("central", "five-point", "richardson"), curves(first));
        assertEquals(List.of("O(h²) reference", "O(h⁴) reference"), references(first));
        XYSeries slope = first.getSeriesMap().get("O(h⁴) reference");
        assertEquals(4, Math.log(slope.getYData()[1] / slope.getYData()[0])
                / Math.log(slope.getXData()[1] / slope.getXData()[0]), 1e-9);
        assertTrue(ChartStyle.isDashed(slope.getLineStyle()));
        XYChart complex = (XYChart) figures.get(1).chart();
        assertEquals(Set.of("complex-step", "central"), curves(complex), "the central difference for contrast");
        assertEquals(1e-200, complex.getSeriesMap().get("complex-step").getXData()[0], 0.0);
        assertTrue(figures.get(1).caption().contains("round-off"), figures.get(1).caption());
    }

    @Test
    void theSummaryTableShowsWhyAnOrderIsMissing() {
        CsvTable summary = Csv.parse("target,precision,estimator,evaluation,expected_order,fitted_order,best_h,"
                + "order_note\nx^4-2x^2@1.3,double,five-point,exact-function,4,NaN,2.2e-02,"
                + "not fittable: exact up to round-off\n");
        KeyTable t = StepSizeCharts.tables(summary).get(0);
        assertEquals("order_note", t.header().get(t.header().size() - 1));
        assertEquals("not fittable: exact up to round-off", t.rows().get(0).get(t.header().size() - 1));
    }

    /** The measured curves: series that are neither reference lines, best-h markers nor error bars. */
    static Set<String> curves(XYChart chart) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String name : chart.getSeriesMap().keySet()) {
            if (!name.startsWith(StepSizeCharts.REFERENCE_PREFIX) && !name.endsWith(StepSizeCharts.BEST_SUFFIX)
                    && !name.endsWith(ErrorBars.SUFFIX)) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<String> references(XYChart chart) {
        return chart.getSeriesMap().keySet().stream().filter(n -> n.startsWith(StepSizeCharts.REFERENCE_PREFIX)).toList();
    }
}
