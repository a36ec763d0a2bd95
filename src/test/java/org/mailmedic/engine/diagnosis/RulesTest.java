package org.mailmedic.engine.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.evidence.Bounce;
import org.mailmedic.engine.evidence.BounceKind;
import org.mailmedic.engine.evidence.BounceRecipient;
import org.mailmedic.engine.evidence.OriginalMessage;
import org.mailmedic.engine.logs.LogAnalysis;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.DowngradeRisk;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpFinding;
import org.mailmedic.engine.probe.smtp.TlsVersionSupport;

/** One test per rule on minimal evidence, and unrelated evidence giving no false finding. */
class RulesTest {

    private static final Diagnoser DIAGNOSER = new Diagnoser();

    // ---- builders of minimal evidence ----

    static BounceRecipient recipient(String to, String status, String code, String reason, boolean expired, String diagnostic) {
        return new BounceRecipient(to, "failed", status, code, reason, expired, status.startsWith("4"),
                "mx.remote.example", "mx.local.example", diagnostic, "RCPT", "postfix", "2026-11-20T10:00:00Z", "",
                "plain words", "meaning");
    }

    static EvidenceSet bounces(BounceRecipient... rs) {
        OriginalMessage original = new OriginalMessage("shop@harbourbooks.example", "x@remote.example", "Order", "",
                "<id@x>", List.of(), "", "", List.of());
        Bounce b = new Bounce(1, BounceKind.BOUNCE, "postfix", "Undelivered Mail", "MAILER-DAEMON", "", List.of(rs),
                original, "", () -> "");
        return new EvidenceSet(List.of(), List.of(new BounceFileResult(Path.of("bounce.eml"), List.of(b), null)), null);
    }

    static LogAnalysis.LogLine line(long n, String text) {
        return new LogAnalysis.LogLine("/var/log/maillog", n, text);
    }

    static LogAnalysis logs(List<LogAnalysis.Destination> dests, List<LogAnalysis.Throttle> throttles,
            List<LogAnalysis.TlsFailures> in, List<LogAnalysis.TlsFailures> out, List<LogAnalysis.PolicyRejections> policy) {
        return new LogAnalysis(List.of(), "UTC", null, null, new LogAnalysis.Totals(0, 0, 0, 0, 0, 0, 0), dests, throttles,
                in, out, policy, null, List.of(), List.of(), List.of(), false);
    }

    static EvidenceSet withLogs(LogAnalysis a) {
        return new EvidenceSet(List.of(), List.of(), a);
    }

    static DomainCheckResult dns(CheckResult... checks) {
        return new DomainCheckResult("example.org", "example.org", "example.org", "127.0.0.1:53", Instant.EPOCH, 5, 3, false,
                Status.PASS, List.of(checks));
    }

    static List<Finding> diagnose(EvidenceSet ev, DomainCheckResult dns, SmtpCheckResult smtp) {
        return DIAGNOSER.diagnose(new DiagnosisInput("example.org", ev, dns, smtp));
    }

    static List<String> kinds(List<Finding> f) {
        return f.stream().map(Finding::kind).toList();
    }

    // ---- one test per rule ----

    @Test
    void throttlingFromABounceAlone() {
        List<Finding> f = diagnose(bounces(recipient("a@isp.example", "4.0.0", "421", "speeding", true,
                "421 Too many messages (DailyLimit) from 203.0.113.25")), null, null);
        assertThat(kinds(f)).containsExactly("throttling");
        assertThat(f.get(0).subject()).isEqualTo("isp.example");
        assertThat(f.get(0).facts()).containsEntry("serverIp", "203.0.113.25").containsEntry("domain", "example.org");
    }

    @Test
    void throttlingFromTheLogCarriesTheLimitAndPacing() {
        LogAnalysis.Throttle t = new LogAnalysis.Throttle("isp.example", 49,
                List.of(new LogAnalysis.Onset(Instant.parse("2026-11-16T15:22:04Z"), 49, line(393, "status=deferred (421 Too many messages)"))),
                120, 40, 3, 0, "421 Too many messages", "summary", List.of(line(400, "status=deferred (421 Too many messages)")));
        List<Finding> f = diagnose(withLogs(logs(List.of(), List.of(t), List.of(), List.of(), List.of())), null, null);
        assertThat(kinds(f)).containsExactly("throttling");
        assertThat(f.get(0).facts()).containsEntry("limitPerDay", "49").containsEntry("delaySeconds", "1800");
        assertThat(f.get(0).impact()).startsWith("40 messages to isp.example held back (120 deferred attempts) since 16 Nov 2026; 3 expired");
        assertThat(f.get(0).evidence()).extracting(EvidenceRef::where).contains("maillog:393", "maillog:400");
    }

