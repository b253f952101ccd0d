package io.fdbench.engine.memory;

import java.util.Locale;

/**
 * The heap left for a large allocation, checked before it is made: a request that does not fit
 * stops with an {@link InsufficientHeapException} naming the figure and the {@code -Xmx} that
 * would do, instead of an {@link OutOfMemoryError} and its stack trace halfway through.
 *
 * <p>A request fits when its bytes plus a margin (an eighth of the request, at least 32 MiB, for
 * the temporaries and fragmentation around it) are at most the maximum heap minus the heap in use.
 * {@link #jvm()} reads this JVM's {@link Runtime}; before refusing it collects garbage once, so
 * unreachable objects do not count as used. {@link #fixed} is a budget with given figures, for
 * tests and what-if questions.
 */
public final class HeapBudget {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** The smallest margin kept free beside a request. */
    static final long MIN_MARGIN = 32 * MIB;
    /**
     * Fraction of {@code -Xmx} the suggestion counts on: with the serial and parallel collectors
     * {@link Runtime#maxMemory()} excludes one survivor space, a few per cent of {@code -Xmx}.
     */
    static final double USABLE_FRACTION = 0.9;

    private static final HeapBudget JVM = new HeapBudget(-1, -1);

    /** Fixed figures, or −1 for this JVM's live ones. */
    private final long fixedMax;
    private final long fixedUsed;

    private HeapBudget(long fixedMax, long fixedUsed) {
        this.fixedMax = fixedMax;
        this.fixedUsed = fixedUsed;
    }

    /** This JVM's heap: {@link Runtime#maxMemory()} and the memory in use now. */
    public static HeapBudget jvm() {
        return JVM;
    }

    /** A budget of {@code maxBytes} with {@code usedBytes} already in use. */
    public static HeapBudget fixed(long maxBytes, long usedBytes) {
        if (maxBytes <= 0 || usedBytes < 0 || usedBytes > maxBytes) {
            throw new IllegalArgumentException("heap budget: need 0 <= used <= max and max > 0, got used "
                    + usedBytes + " of max " + maxBytes);
        }
        return new HeapBudget(maxBytes, usedBytes);
    }

    /**
     * Checks this JVM's heap for {@code bytes} (see {@link #check}); {@code what} names what needs
     * them, e.g. a file or a model.
     */
    public static void require(long bytes, String what) {
        JVM.check(bytes, what);
    }

    /** The maximum heap in bytes ({@link Long#MAX_VALUE} when the JVM has no limit). */
    public long maxBytes() {
        return fixedMax >= 0 ? fixedMax : Runtime.getRuntime().maxMemory();
    }

    /** Bytes in use now (for this JVM: allocated heap minus its free part, garbage included). */
    public long usedBytes() {
        if (fixedUsed >= 0) {
            return fixedUsed;
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Returns normally if {@code bytes} fit, else throws.
     *
     * @param bytes the bytes about to be allocated (≥ 0)
     * @param what  what needs them, the start of the message: a file name, a model
     * @throws InsufficientHeapException if bytes plus the margin exceed the free heap
     */
    public void check(long bytes, String what) {
        if (bytes < 0) {
            throw new IllegalArgumentException("heap budget: negative request " + bytes + " for " + what);
        }
        long max = maxBytes();
        if (max == Long.MAX_VALUE || fits(bytes, max, usedBytes())) {
            return;
        }
        if (this == JVM) {
            System.gc(); // only on the way to a refusal: garbage must not count against the request
            max = maxBytes();
        }
        long used = usedBytes();
        if (!fits(bytes, max, used)) {
            throw new InsufficientHeapException(what, add(bytes, margin(bytes)), Math.max(0, max - used), max,
                    xmx(used, bytes));
        }
    }

    private static boolean fits(long bytes, long max, long used) {
        return add(bytes, margin(bytes)) <= max - used;
    }

    /** The headroom kept free beside a request of {@code bytes}: an eighth, at least 32 MiB. */
    static long margin(long bytes) {
        return Math.max(MIN_MARGIN, bytes / 8);
    }

    /**
     * The {@code -Xmx} option that leaves room for {@code bytes} beside {@code usedBytes} in use,
     * rounded up to a multiple of 256 MiB below 1 GiB ({@code -Xmx768m}) and to whole GiB above
     * ({@code -Xmx12g}).
     */
    public static String xmx(long usedBytes, long bytes) {
        long heap = add(add(usedBytes, bytes), margin(bytes));
        double target = heap / USABLE_FRACTION;
        if (target <= GIB) {
            long quarters = (long) Math.ceil(target / (256 * MIB));
            return "-Xmx" + Math.max(1, quarters) * 256 + "m";
        }
        return "-Xmx" + (long) Math.ceil(target / GIB) + "g";
    }

    /** The byte count of an {@code -Xmx} value as {@link #xmx} writes it ({@code -Xmx12g}, {@code -Xmx768m}). */
    static long xmxBytes(String xmx) {
        String v = xmx.substring("-Xmx".length());
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return v.endsWith("g") ? n * GIB : n * MIB;
    }

    /** A byte count for people, in binary units as {@code -Xmx} counts: {@code 9.9 GiB}, {@code 45 MiB}. */
    public static String size(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", (double) bytes / GIB);
        }
        if (bytes >= MIB) {
            return String.format(Locale.ROOT, "%.0f MiB", (double) bytes / MIB);
        }
        return bytes + " bytes";
    }

    /** a + b, saturating at {@link Long#MAX_VALUE} (both non-negative). */
    static long add(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
