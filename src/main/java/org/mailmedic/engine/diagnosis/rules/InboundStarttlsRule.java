package org.mailmedic.engine.diagnosis.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mailmedic.engine.diagnosis.Confidence;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.Rule;
import org.mailmedic.engine.diagnosis.Severity;
import org.mailmedic.engine.logs.LogAnalysis;

/**
 * Senders fail to set up TLS with the user's own server (founding case 2). Reads bounces whose
 * reason is {@code failedstarttls}, the log's inbound TLS handshake failures (Sendmail
 * "no shared cipher", Postfix SSL_accept errors), and the live SMTP check's certificate and
 * handshake findings for the user's MX hosts. One finding, with the cause named as precisely as
 * the evidence allows: no certificate, expired, untrusted, wrong name.
 */
public final class InboundStarttlsRule implements Rule {

    /** Live-check codes that mean senders cannot complete TLS with us, or will refuse the certificate. */
    static final Set<String> LIVE_CODES = Set.of("starttls-no-certificate", "no-certificate", "anonymous-tls-only",
            "tls-failed", "tls-dropped", "tls-timeout", "starttls-refused", "cert-expired", "cert-untrusted",
            "cert-self-signed", "cert-name-mismatch", "cert-not-yet-valid", "tls-version-mismatch", "tls-not-tls");

    @Override
    public String kind() {
        return "inbound-starttls";
    }

    @Override
    public void apply(DiagnosisInput in, Consumer<Finding> out) {
        List<EvidenceSet.Located> bounces = in.evidence().recipients().stream()
                .filter(l -> "failedstarttls".equals(l.recipient().reason())).toList();
        List<LogAnalysis.TlsFailures> logFailures = in.evidence().logs() == null ? List.of()
                : in.evidence().logs().tlsInbound();
        List<Support.HostFinding> live = Support.smtpFindings(in)
                .filter(h -> LIVE_CODES.contains(h.code()) || h.code().startsWith("cert-") && h.finding().status().name().equals("FAIL"))
                .toList();
        if (bounces.isEmpty() && logFailures.isEmpty() && live.isEmpty()) {
            return;
        }
        Map<String, String> facts = new HashMap<>();
        if (!in.domain().isEmpty()) {
            facts.put("domain", in.domain());
        }
        for (EvidenceSet.Located l : bounces) {
            String host = Support.hostName(l.recipient().remoteMta());
            if (!host.isEmpty()) {
                facts.putIfAbsent("mxHost", host);
            }
            Support.ipv4In(l.recipient().remoteMta()).ifPresent(ip -> facts.putIfAbsent("serverIp", ip));
            facts.putIfAbsent("domain", Support.domainOf(l.recipient().recipient()));
        }
        live.stream().findFirst().ifPresent(h -> facts.putIfAbsent("mxHost", h.host()));

        long failures = logFailures.stream().mapToLong(LogAnalysis.TlsFailures::failures).sum();
        Set<String> reasons = new java.util.TreeSet<>();
        logFailures.forEach(f -> f.reasons().forEach(r -> reasons.add(r.reason().toLowerCase(Locale.ROOT))));
        Set<String> codes = new java.util.TreeSet<>();
        live.forEach(h -> codes.add(h.code()));

        String cause;
        if (codes.contains("starttls-no-certificate") || codes.contains("no-certificate") || codes.contains("anonymous-tls-only")
                || reasons.stream().anyMatch(r -> r.contains("no shared cipher"))) {
            cause = "it offers encryption (STARTTLS) but has no certificate to encrypt with, so every handshake ends in "
                    + "\u201cno shared cipher\u201d";
        } else if (codes.contains("cert-expired")) {
            cause = "its certificate has expired";
        } else if (codes.contains("cert-name-mismatch")) {
            cause = "its certificate is for a different name than the server";
        } else if (codes.contains("cert-self-signed") || codes.contains("cert-untrusted")) {
            cause = "its certificate is not issued by a trusted authority";
        } else if (codes.contains("tls-version-mismatch")) {
            cause = "it only speaks outdated TLS versions that senders have switched off";
        } else {
            cause = "the encrypted connection breaks off during setup";
        }
        String host = facts.getOrDefault("mxHost", "your mail server");
        Set<String> senders = new java.util.TreeSet<>();
        bounces.stream().map(l -> l.recipient().reportingMta()).filter(m -> m != null && !m.isBlank()).forEach(senders::add);
        logFailures.forEach(f -> {
            String p = f.peer().toLowerCase(Locale.ROOT);
            if (p.contains("google.com")) {
                senders.add("Gmail");
            } else if (p.contains("outlook.com")) {
                senders.add("Microsoft");
            } else if (p.contains("yahoo")) {
                senders.add("Yahoo");
            }
        });
        String who = senders.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("google") || s.equals("Gmail"))
                ? "Gmail" : "Senders that insist on encryption";
        String headline = who + " cannot deliver to " + host + ": " + cause;
        String why = "When another server delivers mail to " + host + ", " + host + " offers to encrypt the "
                + "connection. Because " + cause + ", the handshake fails. Most senders then quietly deliver "
                + "without encryption, but senders that insist on it once offered — such as Gmail — keep retrying "
                + "and finally return the mail to the person who wrote it.";
        List<String> parts = new ArrayList<>();
        if (!bounces.isEmpty()) {
            parts.add(Support.plural(bounces.size(), "bounce", "bounces") + " received by senders");
        }
        if (failures > 0) {
            parts.add(Support.plural(failures, "failed handshake", "failed handshakes") + " in your log from "
                    + Support.plural(logFailures.size(), "sending server", "sending servers"));
        }
        if (!live.isEmpty()) {
            parts.add("confirmed by the live check of " + host);
        }
        List<EvidenceRef> ev = Support.cap(Stream.concat(Stream.concat(
                bounces.stream().map(Support::bounce),
                live.stream().map(h -> Support.live(h.host(), h.finding()))),
                logFailures.stream().flatMap(f -> f.evidence().stream().limit(3)).map(Support::line)));
        Confidence conf = !live.isEmpty() || !reasons.isEmpty() ? Confidence.CERTAIN : Confidence.LIKELY;
        out.accept(new Finding(kind(), Severity.BLOCKING, headline, why, conf, String.join("; ", parts), ev, host, facts));
    }
}
