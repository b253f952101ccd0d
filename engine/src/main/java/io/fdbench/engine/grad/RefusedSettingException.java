package io.fdbench.engine.grad;

/**
 * An estimator cannot work with one setting it was given: the model's hidden activation (the
 * complex step needs an analytic network) or the step (outside the range the estimator accepts).
 * Its message is one line naming the setting and the value. A subclass of
 * {@link IllegalArgumentException}, so callers that report bad arguments keep doing so; a command
 * catches this type to name the flag that set it.
 */
public final class RefusedSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What was refused. */
    public enum Setting {
        /** The model's hidden activation. */
        ACTIVATION,
        /** The step h. */
        STEP
    }

    private final Setting setting;

    public RefusedSettingException(Setting setting, String message) {
        super(message);
        this.setting = java.util.Objects.requireNonNull(setting, "setting");
    }

    public Setting setting() {
        return setting;
    }
}
