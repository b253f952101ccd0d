package io.fdbench.bench.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of long work on stderr: {@code train: 120/800 steps (15 %), 0:12 elapsed, about 1:08
 * left}. The work calls {@link #advance}; a daemon thread prints the state, so a step that takes
 * minutes still shows the run is alive (without an estimate until the first unit is done). On a
 * terminal the line is redrawn in place with {@code \r} once a second; otherwise (a log file, a
 * pipe) a plain line is printed at most every 5 s. Runs shorter than the first interval print
 * nothing. {@link #close()} ends the line.
 */
public final class Progress implements AutoCloseable {

    private static final long TERMINAL_INTERVAL_NANOS = 1_000_000_000L;
    private static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final String label;
    private final String unit;
    private final long total;
    private final PrintStream err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private final Thread ticker;
    private long lastPrint;
    private int drawnWidth;
    private boolean closed;

    /**
     * Progress of {@code total} units (e.g. "steps") under {@code label} (e.g. the command name),
     * printed by a background thread to {@code err}.
     */
    public static Progress start(String label, String unit, long total, PrintStream err) {
        Progress p = new Progress(label, unit, total, err, isTerminal(), System::nanoTime, true);
        p.ticker.start();
        return p;
    }

    /** For tests: a fixed clock and no thread; {@link #tick()} prints when the interval has passed. */
    Progress(String label, String unit, long total, PrintStream err, boolean terminal, LongSupplier nanoTime) {
        this(label, unit, total, err, terminal, nanoTime, false);
    }

    private Progress(String label, String unit, long total, PrintStream err, boolean terminal,
                     LongSupplier nanoTime, boolean withThread) {
        this.label = label;
        this.unit = unit;
        this.total = Math.max(total, 1);
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.lastPrint = start;
        this.ticker = withThread ? new Thread(this::run, "fdbench-progress") : null;
        if (ticker != null) {
            ticker.setDaemon(true);
        }
    }

    /** Records {@code n} more units done; cheap enough to call once per training step. */
    public void advance(long n) {
        done.addAndGet(n);
    }

    /** Units done so far. */
    public long done() {
        return done.get();
    }

    /** Prints the state if the interval since the last line has passed; the ticker calls this. */
    synchronized void tick() {
        if (closed) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastPrint < (terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
            return;
        }
        lastPrint = now;
        String line = line(now);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Removes the redrawn line from a terminal before other output; a no-op in plain mode. */
    public synchronized void clear() {
        if (terminal && drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    /** Stops printing and ends a redrawn terminal line. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            clear();
        }
        if (ticker != null) {
            ticker.interrupt();
        }
    }

    /** The progress line at time {@code now}. */
    String line(long now) {
        long d = Math.min(done.get(), total);
        double elapsed = (now - start) / 1e9;
        StringBuilder sb = new StringBuilder(label).append(": ").append(d).append('/').append(total).append(' ')
                .append(unit).append(String.format(Locale.ROOT, " (%d %%), ", (int) (100 * d / total)))
                .append(clock(elapsed)).append(" elapsed");
        if (d > 0 && d < total) {
            sb.append(", about ").append(clock(elapsed * (total - d) / d)).append(" left");
        }
        return sb.toString();
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void run() {
        long sleepMillis = terminal ? 200 : 1000;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(sleepMillis);
                tick();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /**
     * Whether the user watches a terminal. Java 17's {@code System.console()} is null when a
     * stream is redirected; from Java 22 it never is, and {@code Console.isTerminal()} tells.
     */
    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // before Java 22: a console exists only on a terminal
        }
    }
}
