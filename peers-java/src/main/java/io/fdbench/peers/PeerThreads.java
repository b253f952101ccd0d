package io.fdbench.peers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thread pinning of a peer process, as the Python peers do it: the BLAS / OpenMP thread variables
 * (read by the native libraries when they load, so they must be set in the environment of the
 * JVM: {@code scripts/peers/run-java-peers.sh} sets them for each JMH run) plus each library's
 * own setting, applied in {@code @Setup}. A fork whose environment disagrees with its
 * {@code threads} parameter fails instead of timing the wrong thread count.
 */
public final class PeerThreads {

    /** The variables the Python peers set (scripts/peers/common.py THREAD_VARS). */
    public static final List<String> VARIABLES = List.of("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS");

    private PeerThreads() {
    }

    /** Fails with one line unless every thread variable of this process equals {@code threads}. */
    public static void requireEnvironment(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        for (String v : VARIABLES) {
            String value = System.getenv(v);
            if (!String.valueOf(threads).equals(value)) {
                throw new IllegalStateException("threads=" + threads + " but " + v + "=" + value
                        + " in this JVM's environment: run the Java peers through scripts/peers/run-java-peers.sh"
                        + " (it sets the variables for each thread count)");
            }
        }
    }

    /** The thread variables as the env file records them. */
    public static Map<String, String> environment() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String v : VARIABLES) {
            out.put("env." + v, String.valueOf(System.getenv(v)));
        }
        out.put("env.OMP_WAIT_POLICY", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        return out;
    }
}
