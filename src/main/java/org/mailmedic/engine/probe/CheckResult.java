package org.mailmedic.engine.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.DnsEvidence;

/**
 * The result of one live check, as the window's row, the CLI's block and the JSON report show it.
 *
 * @param id       stable identifier, e.g. {@code mx}, {@code spf}, {@code dmarc}
 * @param title    short name for people, e.g. "Mail servers (MX)"
 * @param status   pass / info / warn / fail
 * @param headline one plain-language sentence: what was found
 * @param details  further findings, one sentence each, most important first
 * @param facts    machine-readable facts for the diagnosis rules (e.g. {@code spf.result=fail})
 * @param dns      the DNS answers this check used
 * @param trace    the reasoning tree (SPF evaluation), or null
 */
public record CheckResult(String id, String title, Status status, String headline, List<String> details,
        Map<String, String> facts, List<DnsEvidence> dns, TraceNode trace) {

    public CheckResult {
        details = List.copyOf(details);
        facts = Map.copyOf(facts);
        dns = List.copyOf(dns);
    }

    /** Builds a result step by step; the status only ever gets worse through {@link #raise}. */
    public static final class Builder {
        private final String id;
        private final String title;
        private Status status = Status.PASS;
        private String headline = "";
        private final List<String> details = new ArrayList<>();
        private final Map<String, String> facts = new LinkedHashMap<>();
        private final List<DnsEvidence> dns = new ArrayList<>();
        private TraceNode trace;

        public Builder(String id, String title) {
            this.id = id;
            this.title = title;
        }

        /** Sets the status outright. */
        public Builder status(Status s) {
            this.status = s;
            return this;
        }

        /** Makes the status at least {@code s}. */
        public Builder raise(Status s) {
            this.status = status.worse(s);
            return this;
        }

        public Status status() {
            return status;
        }

        public Builder headline(String h) {
            this.headline = h;
            return this;
        }

        public Builder detail(String d) {
            details.add(d);
            return this;
        }

        /** Adds a detail and raises the status. */
        public Builder finding(Status s, String d) {
            raise(s);
            details.add(d);
            return this;
        }

        public Builder fact(String key, Object value) {
            facts.put(key, String.valueOf(value));
            return this;
        }

        public Builder dns(DnsAnswer a) {
            if (a != null) {
                DnsEvidence e = DnsEvidence.of(a);
                if (!dns.contains(e)) {
                    dns.add(e);
                }
            }
            return this;
        }

        public Builder dns(List<DnsEvidence> list) {
            for (DnsEvidence e : list) {
                if (!dns.contains(e)) {
                    dns.add(e);
                }
            }
            return this;
        }

        public Builder trace(TraceNode t) {
            this.trace = t;
            return this;
        }

        public CheckResult build() {
            return new CheckResult(id, title, status, headline, details, facts, dns, trace);
        }
    }
}
