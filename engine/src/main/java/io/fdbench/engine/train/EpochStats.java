package io.fdbench.engine.train;

/**
 * Statistics of one epoch (the last one may be partial when the iteration budget ends it).
 *
 * @param epoch          1-based epoch number
 * @param steps          steps taken in this epoch
 * @param iterations     steps taken since the start of training
 * @param trainLoss      the mean of this epoch's batch losses as the estimator reported them, each
 *                       at the θ before its step, weighted by batch rows (θ moves during the epoch)
 * @param trainEvalLoss  full evaluation of the training set at the θ after the epoch, or NaN when
 *                       {@link TrainingConfig#evaluateTrainingSet()} is off
 * @param trainAccuracy  training-set accuracy of that evaluation (NaN when off or for regression)
 * @param testLoss       mean test loss at the θ after the epoch ({@code Mlp.evaluate}), NaN without a test set
 * @param testAccuracy   test accuracy, NaN without a test set or for regression
 * @param trainSeconds   wall time of this epoch's steps (shuffling, batching, gradient, update)
 * @param elapsedSeconds wall time since training started, evaluations included
 */
public record EpochStats(int epoch, long steps, long iterations, double trainLoss, double trainEvalLoss,
                         double trainAccuracy, double testLoss, double testAccuracy, double trainSeconds,
                         double elapsedSeconds) {

    /** The training loss early stopping compares: the full evaluation if there is one, else the running mean. */
    public double monitoredLoss() {
        return Double.isNaN(trainEvalLoss) ? trainLoss : trainEvalLoss;
    }
}
