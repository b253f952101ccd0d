/**
 * Step-size error curves and their analysis.
 *
 * <p>{@link io.fdbench.engine.numerics.StepSizeSweep} estimates f′ (forward, backward, central)
 * and f″ (central second difference) of the {@link io.fdbench.engine.numerics.ScalarTestFunction}s
 * over a {@link io.fdbench.engine.numerics.StepGrid}, in double and in float, with commons-math3's
 * FiniteDifferencesDifferentiator (3 points, stepSize = h) as a peer, and compares them with exact
 * derivatives from DerivativeStructure.
 *
 * <p>The analysis is independent of where a curve comes from: any sweep (the MLP loss-gradient
 * sweep included) builds an {@link io.fdbench.engine.numerics.ErrorCurve} from its (h, error)
 * arrays and gets the same {@link io.fdbench.engine.numerics.SweepRow}s and
 * {@link io.fdbench.engine.numerics.CurveSummary} (order fit by
 * {@link io.fdbench.engine.numerics.ConvergenceFit}); {@link io.fdbench.engine.numerics.SweepCsv}
 * renders both as CSV text.
 */
package io.fdbench.engine.numerics;
