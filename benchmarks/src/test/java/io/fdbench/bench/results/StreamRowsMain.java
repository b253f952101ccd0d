package io.fdbench.bench.results;

import java.nio.file.Path;

/** Run in a small-heap child JVM by {@link StreamingTest}: streams a JMH CSV and prints rows and score sum. */
public final class StreamRowsMain {

    private StreamRowsMain() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 0;
        double sum = 0;
        try (JmhCsvReader r = JmhCsvReader.open(Path.of(args[0]))) {
            for (JmhRow row = r.next(); row != null; row = r.next()) {
                rows++;
                sum += row.score();
            }
        }
        System.out.println(rows + " " + sum);
    }
}
