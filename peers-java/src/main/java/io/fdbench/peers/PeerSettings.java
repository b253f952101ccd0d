package io.fdbench.peers;

/** The JMH settings of the Java peers (the suite's families use 2 forks of 3 + 3 one-second iterations). */
final class PeerSettings {

    static final int FORKS = 2;
    static final int WARMUP_ITERATIONS = 3;
    static final int MEASUREMENT_ITERATIONS = 5;
    static final int ITERATION_SECONDS = 1;
    /** Room for Fashion-MNIST (floats, pixels and the peer's own copy) besides the natives' off-heap arrays. */
    static final String HEAP = "-Xmx3g";
    static final String LANGUAGE = "-Duser.language=en";

    private PeerSettings() {
    }
}
