package io.fdbench.engine.parallel;

import io.fdbench.engine.tuning.Tuning;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's one thread mechanism: the calling thread plus {@code workers − 1} daemon threads
 * that run one task split into parts, part 0 on the caller. Finite differences split the
 * parameters over a team, backprop the batch rows, {@code ParallelKernel} each large product.
 *
 * <ul>
 *   <li>Work is split deterministically: {@link #forEachRange} gives part p the contiguous range
 *       {@link #rangeStart rangeStart(size, p, workers)} .. {@code rangeStart(size, p + 1,
 *       workers)}, the same for every call with the same size and team size.</li>
 *   <li>{@link #sum} adds per-part float buffers in part order, element by element, so a result
 *       reduced through it has the same bits for a given worker count, whichever thread computed
 *       which element.</li>
 *   <li>A part's exception or {@link Error} reaches the caller, rethrown as is, after every part has
 *       finished: a call never returns while a worker still runs, and a failed part never leaves the
 *       caller waiting (failures of later parts are attached as suppressed).</li>
 *   <li>Workers spin briefly for the next task, because the kernel calls them back to back, then
 *       park; the caller does the same while it waits. A call allocates nothing.</li>
 * </ul>
 *
 * <p>One call at a time: a call made while another is in flight, or from inside a task, fails
 * with an {@link IllegalStateException}, as does any call after {@link #close}. Close the team to
 * end its threads.
 */
public final class WorkerTeam implements AutoCloseable {

    /** One part of a task. */
    @FunctionalInterface
    public interface PartTask {
        /** Runs part {@code part} of the task, 0 .. workers − 1; part 0 runs on the caller's thread. */
        void run(int part);
    }

    /** One part's contiguous range of a split index range. */
    @FunctionalInterface
    public interface RangeTask {
        /** Runs the indices [from, to) (never empty) as part {@code part}. */
        void run(int part, int from, int to);
    }

    /** How long an idle worker (and a waiting caller) spins before parking (see {@link Tuning}). */
    static final long SPIN_NANOS = Tuning.PARALLEL_SPIN_NANOS;

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;

    private final String role;
    private final int workers;
    private final Helper[] helpers;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** Helpers that have not finished the task in flight. */
    private final AtomicInteger pending = new AtomicInteger();
    /** The thread that made the call in flight. */
    private volatile Thread caller;
    private volatile boolean callerParked;

    // The arguments of forEachRange and sum, read by their fixed part tasks (so no call allocates).
    private RangeTask rangeTask;
    private int rangeSize;
    private float[][] sumParts;
    private int sumFrom;
    private int sumTo;
    private float[] sumWeights;
    private float[] sumTarget;
    private int sumOffset;
    private int sumLength;
    private boolean sumAccumulate;
    private final PartTask rangePart = this::rangePart;
    private final PartTask sumPart = this::sumPart;

    /**
     * A team of {@code workers} (≥ 1): the caller and {@code workers − 1} daemon threads named
     * {@code fdbench-<role>-worker-<part>}.
     *
     * @param role what the team splits, for thread names and messages, e.g. "gemm"
     */
    public WorkerTeam(String role, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException(role + " workers must be at least 1, got " + workers);
        }
        this.role = role;
        this.workers = workers;
        this.helpers = new Helper[workers - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(i + 1);
        }
        try {
            for (Helper h : helpers) {
                h.thread.start();
            }
        } catch (RuntimeException | Error e) {
            close(); // the threads already started end; nothing is running yet
            throw e;
        }
    }

    /** Threads per call, the caller included. */
    public int workers() {
        return workers;
    }

    public String role() {
        return role;
    }

    /** Whether {@link #close} has been called. */
    public boolean isClosed() {
        return state.get() == CLOSED;
    }

    /**
     * Start of part {@code part}'s range when [0, size) is split into {@code parts} contiguous
     * ranges: the first {@code size mod parts} ranges have ⌈size / parts⌉ indices, the others
     * ⌊size / parts⌋. So lengths differ by at most one, and when size &lt; parts the non-empty
     * ranges are the first {@code size}. Part p's range ends where part p + 1's starts.
     */
    public static int rangeStart(int size, int part, int parts) {
        int q = size / parts;
        int r = size % parts;
        return part * q + Math.min(part, r);
    }

    /** Start of part {@code part}'s range of [0, size) in this team: {@code rangeStart(size, part, workers())}. */
    public int rangeStart(int size, int part) {
        return rangeStart(size, part, workers);
    }

    /** Runs task.run(p) for p = 0 .. workers − 1, part 0 on the calling thread, and returns when all are done. */
    public void run(PartTask task) {
        enter();
        try {
            Throwable failure = null;
            if (helpers.length > 0) {
                pending.set(helpers.length);
                for (Helper h : helpers) {
                    h.give(task);
                }
            }
            try {
                task.run(0);
            } catch (Throwable e) {
                failure = e;
            }
            if (helpers.length > 0) {
                awaitHelpers();
                for (Helper h : helpers) {
                    Throwable f = h.failure;
                    if (f != null) {
                        h.failure = null;
                        if (failure == null) {
                            failure = f;
                        } else if (f != failure) {
                            failure.addSuppressed(f);
                        }
                    }
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                // Only a task that sneaks a checked exception past the compiler gets here.
                throw new IllegalStateException("a " + role + " worker failed: " + failure, failure);
            }
        } finally {
            caller = null;
            state.set(IDLE);
        }
    }

    /**
     * Splits [0, size) into one contiguous range per part ({@link #rangeStart}) and runs
     * task.run(p, from, to) for each non-empty one, part 0 on the calling thread.
     */
    public void forEachRange(int size, RangeTask task) {
        if (size < 0) {
            throw new IllegalArgumentException("range size must be non-negative, got " + size);
        }
        rangeTask = task;
        rangeSize = size;
        try {
            run(rangePart);
        } finally {
            rangeTask = null;
        }
    }

    private void rangePart(int part) {
        int from = rangeStart(rangeSize, part);
        int to = rangeStart(rangeSize, part + 1);
        if (from < to) {
            rangeTask.run(part, from, to);
        }
    }

    /**
     * The fixed-order reduction: for every e in [0, length),
     * {@code target[offset + e] = (accumulate ? target[offset + e] : first term) + Σ weight_p · parts[p][e]}
     * over p = from .. to − 1 in increasing order, where weight_p is {@code weights[p]}, or no
     * multiplication at all when {@code weights} is null. Without accumulate the first part is
     * assigned, not added to zero. The elements are split over the team, and each is summed in
     * part order, so the bits do not depend on the team size. With no parts (from == to) and
     * no accumulate, the target range is zeroed.
     */
    public void sum(float[][] parts, int from, int to, float[] weights, float[] target, int offset, int length,
                    boolean accumulate) {
        if (from < 0 || to > parts.length || from > to) {
            throw new IllegalArgumentException("parts [" + from + ", " + to + ") outside [0, " + parts.length + "]");
        }
        if (weights != null && weights.length < to) {
            throw new IllegalArgumentException(weights.length + " weights for parts up to " + to);
        }
        if (length < 0 || offset < 0 || offset + length > target.length) {
            throw new IllegalArgumentException("target range [" + offset + ", " + offset + " + " + length
                    + ") outside an array of " + target.length);
        }
        for (int p = from; p < to; p++) {
            if (parts[p].length < length) {
                throw new IllegalArgumentException("part " + p + " has " + parts[p].length + " entries, fewer than "
                        + length);
            }
        }
        sumParts = parts;
        sumFrom = from;
        sumTo = to;
        sumWeights = weights;
        sumTarget = target;
        sumOffset = offset;
        sumLength = length;
        sumAccumulate = accumulate;
        try {
            run(sumPart);
        } finally {
            sumParts = null;
            sumWeights = null;
            sumTarget = null;
        }
    }

    private void sumPart(int part) {
        int e0 = rangeStart(sumLength, part);
        int e1 = rangeStart(sumLength, part + 1);
        float[] c = sumTarget;
        int off = sumOffset;
        float[] w = sumWeights;
        int p = sumFrom;
        if (!sumAccumulate) {
            if (p == sumTo) {
                Arrays.fill(c, off + e0, off + e1, 0f);
                return;
            }
            float[] first = sumParts[p];
            if (w == null) {
                System.arraycopy(first, e0, c, off + e0, e1 - e0);
            } else {
                float weight = w[p];
                for (int e = e0; e < e1; e++) {
                    c[off + e] = weight * first[e];
                }
            }
            p++;
        }
        for (; p < sumTo; p++) {
            float[] terms = sumParts[p];
            if (w == null) {
                for (int e = e0; e < e1; e++) {
                    c[off + e] += terms[e];
                }
            } else {
                float weight = w[p];
                for (int e = e0; e < e1; e++) {
                    c[off + e] += weight * terms[e];
                }
            }
        }
    }

    /**
     * Stops the threads and returns when they have ended. A call in flight on another thread is
     * waited for. Closing twice does nothing; closing from inside a task fails.
     */
    @Override
    public void close() {
        for (;;) {
            int s = state.get();
            if (s == CLOSED) {
                return;
            }
            if (s == IDLE) {
                if (state.compareAndSet(IDLE, CLOSED)) {
                    break;
                }
                continue;
            }
            if (insideTask()) {
                throw new IllegalStateException("the " + role + " worker team cannot be closed from inside one of"
                        + " its own tasks");
            }
            Thread.onSpinWait();
        }
        for (Helper h : helpers) {
            LockSupport.unpark(h.thread);
        }
        boolean interrupted = false;
        for (Helper h : helpers) {
            while (h.thread.isAlive()) {
                try {
                    h.thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WorkerTeam[" + role + ", " + workers + " workers" + (isClosed() ? ", closed" : "") + "]";
    }

    private boolean insideTask() {
        Thread me = Thread.currentThread();
        if (me == caller) {
            return true;
        }
        for (Helper h : helpers) {
            if (h.thread == me) {
                return true;
            }
        }
        return false;
    }

    private void enter() {
        if (!state.compareAndSet(IDLE, RUNNING)) {
            if (state.get() == CLOSED) {
                throw new IllegalStateException("the " + role + " worker team is closed");
            }
            throw new IllegalStateException("the " + role + " worker team is already running a task (one call at"
                    + " a time, and not from inside a task)");
        }
        caller = Thread.currentThread();
    }

    /** Spins, then parks, until every helper has finished; the last one to finish unparks the caller. */
    private void awaitHelpers() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() > 0 && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        while (pending.get() > 0) {
            callerParked = true;
            if (pending.get() > 0) {
                LockSupport.park(this);
            }
            callerParked = false;
        }
    }

    /** A thread that runs part {@code part} of each task it is given. */
    private final class Helper implements Runnable {
        final int part;
        final Thread thread;
        volatile PartTask task;
        volatile boolean parked;
        volatile Throwable failure;

        Helper(int part) {
            this.part = part;
            this.thread = new Thread(this, "fdbench-" + role + "-worker-" + part);
            thread.setDaemon(true);
        }

        void give(PartTask t) {
            task = t;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            // A task is only given while the team is RUNNING, and the team is closed only when
            // idle, after every given task has finished: so a closed team has no task waiting.
            for (;;) {
                PartTask t = task;
                if (t == null) {
                    long spinUntil = System.nanoTime() + SPIN_NANOS;
                    while ((t = task) == null && state.get() != CLOSED && System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    }
                    if (t == null) {
                        if (state.get() == CLOSED) {
                            return;
                        }
                        parked = true;
                        if (task == null && state.get() != CLOSED) {
                            LockSupport.park(this);
                        }
                        parked = false;
                        continue;
                    }
                }
                task = null;
                try {
                    t.run(part);
                } catch (Throwable e) {
                    failure = e; // the caller reports it; the count below must still drop
                }
                if (pending.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