    @Test
    void inboundStarttlsFromTheLog() {
        LogAnalysis.TlsFailures in = new LogAnalysis.TlsFailures("inbound", "mail-wm1-f52.google.com [192.0.2.52]", 10,
                Instant.EPOCH, Instant.EPOCH, List.of(new LogAnalysis.ReasonCount("no shared cipher", 10)),
                List.of(line(38, "STARTTLS=server, error: accept failed=-1, reason=no shared cipher")));
        List<Finding> f = diagnose(withLogs(logs(List.of(), List.of(), List.of(in), List.of(), List.of())), null, null);
        assertThat(kinds(f)).containsExactly("inbound-starttls");
        assertThat(f.get(0).headline()).startsWith("Gmail cannot deliver").contains("no certificate");
    }

    @Test
    void outboundTlsFromTheLog() {
        LogAnalysis.TlsFailures out = new LogAnalysis.TlsFailures("outbound", "partner.example", 4, Instant.EPOCH,
                Instant.EPOCH, List.of(new LogAnalysis.ReasonCount("certificate verification failed", 4)),
                List.of(line(7, "Untrusted TLS connection established to mx.partner.example")));
        assertThat(kinds(diagnose(withLogs(logs(List.of(), List.of(), List.of(), List.of(out), List.of())), null, null)))
                .containsExactly("outbound-tls");
    }

    @Test
    void forwardingSeenInOrigToLines() {
        LogAnalysis.Throttle t = new LogAnalysis.Throttle("isp.example", 49, List.of(), 10, 5, 0, 0, "421", "s",
                List.of(line(5, "B30821C1523: to=<x@isp.example>, orig_to=<info@example.org>, relay=mx.isp.example[198.51.100.49]:25, status=deferred")));
        List<Finding> f = diagnose(withLogs(logs(List.of(), List.of(t), List.of(), List.of(), List.of())), null, null);
        assertThat(kinds(f)).contains("throttling", "forwarding-without-srs");
    }

    @Test
    void spfPermerrorFromTheLiveCheckAndSpfFailFromABounce() {
        CheckResult broken = new CheckResult.Builder("spf", "SPF").status(Status.FAIL).headline("SPF needs 12 DNS lookups; the limit is 10.")
                .fact("spf.permerror", "too many DNS lookups").fact("spf.record", "v=spf1 include:a include:b -all").build();
        assertThat(kinds(diagnose(EvidenceSet.empty(), dns(broken), null))).containsExactly("spf-permerror");
        assertThat(kinds(diagnose(bounces(recipient("a@b.example", "5.7.23", "550", "authfailure", false,
                "550 5.7.23 SPF validation failed")), null, null))).containsExactly("spf-fail");
    }

    @Test
    void dmarcFromTheLiveCheck() {
        CheckResult dmarc = new CheckResult.Builder("dmarc", "DMARC").status(Status.WARN).headline("No DMARC record").fact("dmarc.policy", "missing").build();
        assertThat(kinds(diagnose(EvidenceSet.empty(), dns(dmarc), null))).containsExactly("dmarc");
    }

    @Test
    void blacklistedOnlyWhenReallyListed() {
        CheckResult listed = new CheckResult.Builder("dnsbl", "Blacklists").status(Status.FAIL).headline("203.0.113.25 is listed on zen.spamhaus.org")
                .detail("listed on zen.spamhaus.org (127.0.0.2)").fact("dnsbl.listed", 1).build();
        CheckResult errorAnswers = new CheckResult.Builder("dnsbl", "Blacklists").status(Status.INFO)
                .headline("The lists refused to answer through this resolver").fact("dnsbl.listed", 0).fact("dnsbl.errors", 3).build();
        List<Finding> f = diagnose(EvidenceSet.empty(), dns(listed), null);
        assertThat(kinds(f)).containsExactly("blacklisted");
        assertThat(f.get(0).facts()).containsEntry("blacklist", "listed on zen.spamhaus.org (127.0.0.2)");
        assertThat(diagnose(EvidenceSet.empty(), dns(errorAnswers), null)).isEmpty();
    }

