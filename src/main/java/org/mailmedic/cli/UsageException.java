package org.mailmedic.cli;

/** Wrong command-line arguments: reported on stderr with exit code 2. */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
