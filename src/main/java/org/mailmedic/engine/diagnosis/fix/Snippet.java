package org.mailmedic.engine.diagnosis.fix;

/**
 * A block the user copies: configuration for a file, a command to run, or text to send.
 *
 * @param type   {@code file}, {@code command} or {@code text}
 * @param target for {@code file}: the path it goes in; otherwise a short label (may be empty)
 * @param code   the content, with the user's own names filled in
 */
public record Snippet(String type, String target, String code) {
}
