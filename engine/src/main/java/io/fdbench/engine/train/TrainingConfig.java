package io.fdbench.engine.train;

/**
 * The settings of one mini-batch SGD run; every field is validated and errors name the field.
 *
 * @param batchSize         rows per step, ≥ 1; a size ≥ the training set's rows is full-batch
 *                          gradient descent (the batch is then the whole set)
 * @param learningRate      step size lr &gt; 0
 * @param momentum          classic momentum μ in [0, 1): v = μ·v − lr·g; θ += v (0 = plain SGD)
 * @param epochs            maximum passes over the training set, ≥ 1
 * @param maxIterations     maximum steps in total, ≥ 1 ({@link Long#MAX_VALUE}: bounded by epochs only);
 *                          training stops at whichever limit comes first
 * @param tolerance         early stop when |Δ training loss| between consecutive epochs is below
 *                          it, ≥ 0 (0 disables); the loss compared is the full evaluation of the
 *                          training set when {@code evaluateTrainingSet}, else the epoch's mean batch loss
 * @param seed              seed of the shuffling
 * @param shuffle           reshuffle the rows before each epoch (Fisher–Yates, seeded); false keeps file order
 * @param evaluateTrainingSet also evaluate the whole training set at the end of each epoch
 * @param evalChunk         rows per forward pass of the evaluations, ≥ 1
 */
public record TrainingConfig(int batchSize, double learningRate, double momentum, int epochs, long maxIterations,
                             double tolerance, long seed, boolean shuffle, boolean evaluateTrainingSet,
                             int evalChunk) {

    public TrainingConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be ≥ 0, got " + tolerance);
        }
        if (evalChunk < 1) {
            throw new IllegalArgumentException("evalChunk must be at least 1, got " + evalChunk);
        }
    }

    /** Defaults: batch 100, lr 0.1, no momentum, 1 epoch, no iteration cap, no early stop, seed 42, shuffled. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().batchSize(batchSize).learningRate(learningRate).momentum(momentum).epochs(epochs)
                .maxIterations(maxIterations).tolerance(tolerance).seed(seed).shuffle(shuffle)
                .evaluateTrainingSet(evaluateTrainingSet).evalChunk(evalChunk);
    }

    public TrainingConfig withBatchSize(int v) {
        return toBuilder().batchSize(v).build();
    }

    public TrainingConfig withLearningRate(double v) {
        return toBuilder().learningRate(v).build();
    }

    public TrainingConfig withMomentum(double v) {
        return toBuilder().momentum(v).build();
    }

    public TrainingConfig withEpochs(int v) {
        return toBuilder().epochs(v).build();
    }

    public TrainingConfig withMaxIterations(long v) {
        return toBuilder().maxIterations(v).build();
    }

    public TrainingConfig withTolerance(double v) {
        return toBuilder().tolerance(v).build();
    }

    public TrainingConfig withSeed(long v) {
        return toBuilder().seed(v).build();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private int batchSize = 100;
        private double learningRate = 0.1;
        private double momentum = 0;
        private int epochs = 1;
        private long maxIterations = Long.MAX_VALUE;
        private double tolerance = 0;
        private long seed = 42;
        private boolean shuffle = true;
        private boolean evaluateTrainingSet = false;
        private int evalChunk = 1000;

        private Builder() {
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** Caps the total number of steps; with a large epoch count this makes an iteration budget. */
        public Builder maxIterations(long v) {
            maxIterations = v;
            return this;
        }

        /** A budget of exactly {@code v} steps (or until early stop): epochs unbounded, iterations capped. */
        public Builder iterations(long v) {
            maxIterations = v;
            epochs = Integer.MAX_VALUE;
            return this;
        }

        public Builder tolerance(double v) {
            tolerance = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder shuffle(boolean v) {
            shuffle = v;
            return this;
        }

        public Builder evaluateTrainingSet(boolean v) {
            evaluateTrainingSet = v;
            return this;
        }

        public Builder evalChunk(int v) {
            evalChunk = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(batchSize, learningRate, momentum, epochs, maxIterations, tolerance, seed,
                    shuffle, evaluateTrainingSet, evalChunk);
        }
    }
}
