package io.fdbench.engine.data;

import java.io.IOException;

/**
 * A file or stream that is not a valid IDX file of the expected kind (bad magic number, wrong
 * element type, non-positive dimensions, truncated or trailing data, labels out of range, corrupt
 * gzip, or image and label files that do not agree). The message always starts with the source
 * (file name or resource name) and says what is wrong.
 */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public IdxFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    public IdxFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file or resource name the problem was found in. */
    public String source() {
        return source;
    }
}
