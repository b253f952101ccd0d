package io.fdbench.bench.cli;

/**
 * A problem with the machine rather than with the command line or the data: a lock held by
 * another run, a module that was asked for but is missing, an output folder that cannot take the
 * results. Its message is one line naming the thing and the cause; commands exit with
 * {@link Exit#ENVIRONMENT}.
 */
public final class EnvironmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
