package io.fdbench.bench.experiment;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.genetics.AbstractListChromosome;
import org.apache.commons.math3.genetics.Chromosome;
import org.apache.commons.math3.genetics.ElitisticListPopulation;
import org.apache.commons.math3.genetics.GeneticAlgorithm;
import org.apache.commons.math3.genetics.InvalidRepresentationException;
import org.apache.commons.math3.genetics.MutationPolicy;
import org.apache.commons.math3.genetics.StoppingCondition;
import org.apache.commons.math3.genetics.TournamentSelection;
import org.apache.commons.math3.genetics.UniformCrossover;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The gradient-free optimisers commons-math3 ships, run on a loss with a budget of loss
 * evaluations and a target: CMA-ES ({@link CMAESOptimizer}, restarted from a fresh seed with the
 * remaining budget whenever it stops on its own convergence rules) and a real-coded genetic
 * algorithm on its {@code genetics} package (uniform crossover, tournament selection, elitism,
 * and a Gaussian mutation written here: the package has none for real genes). Every evaluation
 * goes through a {@link Tally}, which counts it, keeps the best point, and ends the run as soon
 * as the target holds.
 */
final class GradientFree {

    /** GA settings: population, elitism, crossover and mutation rates, mutation σ, tournament arity. */
    static final int GA_POPULATION = 50;
    static final double GA_ELITISM = 0.1;
    static final double GA_CROSSOVER_RATE = 0.9;
    static final double GA_MUTATION_RATE = 0.5;
    static final double GA_MUTATION_SIGMA = 0.5;
    static final int GA_TOURNAMENT = 3;
    /** CMA-ES's initial step σ for every coordinate (the weights start in [−1, 1)). */
    static final double CMA_SIGMA = 0.5;

    private GradientFree() {
    }

    /** Thrown by the tally to end an optimiser once the target holds or the budget is spent. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** The evaluations of one run: count, best point, when the target first held, a log-spaced curve. */
    static final class Tally {
        final ToDoubleFunction<double[]> loss;
        final ToDoubleFunction<double[]> monitor;
        final double target;
        final long budget;
        double bestMonitor = Double.NaN;
        long evaluations;
        double best = Double.POSITIVE_INFINITY;
        double[] bestPoint;
        long reachedAt = -1;
        double reachedSeconds = Double.NaN;
        final long start = System.nanoTime();
        /** (evaluations, best loss so far, the monitor at that point, seconds) at log-spaced counts. */
        final List<double[]> curve = new ArrayList<>();
        private long nextLog = 1;

        /**
         * A tally of {@code loss} with at most {@code budget} evaluations; the run ends once
         * {@code monitor} (e.g. the MAE) of the best point so far is below {@code target}.
         */
        Tally(ToDoubleFunction<double[]> loss, ToDoubleFunction<double[]> monitor, double target, long budget) {
            this.loss = loss;
            this.monitor = monitor;
            this.target = target;
            this.budget = budget;
        }

        double value(double[] x) {
            if (evaluations >= budget || reachedAt >= 0) {
                throw new Stop();
            }
            evaluations++;
            double v = loss.applyAsDouble(x);
            if (v < best) {
                best = v;
                bestPoint = x.clone();
                bestMonitor = monitor.applyAsDouble(x);
                if (bestMonitor < target) {
                    reachedAt = evaluations;
                    reachedSeconds = (System.nanoTime() - start) * 1e-9;
                }
            }
            if (evaluations >= nextLog || reachedAt >= 0) {
                curve.add(new double[] {evaluations, best, bestMonitor, seconds()});
                nextLog = Math.max(nextLog + 1, (long) Math.ceil(nextLog * 1.05));
            }
            return v;
        }

        double seconds() {
            return (System.nanoTime() - start) * 1e-9;
        }
    }

