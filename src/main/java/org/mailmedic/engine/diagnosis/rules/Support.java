package org.mailmedic.engine.diagnosis.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.SessionResult;
import org.mailmedic.engine.probe.smtp.SmtpFinding;

/** Small shared helpers for the rules: evidence conversion, caps, and wording. */
final class Support {

    /** At most this many pieces of evidence per finding; the impact sentence carries the totals. */
    static final int MAX_EVIDENCE = 25;
    private static final Pattern IPV4 = Pattern.compile("\\b((?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3})\\b");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Support() {
    }

    /** A log line as file:line, with the file's name only (the full path is in the report's file list). */
    static EvidenceRef line(LogAnalysis.LogLine l) {
        return EvidenceRef.logLine(EvidenceRef.fileName(l.file()), l.line(), l.text());
    }

    static List<EvidenceRef> lines(Collection<LogAnalysis.LogLine> ls) {
        return ls.stream().map(Support::line).toList();
    }

    static List<EvidenceRef> cap(Stream<EvidenceRef> s) {
        List<EvidenceRef> out = new ArrayList<>();
        s.distinct().limit(MAX_EVIDENCE).forEach(out::add);
        return out;
    }

    static EvidenceRef bounce(EvidenceSet.Located l) {
        var r = l.recipient();
        String excerpt = r.recipient() + ": " + (r.status().isEmpty() ? "" : r.status() + " ") + r.diagnostic();
        return EvidenceRef.bounce(l.file(), excerpt.strip());
    }

    static EvidenceRef live(CheckResult c) {
        return EvidenceRef.live(c.title(), c.status().name() + ": " + c.headline());
    }

    static EvidenceRef live(String host, SmtpFinding f) {
        return EvidenceRef.live(host, f.status().name() + " " + f.code() + ": " + f.headline()
                + (f.detail() == null || f.detail().isBlank() ? "" : " — " + f.detail()));
    }

    static Optional<String> ipv4In(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = IPV4.matcher(s);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** "mail.example.com. (203.0.113.80, the server …)" → "mail.example.com". */
    static String hostName(String remoteMta) {
        if (remoteMta == null) {
            return "";
        }
        String s = remoteMta.strip();
        int sp = s.indexOf(' ');
        if (sp > 0) {
            s = s.substring(0, sp);
        }
        s = s.replaceAll("[\\[\\]]", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static String domainOf(String address) {
        if (address == null) {
            return "";
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT).replaceAll("[>\\s]+$", "");
    }

    static String day(Instant i) {
        return i == null ? "" : DAY.format(i);
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static Optional<CheckResult> check(DiagnosisInput in, String id) {
        return in.dns() == null ? Optional.empty()
                : in.dns().checks().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    static Stream<CheckResult> checks(DiagnosisInput in) {
        return in.dns() == null ? Stream.empty() : in.dns().checks().stream();
    }

    /** Every SMTP finding of the live check, with the host it was about. */
    static Stream<HostFinding> smtpFindings(DiagnosisInput in) {
        if (in.smtp() == null) {
            return Stream.empty();
        }
        List<HostFinding> out = new ArrayList<>();
        for (HostResult h : in.smtp().hosts()) {
            h.findings().forEach(f -> out.add(new HostFinding(h.name(), null, f)));
            for (AddressResult a : h.addresses()) {
                a.findings().forEach(f -> out.add(new HostFinding(h.name(), a, f)));
                for (SessionResult s : sessions(a)) {
                    s.findings().forEach(f -> out.add(new HostFinding(h.name(), a, f)));
                }
            }
        }
        return out.stream().distinct();
    }

    static List<SessionResult> sessions(AddressResult a) {
        List<SessionResult> s = new ArrayList<>();
        if (a.smtp() != null) {
            s.add(a.smtp());
        }
        return s;
    }

    record HostFinding(String host, AddressResult address, SmtpFinding finding) {
        String code() {
            return finding.code();
        }
    }
}