    @Test
    void reverseDnsFromABounce() {
        assertThat(kinds(diagnose(bounces(recipient("a@b.example", "5.7.25", "550", "requireptr", false,
                "550 5.7.25 The IP address sending this message does not have a PTR record")), null, null)))
                .containsExactly("reverse-dns");
    }

    @Test
    void mxProblemFromTheLiveCheck() {
        CheckResult mx = new CheckResult.Builder("mx", "Mail servers (MX)").status(Status.FAIL)
                .headline("example.org has a null MX: it accepts no mail").fact("mx.state", "null").build();
        List<Finding> f = diagnose(EvidenceSet.empty(), dns(mx), null);
        assertThat(kinds(f)).containsExactly("mx-problem");
        assertThat(f.get(0).severity()).isEqualTo(Severity.BLOCKING);
    }

    @Test
    void queueExpiryWithoutAnotherExplanation() {
        assertThat(kinds(diagnose(bounces(recipient("a@down.example", "4.4.7", "", "expired", true,
                "connect to mx.down.example[192.0.2.9]:25: Connection timed out")), null, null)))
                .containsExactly("queue-expired");
        LogAnalysis.Destination d = new LogAnalysis.Destination("down.example", 0, 30, 5, 0, 5, 0, 0, 9.0,
                List.of(new LogAnalysis.ReplyCount("", "4.4.1", "Connection timed out", 30, line(9, "status=deferred (connect ... timed out)"))),
                List.of(new LogAnalysis.Day(LocalDate.of(2026, 11, 20), 0, 30, 0, 5)));
        assertThat(kinds(diagnose(withLogs(logs(List.of(d), List.of(), List.of(), List.of(), List.of())), null, null)))
                .containsExactly("queue-expired");
    }

    @Test
    void greylistingIsAdviceOnly() {
        LogAnalysis.Destination d = new LogAnalysis.Destination("grey.example", 10, 10, 10, 0, 0, 0, 0, 1.0,
                List.of(new LogAnalysis.ReplyCount("450", "4.7.1", "450 4.7.1 Greylisted, please try again in 300 seconds", 10,
                        line(3, "status=deferred (450 4.7.1 Greylisted)"))), List.of());
        List<Finding> f = diagnose(withLogs(logs(List.of(d), List.of(), List.of(), List.of(), List.of())), null, null);
        assertThat(kinds(f)).containsExactly("greylisting");
        assertThat(f.get(0).severity()).isEqualTo(Severity.ADVICE);
    }

    @Test
    void greylistingAtManyDestinationsIsOnePieceOfAdvice() {
        List<LogAnalysis.Destination> few = greylisting(3);
        List<Finding> separate = diagnose(withLogs(logs(few, List.of(), List.of(), List.of(), List.of())), null, null);
        assertThat(separate).extracting(Finding::headline).containsExactly(
                "grey1.example greylists your server: first attempts are delayed",
                "grey2.example greylists your server: first attempts are delayed",
                "grey3.example greylists your server: first attempts are delayed");

        List<Finding> one = diagnose(withLogs(logs(greylisting(40), List.of(), List.of(), List.of(), List.of())), null, null);
        assertThat(one).singleElement().satisfies(f -> {
            assertThat(f.headline()).isEqualTo("40 destinations greylist your server: first attempts are delayed");
            // the busiest first: grey40 was greylisted 400 times, grey39 390...
            assertThat(f.impact()).isEqualTo("8200 greylisted attempts at 40 destinations (most: grey40.example 400, "
                    + "grey39.example 390, grey38.example 380, grey37.example 370, grey36.example 360); 40 delivered afterwards");
            assertThat(f.subject()).isEqualTo("grey40.example, grey39.example and 38 other destinations");
            assertThat(f.evidence()).hasSize(5);
            assertThat(f.severity()).isEqualTo(Severity.ADVICE);
        });
    }

