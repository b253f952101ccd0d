package io.fdbench.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captured stdout/stderr of one command run, for CLI tests. */
public final class Capture {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    public final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    public final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    public String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs {@code args} through {@link Main} routing and returns the exit code. */
    public int run(String... args) {
        return Main.run(args, out, err);
    }
}
