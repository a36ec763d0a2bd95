package org.mailmedic.engine.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mailmedic.engine.report.ReportModel.AnalysedFile;
import org.mailmedic.engine.report.ReportModel.BounceExcerpt;
import org.mailmedic.engine.report.ReportModel.CheckRef;
import org.mailmedic.engine.report.ReportModel.CheckSection;
import org.mailmedic.engine.report.ReportModel.Confidence;
import org.mailmedic.engine.report.ReportModel.Day;
import org.mailmedic.engine.report.ReportModel.Evidence;
import org.mailmedic.engine.report.ReportModel.Finding;
import org.mailmedic.engine.report.ReportModel.FixGuide;
import org.mailmedic.engine.report.ReportModel.FixStep;
import org.mailmedic.engine.report.ReportModel.Forecast;
import org.mailmedic.engine.report.ReportModel.Input;
import org.mailmedic.engine.report.ReportModel.LogLine;
import org.mailmedic.engine.report.ReportModel.Outcome;
import org.mailmedic.engine.report.ReportModel.Row;
import org.mailmedic.engine.report.ReportModel.RowStatus;
import org.mailmedic.engine.report.ReportModel.Sender;
import org.mailmedic.engine.report.ReportModel.Severity;
import org.mailmedic.engine.report.ReportModel.Snippet;
import org.mailmedic.engine.report.ReportModel.TraceNode;
import org.mailmedic.engine.report.ReportModel.Transcript;
import org.mailmedic.engine.report.ReportModel.VerifyStep;

/**
 * Report models of the two cases MailMedic was born from, built the way the merger will build
 * them from engine results: an ISP (btinternet.com) throttling a small sender at about 49
 * messages a day, and a receiving Sendmail that advertises STARTTLS without a certificate.
 */
final class ReportFixtures {

    static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    static final String THROTTLE_HEADLINE = "BT Internet accepts only about 49 messages a day from your server";
    static final String THROTTLE_VERDICT =
            "Mail to BT Internet addresses is stuck: their servers accept about 49 messages a day from you, "
                    + "you send about 120, so the queue keeps growing and old messages bounce after 5 days.";
    static final String FORECAST_VERDICT = "The queue for btinternet.com never drains: about 355 messages "
            + "are always waiting, and from day 6 on about 71 a day expire and bounce.";
    static final String SPF_HEADLINE = "Forwarded mail fails SPF at BT Internet";

    private ReportFixtures() {
    }

    static List<Evidence> throttleLines(int n) {
        List<Evidence> out = new ArrayList<>();
        String[] ids = {"4F1A22C0B1", "7B0C93D2E4", "A12F0048C7", "C3D4E5F6A7", "0E9D8C7B6A"};
        String[] rcpts = {"jane.doe@btinternet.com", "p.smith@btinternet.com", "orders@btinternet.com",
            "gary.wood@btinternet.com", "jane.doe@btinternet.com"};
        for (int i = 0; i < n; i++) {
            Instant t = Instant.parse("2026-11-20T09:14:02Z").plus(Duration.ofMinutes(37L * i));
            String hh = String.format("%02d:%02d:%02d", (9 + (37 * i) / 60) % 24, (14 + 37 * i) % 60, 2);
            String id = ids[i % ids.length];
            out.add(new LogLine("maillog", 10412 + 7L * i, t, "Nov 20 " + hh + " mail postfix/smtp[2381" + (i % 10)
                    + "]: " + id + ": to=<" + rcpts[i % rcpts.length] + ">, relay=mx.bt.lon5.cpcloud.co.uk"
                    + "[203.0.113.49]:25, delay=" + (3421 + 600 * i) + ", delays=3420/0.02/0.4/0.3, dsn=4.0.0, "
                    + "status=deferred (host mx.bt.lon5.cpcloud.co.uk[203.0.113.49] said: 421 Too many messages "
                    + "(3.7.0 1 0 19f9e-00b" + i + ") (in reply to MAIL FROM command))"));
        }
        return out;
    }

    static Forecast neverDrains() {
        List<Day> days = new ArrayList<>();
        double backlog = 0;
        for (int d = 1; d <= 14; d++) {
            double arrived = 120;
            double delivered = 49;
            double expired = d > 5 ? 71 : 0;
            backlog = backlog + arrived - delivered - expired;
            days.add(new Day(d, backlog, delivered, expired));
        }
        return new Forecast(FORECAST_VERDICT, Severity.BLOCKING, "btinternet.com", days, List.of(
                new Input("New messages for btinternet.com per day", "120 (from the log, 20-26 Nov)"),
                new Input("Accepted by BT per day", "49 (then 421 Too many messages)"),
                new Input("Retry schedule", "Postfix defaults: queue_run_delay 300s, maximal_backoff_time 4000s"),
                new Input("Queue lifetime", "5 days (maximal_queue_lifetime)")));
    }

