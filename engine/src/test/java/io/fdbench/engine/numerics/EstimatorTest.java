package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fdbench.engine.grad.Precision;
import io.fdbench.engine.grad.Scheme;
import org.junit.jupiter.api.Test;

class EstimatorTest {

    @Test
    void theoreticalBestStepsAreRootsOfTheUnitRoundoff() {
        double u = Precision.DOUBLE.unitRoundoff();
        assertEquals(Math.sqrt(u), Estimator.FORWARD.theoreticalBestStep(Precision.DOUBLE), 0.0);
        assertEquals(Math.sqrt(u), Estimator.BACKWARD.theoreticalBestStep(Precision.DOUBLE), 0.0);
        assertEquals(Math.cbrt(u), Estimator.CENTRAL.theoreticalBestStep(Precision.DOUBLE), 0.0);
        assertEquals(Math.cbrt(u), Estimator.CM3_FD3_FIRST.theoreticalBestStep(Precision.DOUBLE), 0.0);
        assertEquals(Math.pow(u, 0.25), Estimator.SECOND_DIFFERENCE.theoreticalBestStep(Precision.DOUBLE), 1e-18);
        double uf = Precision.FLOAT.unitRoundoff();
        assertEquals(Math.pow(uf, 0.25), Estimator.CM3_FD3_SECOND.theoreticalBestStep(Precision.FLOAT), 1e-12);
    }

    @Test
    void schemesMapToTheirFirstDerivativeEstimators() {
        for (Scheme s : Scheme.values()) {
            Estimator e = Estimator.of(s);
            assertEquals(s, e.scheme());
            assertEquals(s.order(), e.truncationOrder());
            assertEquals(s.label(), e.label());
            assertEquals(1, e.derivativeOrder());
        }
    }
}
