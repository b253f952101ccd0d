package io.fdbench.bench.experiment;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of an experiment on stderr, one plain line at most every {@link #INTERVAL_NANOS}
 * (and at each run's last step): the method, step, current loss, elapsed time and the time left
 * at the rate so far. {@code cli.Progress} draws steps and time left from a ticker thread but has
 * no place for the loss, which is what shows a finite-difference run tracking backprop; the lines
 * here are printed by the training loop itself, so a step slower than the interval prints every
 * step.
 */
final class StepProgress {

    static final long INTERVAL_NANOS = 2_000_000_000L;

    private final String label;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastPrint = System.nanoTime();

    StepProgress(String label, PrintStream err) {
        this.label = label;
        this.err = err;
    }

    /** Progress of one method's run of {@code total} steps. */
    Run start(String what, long total) {
        return new Run(what, total);
    }

    /** One finished run out of {@code total} runs (xor's many short runs). */
    void runDone(int done, int total, String what, double mae) {
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS && done < total) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) * 1e-9;
        err.printf(Locale.ROOT, "%s: run %d/%d (%s, final MAE %.4f), %s elapsed%s%n", label, done, total, what, mae,
                clock(elapsed), done < total ? ", about " + clock(elapsed * (total - done) / done) + " left" : "");
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    final class Run {
        private final String what;
        private final long total;
        private final long runStart = System.nanoTime();

        private Run(String what, long total) {
            this.what = what;
            this.total = Math.max(1, total);
        }

        /** Step {@code step} (1-based) is done with batch loss {@code loss}. */
        void step(long step, double loss) {
            long now = System.nanoTime();
            if (now - lastPrint < INTERVAL_NANOS && step < total) {
                return;
            }
            lastPrint = now;
            double elapsed = (now - runStart) * 1e-9;
            err.printf(Locale.ROOT, "%s: %s: step %d/%d, loss %.5f, %s elapsed%s%n", label, what, step, total, loss,
                    clock(elapsed), step < total ? ", about " + clock(elapsed * (total - step) / step) + " left" : "");
        }
    }
}