    static Finding throttleFinding(List<Evidence> evidence) {
        return new Finding("isp-throttle-421", Severity.BLOCKING, THROTTLE_HEADLINE,
                "BT's mail servers answer \"421 Too many messages\" once your server has sent them about 49 "
                        + "messages in a day. Your server keeps the rest and tries again later, but every day more "
                        + "arrive than BT lets through.",
                Confidence.HIGH,
                "About 70 messages a day to BT customers are delayed by days; after 5 days they bounce back "
                        + "to the sender.",
                "btinternet.com", evidence,
                new FixGuide("slow Postfix down for btinternet.com", List.of(
                        new FixStep("Create a transport that sends to BT one message at a time, with a pause "
                                + "between messages.", new Snippet("/etc/postfix/master.cf",
                                "btslow     unix  -       -       n       -       1       smtp\n"
                                        + "    -o syslog_name=postfix-btslow")),
                        new FixStep("Give that transport a delay so that no more than about 45 messages leave per "
                                + "day.", new Snippet("/etc/postfix/main.cf",
                                "btslow_destination_rate_delay = 32m\n"
                                        + "btslow_destination_concurrency_failed_cohort_limit = 10")),
                        new FixStep("Send btinternet.com through it.", new Snippet("/etc/postfix/transport",
                                "btinternet.com   btslow:\nbtopenworld.com  btslow:")),
                        new FixStep("Rebuild the table and reload Postfix.", new Snippet(null,
                                "postmap /etc/postfix/transport && postfix reload")),
                        new FixStep("Stop the customer's forward of all mail to a BT mailbox, or rewrite its "
                                + "sender with SRS (see F2).")),
                        new VerifyStep("MailMedic reads the log again after a day and counts 421 replies from BT.",
                                Outcome.FAIL, Instant.parse("2026-11-27T09:55:00Z"),
                                "still 38 deferrals with 421 in the last 24 hours")),
                "Please tell us the daily limit that applies to our sending IP address 198.51.100.25, and whether "
                        + "it can be raised for a legitimate business sender.");
    }

    /** The ISP throttling case, with {@code lines} deferral log lines. */
    static ReportModel throttling(int lines) {
        ReportModel.Builder b = ReportModel.builder("example-traders.co.uk")
                .generatedAt(AT)
                .generatorVersion("MailMedic 0.1.0")
                .verdict(Severity.BLOCKING, THROTTLE_VERDICT)
                .sender(new Sender("Example Traders Ltd", "Sam Admin, postmaster@example-traders.co.uk",
                        List.of("198.51.100.25")))
                .finding(throttleFinding(throttleLines(lines)))
                .finding(new Finding("spf-forwarding", Severity.DEGRADING, SPF_HEADLINE,
                        "A customer forwards all mail for shop.example to a BT mailbox. The forwarded messages keep "
                                + "their original sender, whose SPF does not allow your server, so BT sees SPF "
                                + "fail and counts it against you.",
                        Confidence.MEDIUM, "Spam that is forwarded makes BT throttle your legitimate mail too.",
                        "btinternet.com", List.of(
                                new LogLine("maillog", 9981, Instant.parse("2026-11-20T08:02:11Z"),
                                        "Nov 20 08:02:11 mail postfix/smtp[22001]: 1C2D3E4F5A: to=<fwd-shop@btinternet"
                                                + ".com>, orig_to=<info@shop.example>, relay=mx.bt.lon5.cpcloud.co.uk"
                                                + "[203.0.113.49]:25, status=deferred (host said: 421 Too many "
                                                + "messages)"),
                                new BounceExcerpt("bounce-2026-11-25.eml", "fwd-shop@btinternet.com", "5.7.1",
                                        "Invoice 4471 overdue", "host mx.bt.lon5.cpcloud.co.uk[203.0.113.49] said: "
                                                + "550 5.7.1 Message rejected: SPF check failed for "
                                                + "bulk-offers@promo.example"),
                                new CheckRef("SPF", "198.51.100.25 for promo.example", RowStatus.FAIL,
                                        "spf=fail: 198.51.100.25 is not allowed by v=spf1 include:_spf.promo.example "
                                                + "-all")),
                        new FixGuide("stop forwarding spam, or rewrite the sender", List.of(
                                new FixStep("Ask the customer to collect mail from the BT mailbox instead of "
                                        + "forwarding, or forward only mail that passed the spam filter."),
                                new FixStep("If forwarding must stay, install postsrsd so forwarded mail carries "
                                        + "your own domain as sender.", new Snippet("/etc/postfix/main.cf",
                                        "sender_canonical_maps = tcp:localhost:10001\n"
                                                + "sender_canonical_classes = envelope_sender"))),
                                new VerifyStep("Send a test message through the forward and check SPF passes in "
                                        + "the BT mailbox headers.", Outcome.NOT_RUN, null, null))))
                .finding(new Finding("dmarc-none", Severity.ADVICE, "Your DMARC policy only monitors",
                        "Your domain publishes p=none, so receivers do not act on failures.", Confidence.HIGH,
                        "Others can send mail that claims to be from you.", null, List.of(
                                new CheckRef("DMARC", "_dmarc.example-traders.co.uk", RowStatus.WARN,
                                        "v=DMARC1; p=none; rua=mailto:dmarc@example-traders.co.uk")),
                        null))
                .check(new CheckSection("MX records", "Where other servers deliver your mail.",
                        List.of("Priority", "Host", "Addresses"), List.of(
                                Row.of(RowStatus.PASS, "10", "mail.example-traders.co.uk", "198.51.100.25"),
                                Row.of(RowStatus.INFO, "20", "backup-mx.example-isp.net", "192.0.2.17, 2001:db8::17")),
                        null))
                .check(new CheckSection("SPF for example-traders.co.uk", "Your SPF record allows your server.",
                        List.of("Record", "Result"), List.of(
                                Row.of(RowStatus.PASS, "v=spf1 mx ip4:198.51.100.25 include:spf.example-isp.net ~all",
                                        "pass for 198.51.100.25")),
                        TraceNode.of("example-traders.co.uk: v=spf1 mx ip4:198.51.100.25 include:spf.example-isp.net "
                                + "~all", "pass",
                                TraceNode.of("mx → mail.example-traders.co.uk → 198.51.100.25", "match"),
                                TraceNode.of("include:spf.example-isp.net", "not needed",
                                        TraceNode.of("ip4:192.0.2.0/24", "no match")))))
                .check(new CheckSection("Blacklists", null, List.of("List", "Listed?"), List.of(
                        Row.of(RowStatus.PASS, "zen.spamhaus.org", "not listed"),
                        Row.of(RowStatus.PASS, "bl.spamcop.net", "not listed"),
                        Row.of(RowStatus.WARN, "b.barracudacentral.org", "listed (127.0.0.2) since 18 Nov")), null))
                .forecast(neverDrains())
                .transcript(new Transcript("mx.bt.lon5.cpcloud.co.uk", "port 25, as your server", List.of(
                        "S: 220 mx.bt.lon5.cpcloud.co.uk ESMTP Service ready",
                        "C: EHLO mail.example-traders.co.uk",
                        "S: 250-mx.bt.lon5.cpcloud.co.uk Hello",
                        "S: 250-STARTTLS",
                        "S: 250 SIZE 52428800",
                        "C: QUIT",
                        "S: 221 Bye")))
                .file(new AnalysedFile("maillog", 18_734_112,
                        "9f2c4e0d1b7a6c5e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6", "Postfix log"))
                .file(new AnalysedFile("bounce-2026-11-25.eml", 8_233,
                        "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", "bounce (DSN)"));
        return b.build();
    }

