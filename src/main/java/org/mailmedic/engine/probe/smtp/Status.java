package org.mailmedic.engine.probe.smtp;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Locale;

/** How a live-check result reads at a glance. Ordered from best to worst; {@code INFO} states a fact. */
public enum Status {
    PASS, INFO, WARN, FAIL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two statuses ({@code INFO} counts as better than {@code WARN}). */
    public Status worse(Status other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** The worst status among {@code findings}, or {@code PASS} when there are none. */
    public static Status worstOf(Collection<SmtpFinding> findings) {
        Status s = PASS;
        for (SmtpFinding f : findings) {
            s = s.worse(f.status());
        }
        return s;
    }
}
