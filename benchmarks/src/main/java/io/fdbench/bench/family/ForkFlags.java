package io.fdbench.bench.family;

import java.util.List;

/**
 * The JVM flags every benchmark fork gets, defined once: the benchmark classes name these
 * constants in {@code @Fork(jvmArgsPrepend = ...)} (annotation values must be constants) and the
 * suite re-adds the same list when a command-line {@code -jvmArgsPrepend} replaces the
 * annotation's, and pins the locale last through the append list.
 */
public final class ForkFlags {

    /** The Vector API module; without it the forks fall back to the scalar kernel. */
    public static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    /** English number formats in the forks' output (JMH formats with the default locale). */
    public static final String LANGUAGE = "-Duser.language=en";

    /** Completes {@link #LANGUAGE}. */
    public static final String COUNTRY = "-Duser.country=US";

    /** What every benchmark's {@code @Fork(jvmArgsPrepend)} lists. */
    public static final List<String> PREPEND = List.of(VECTOR_MODULE, LANGUAGE);

    /**
     * Appended after every other argument: host JVM arguments such as {@code -Duser.language=de}
     * reach the forks after the prepend list, so the locale pin goes last.
     */
    public static final List<String> APPEND = List.of(LANGUAGE, COUNTRY);

    private ForkFlags() {
    }
}