    static ReportModel throttling() {
        return throttling(12);
    }

    /** The STARTTLS case: Gmail cannot deliver because the receiving Sendmail has no certificate. */
    static ReportModel starttls() {
        return ReportModel.builder("kanzlei-müller.example")
                .generatedAt(AT)
                .generatorVersion("MailMedic 0.1.0")
                .finding(new Finding("starttls-no-cert", Severity.BLOCKING,
                        "Gmail cannot deliver to you: your server offers encryption but has no certificate",
                        "Your Sendmail announces STARTTLS on port 25, but no certificate is installed, so every "
                                + "encrypted connection fails with \"no shared cipher\". Gmail requires the "
                                + "encryption it was offered and gives up.",
                        Confidence.HIGH, "Messages from Gmail users bounce back to them.", "gmail.com", List.of(
                                new LogLine("maillog", 221, "Nov 25 14:02:19 mx sendmail[4410]: STARTTLS=server, "
                                        + "error: accept failed=-1, reason=no shared cipher, SSL_error=1, errno=0, "
                                        + "retry=-1, relay=mail-wm1-f41.google.com [209.85.128.41]"),
                                new BounceExcerpt("gmail-bounce.eml", "info@kanzlei-müller.example", "4.7.0",
                                        "Termin am Montag", "TLS Negotiation failed, the certificate doesn't match "
                                                + "the host, the certificate has expired, or a minimum security "
                                                + "level is not met. starttls error")),
                        new FixGuide("install a certificate in Sendmail", List.of(
                                new FixStep("Get a certificate for mx.kanzlei-müller.example (e.g. with certbot)."),
                                new FixStep("Tell Sendmail where it is.", new Snippet("/etc/mail/sendmail.mc",
                                        "define(`confSERVER_CERT', `/etc/mail/tls/mx.crt')dnl\n"
                                                + "define(`confSERVER_KEY', `/etc/mail/tls/mx.key')dnl")),
                                new FixStep("Rebuild sendmail.cf and restart Sendmail.")),
                                new VerifyStep("MailMedic connects to port 25 and completes STARTTLS.", Outcome.PASS,
                                        Instant.parse("2026-11-27T09:58:00Z"), "TLSv1.3 TLS_AES_256_GCM_SHA384, "
                                                + "certificate valid until 2027-02-25"))))
                .check(new CheckSection("TLS on port 25", null, List.of("Host", "STARTTLS", "Protocol", "Certificate"),
                        List.of(Row.of(RowStatus.PASS, "mx.xn--kanzlei-mller-5ob.example", "offered", "TLSv1.3",
                                "CN=mx.kanzlei-müller.example, valid until 2027-02-25")), null))
                .build();
    }
}
