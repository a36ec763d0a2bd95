package org.mailmedic.engine.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One cause MailMedic found, written for a non-expert, with the proof behind it.
 *
 * @param kind       the finding's kind, e.g. {@code throttling}; selects the fix guide
 * @param severity   how much it hurts
 * @param headline   one plain sentence ("btinternet.com accepts only about 49 messages a day from your server")
 * @param why        why it happens, in two or three plain sentences
 * @param confidence how sure we are
 * @param impact     how much mail it affects ("137 messages deferred since 3 May; 12 expired"), or ""
 * @param evidence   the log lines, bounce excerpts and live results that prove it (merged, not per line)
 * @param subject    what it is about: a destination domain, a host, or the user's domain
 * @param facts      names and numbers for filling in the fix guide (destination, limitPerDay, mxHost …)
 */
public record Finding(String kind, Severity severity, String headline, String why, Confidence confidence,
        String impact, List<EvidenceRef> evidence, String subject, Map<String, String> facts) {

    public Finding {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(severity);
        Objects.requireNonNull(headline);
        why = why == null ? "" : why;
        confidence = confidence == null ? Confidence.POSSIBLE : confidence;
        impact = impact == null ? "" : impact;
        evidence = List.copyOf(evidence);
        subject = subject == null ? "" : subject;
        facts = Map.copyOf(facts);
    }
}