    /** CMA-ES from {@code x0} with restarts until the budget is spent or the target holds; returns the restarts. */
    static int cmaes(Tally tally, double[] x0, long seed) {
        int restarts = 0;
        double[] sigma = new double[x0.length];
        Arrays.fill(sigma, CMA_SIGMA);
        int lambda = 4 + (int) (3 * Math.log(x0.length));
        RandomGenerator rnd = new MersenneTwister(seed);
        double[] start = x0.clone();
        while (tally.evaluations < tally.budget && tally.reachedAt < 0) {
            long left = tally.budget - tally.evaluations;
            CMAESOptimizer opt = new CMAESOptimizer(Integer.MAX_VALUE, 0, true, 0, 0, rnd, false, null);
            try {
                opt.optimize(new MaxEval((int) Math.min(Integer.MAX_VALUE, left + 1)), new MaxIter(Integer.MAX_VALUE),
                        new ObjectiveFunction(tally::value), GoalType.MINIMIZE, new InitialGuess(start),
                        new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(lambda),
                        SimpleBounds.unbounded(x0.length));
            } catch (Stop | TooManyEvaluationsException e) {
                break;
            }
            restarts++;
            for (int i = 0; i < start.length; i++) {
                start[i] = 2 * rnd.nextDouble() - 1;
            }
        }
        return restarts;
    }

    /** A real-coded GA from a seeded population in [−1, 1); returns the generations evolved. */
    static int genetic(Tally tally, int genes, long seed) {
        GeneticAlgorithm.setRandomGenerator(new MersenneTwister(seed));
        RandomGenerator rnd = GeneticAlgorithm.getRandomGenerator();
        List<Chromosome> first = new ArrayList<>();
        for (int c = 0; c < GA_POPULATION; c++) {
            List<Double> g = new ArrayList<>();
            for (int i = 0; i < genes; i++) {
                g.add(2 * rnd.nextDouble() - 1);
            }
            first.add(new Weights(g, tally));
        }
        GeneticAlgorithm ga = new GeneticAlgorithm(new UniformCrossover<Double>(0.5), GA_CROSSOVER_RATE,
                new GaussianMutation(), GA_MUTATION_RATE, new TournamentSelection(GA_TOURNAMENT));
        StoppingCondition done = p -> tally.evaluations >= tally.budget || tally.reachedAt >= 0;
        try {
            ga.evolve(new ElitisticListPopulation(first, GA_POPULATION, GA_ELITISM), done);
        } catch (Stop e) {
            // budget spent or target reached inside a generation
        }
        return ga.getGenerationsEvolved();
    }

    /** A vector of weights; fitness is minus the loss (the GA maximises). */
    private static final class Weights extends AbstractListChromosome<Double> {
        private final Tally tally;

        Weights(List<Double> genes, Tally tally) {
            super(genes, false);
            this.tally = tally;
        }

        @Override
        protected void checkValidity(List<Double> genes) throws InvalidRepresentationException {
            // every real vector is a network
        }

        @Override
        public AbstractListChromosome<Double> newFixedLengthChromosome(List<Double> genes) {
            return new Weights(genes, tally);
        }

        @Override
        public double fitness() {
            List<Double> g = getRepresentation();
            double[] x = new double[g.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = g.get(i);
            }
            return -tally.value(x);
        }

        List<Double> genes() {
            return getRepresentation();
        }
    }

    /** Adds N(0, σ²) to each gene with probability 1/genes (at least one gene changes). */
    private static final class GaussianMutation implements MutationPolicy {
        @Override
        public Chromosome mutate(Chromosome original) {
            Weights w = (Weights) original;
            RandomGenerator rnd = GeneticAlgorithm.getRandomGenerator();
            List<Double> g = new ArrayList<>(w.genes());
            int forced = rnd.nextInt(g.size());
            for (int i = 0; i < g.size(); i++) {
                if (i == forced || rnd.nextDouble() < 1.0 / g.size()) {
                    g.set(i, g.get(i) + GA_MUTATION_SIGMA * rnd.nextGaussian());
                }
            }
            return w.newFixedLengthChromosome(g);
        }
    }

    /** The GA's settings, for the env file. */
    static String gaDescription() {
        return "population " + GA_POPULATION + ", elitism " + GA_ELITISM + ", uniform crossover rate "
                + GA_CROSSOVER_RATE + ", Gaussian mutation σ " + GA_MUTATION_SIGMA + " rate " + GA_MUTATION_RATE
                + ", tournament " + GA_TOURNAMENT;
    }

    static String cmaDescription(int dimension) {
        return "σ " + CMA_SIGMA + ", population " + (4 + (int) (3 * Math.log(dimension)))
                + ", active CMA, restarts from uniform [−1, 1) when it converges";
    }
}