    private static List<LogAnalysis.Destination> greylisting(int n) {
        List<LogAnalysis.Destination> out = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new LogAnalysis.Destination("grey" + i + ".example", 1, i * 10, 1, 0, 0, 0, 0, 1.0,
                    List.of(new LogAnalysis.ReplyCount("450", "4.7.1", "450 4.7.1 Greylisted, please try again", i * 10,
                            line(i, "status=deferred (450 4.7.1 Greylisted) #" + i))), List.of()));
        }
        return out;
    }

    @Test
    void recipientSideReasons() {
        List<Finding> f = diagnose(bounces(
                recipient("nobody@b.example", "5.1.1", "550", "userunknown", false, "550 5.1.1 no such user"),
                recipient("full@b.example", "5.2.2", "552", "mailboxfull", false, "552 5.2.2 mailbox full"),
                recipient("big@b.example", "5.3.4", "552", "mesgtoobig", false, "552 5.3.4 message too big")), null, null);
        assertThat(kinds(f)).containsExactlyInAnyOrder("recipient-unknown", "mailbox-full", "message-too-large");
        assertThat(f).filteredOn(x -> x.kind().equals("recipient-unknown")).singleElement()
                .satisfies(x -> assertThat(x.headline()).isEqualTo("The address nobody@b.example does not exist"));
    }

    @Test
    void tlsVersionsAndDowngradeRiskFromTheSmtpCheck() {
        TlsVersionSupport v10 = new TlsVersionSupport("TLSv1.0", "accepted", true, "", List.of());
        AddressResult a = new AddressResult("192.0.2.10", null, List.of(v10), null, null,
                org.mailmedic.engine.probe.smtp.Status.WARN, "", List.of());
        HostResult h = new HostResult("mx.example.org", 10, List.of(a), null, org.mailmedic.engine.probe.smtp.Status.WARN, "",
                List.of(new SmtpFinding(org.mailmedic.engine.probe.smtp.Status.WARN, "tls-legacy", "accepts TLS 1.0", "")), 100);
        DowngradeRisk risk = new DowngradeRisk(org.mailmedic.engine.probe.smtp.Status.INFO,
                "Encryption to example.org can be stripped", "STARTTLS is offered but not required.", true, false, false,
                List.of("publish MTA-STS"));
        SmtpCheckResult smtp = new SmtpCheckResult("example.org", List.of(h), null, "", risk,
                org.mailmedic.engine.probe.smtp.Status.WARN, "", 100);
        List<Finding> f = diagnose(EvidenceSet.empty(), null, smtp);
        assertThat(kinds(f)).containsExactlyInAnyOrder("tls-old-versions", "downgrade-risk");
        assertThat(f).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.ADVICE));
    }

    // ---- unrelated evidence ----

    @Test
    void healthyLiveResultsAndDeliveredMailGiveNoFinding() {
        CheckResult spf = new CheckResult.Builder("spf", "SPF").status(Status.PASS).headline("ok").fact("spf.record", "v=spf1 mx -all").build();
        CheckResult mx = new CheckResult.Builder("mx", "MX").status(Status.PASS).headline("ok").fact("mx.state", "ok").build();
        CheckResult dmarc = new CheckResult.Builder("dmarc", "DMARC").status(Status.INFO).headline("p=none").build();
        LogAnalysis.Destination fine = new LogAnalysis.Destination("fine.example", 500, 0, 0, 0, 0, 0, 0, 0.0,
                List.of(new LogAnalysis.ReplyCount("250", "2.0.0", "250 OK", 500, line(1, "status=sent (250 OK)"))), List.of());
        EvidenceSet ev = new EvidenceSet(List.of(), List.of(), logs(List.of(fine), List.of(), List.of(), List.of(), List.of()));
        assertThat(diagnose(ev, dns(spf, mx, dmarc), null)).isEmpty();
    }

    @Test
    void aMailboxFullBounceIsNotBlamedOnSpfDmarcOrBlacklists() {
        List<Finding> f = diagnose(bounces(recipient("full@b.example", "5.2.2", "552", "mailboxfull", false,
                "552 5.2.2 The email account that you tried to reach is over quota")), null, null);
        assertThat(kinds(f)).containsExactly("mailbox-full");
    }
}
