package org.mailmedic.engine.report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A report file could not be written or read. The message names the file and says what went
 * wrong in words a user can act on; it is meant to be shown as it is.
 */
public final class ReportFileException extends IOException {

    private static final long serialVersionUID = 1L;
    private final transient Path path;

    public ReportFileException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The file the user chose. */
    public Path path() {
        return path;
    }
}
