package io.fdbench.bench;

/** Entry point of benchmarks.jar (filled in by the JMH suite issue). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
