package io.fdbench.engine.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fdbench.engine.grad.Precision;
import org.junit.jupiter.api.Test;

class ScalarTestFunctionTest {

    @Test
    void exactDerivativesOfTheQuarticMatchTheClosedForms() {
        ScalarTestFunction f = ScalarTestFunction.quarticMinusQuadratic();
        double x = 1.3;
        assertEquals(x * x * x * x - 2 * x * x, f.exactDerivative(0, x), 1e-14);
        assertEquals(4 * x * x * x - 4 * x, f.exactDerivative(1, x), 1e-13);
        assertEquals(12 * x * x - 4, f.exactDerivative(2, x), 1e-13);
    }

    @Test
    void exactDerivativesOfSinAndExpMatchTheClosedForms() {
        ScalarTestFunction sin = ScalarTestFunction.sine();
        ScalarTestFunction exp = ScalarTestFunction.exponential();
        assertEquals(Math.cos(1.0), sin.exactDerivative(1, Precision.DOUBLE), 1e-15);
        assertEquals(-Math.sin(1.0), sin.exactDerivative(2, Precision.DOUBLE), 1e-15);
        assertEquals(Math.exp(0.5), exp.exactDerivative(1, Precision.DOUBLE), 1e-15);
        assertEquals(Math.exp(0.5), exp.exactDerivative(2, Precision.DOUBLE), 1e-15);
    }

    @Test
    void floatReferenceIsTakenAtTheFloatRepresentationOfX0() {
        ScalarTestFunction f = ScalarTestFunction.quarticMinusQuadratic();
        double xf = (float) 1.3;
        assertNotEquals(1.3, xf);
        assertEquals(xf, f.x0(Precision.FLOAT));
        assertEquals(4 * xf * xf * xf - 4 * xf, f.exactDerivative(1, Precision.FLOAT), 1e-13);
    }

    @Test
    void floatEvaluationIsRoundedToFloat() {
        ScalarTestFunction sin = ScalarTestFunction.sine();
        float v = sin.valueInFloat(1.0f);
        assertEquals((float) Math.sin(1.0), v);
        double viaCm3 = sin.asUnivariateFunction(Precision.FLOAT).value(1.0 + 1e-12);
        assertEquals(v, viaCm3, 0.0, "the float view rounds its argument to float");
    }

    @Test
    void labelsNameFunctionAndPoint() {
        assertEquals("x^4-2x^2@1.3", ScalarTestFunction.quarticMinusQuadratic().label());
        assertEquals("sin@1", ScalarTestFunction.sine().label());
        assertEquals("exp@0.5", ScalarTestFunction.exponential().label());
        assertEquals(3, ScalarTestFunction.standard().size());
    }

    @Test
    void rejectsDerivativeOrdersBeyondTwo() {
        assertThrows(IllegalArgumentException.class,
                () -> ScalarTestFunction.sine().exactDerivative(3, 1.0));
    }
}
