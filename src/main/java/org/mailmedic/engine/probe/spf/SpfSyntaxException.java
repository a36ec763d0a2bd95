package org.mailmedic.engine.probe.spf;

/** A record, term or macro that breaks RFC 7208 syntax: the evaluation's result is permerror. */
public final class SpfSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    public SpfSyntaxException(String message) {
        super(message);
    }
}
