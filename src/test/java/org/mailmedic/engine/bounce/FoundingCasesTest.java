package org.mailmedic.engine.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mailmedic.engine.evidence.BounceKind;
import org.mailmedic.engine.evidence.BounceRecipient;

/**
 * MailMedic's two founding cases, as minimal realistic bounces: an ISP's rate limit that kept a
 * Postfix queue from draining until the message expired, and Gmail failing STARTTLS against a
 * Sendmail that advertises it without a certificate.
 */
class FoundingCasesTest {

    /** Postfix gives up after maximal_queue_lifetime; the last reply was the ISP's daily limit. */
    static final String POSTFIX_EXPIRED_RATE_LIMIT = """
            Return-Path: <>
            From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
            To: office@example.com
            Subject: Undelivered Mail Returned to Sender
            Date: Fri, 27 Nov 2026 10:00:00 +0000 (UTC)
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="4AN3CfXk.1732701600/mail.example.com"

            --4AN3CfXk.1732701600/mail.example.com
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            This is the mail system at host mail.example.com.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients. It's attached below.

                               The mail system

            <customer@isp.example>: host mx.isp.example[198.51.100.7] said: 421 Too many
                messages (DailyLimit) from 203.0.113.25 (in reply to MAIL FROM command)

            --4AN3CfXk.1732701600/mail.example.com
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.example.com
            X-Postfix-Queue-ID: 4AN3CfXk
            X-Postfix-Sender: rfc822; office@example.com
            Arrival-Date: Sun, 22 Nov 2026 09:58:12 +0000 (UTC)

            Final-Recipient: rfc822; customer@isp.example
            Original-Recipient: rfc822;customer@isp.example
            Action: failed
            Status: 4.0.0
            Remote-MTA: dns; mx.isp.example
            Diagnostic-Code: smtp; 421 Too many messages (DailyLimit) from 203.0.113.25

            --4AN3CfXk.1732701600/mail.example.com
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            From: Office <office@example.com>
            To: customer@isp.example
            Subject: Your invoice 2026-114
            Date: Sun, 22 Nov 2026 09:58:10 +0000
            Message-ID: <inv-2026-114@example.com>

            --4AN3CfXk.1732701600/mail.example.com--
            """;

    /** Gmail's DSN after its retries ran out: STARTTLS offered, handshake failed. */
    static final String GMAIL_STARTTLS = """
            From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
            To: someone@gmail.com
            Subject: Delivery Status Notification (Failure)
            Date: Thu, 26 Nov 2026 08:12:44 -0800 (PST)
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; boundary="000000000000b1f0f2"; report-type=delivery-status

            --000000000000b1f0f2
            Content-Type: text/plain; charset="UTF-8"

            ** Message not delivered **

            There was a problem delivering your message to office@example.com. See the technical details below.

            The response was:

            TLS Negotiation failed, the certificate doesn't match the host. starttls error

            --000000000000b1f0f2
            Content-Type: message/delivery-status

            Reporting-MTA: dns; googlemail.com
            Arrival-Date: Mon, 23 Nov 2026 08:12:40 -0800 (PST)

            Final-Recipient: rfc822; office@example.com
            Action: failed
            Status: 4.7.0
            Remote-MTA: dns; mail.example.com. (203.0.113.25, the server for the domain example.com.)
            Diagnostic-Code: smtp; TLS Negotiation failed, generic::failed_precondition: starttls error
            Last-Attempt-Date: Thu, 26 Nov 2026 08:12:44 -0800 (PST)

            --000000000000b1f0f2
            Content-Type: text/rfc822-headers

            From: Someone <someone@gmail.com>
            To: office@example.com
            Subject: Quote request
            Date: Mon, 23 Nov 2026 08:12:38 -0800

            --000000000000b1f0f2--
            """;

    private static BounceRecipient only(String eml) {
        BounceFileResult r = new BounceReader().decode(Path.of("case.eml"), eml.getBytes(StandardCharsets.UTF_8), false);
        assertThat(r.problem()).isNull();
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().get(0).kind()).isEqualTo(BounceKind.BOUNCE);
        assertThat(r.recipients()).hasSize(1);
        return r.recipients().get(0);
    }

    @Test
    void rateLimitedUntilExpiredIsSpeedingAndExpired() {
        BounceRecipient x = only(POSTFIX_EXPIRED_RATE_LIMIT);
        assertThat(x.recipient()).isEqualTo("customer@isp.example");
        assertThat(x.reason()).isEqualTo("speeding");
        assertThat(x.expired()).isTrue();
        assertThat(x.sisimaiReason()).isEqualTo("expired");
        assertThat(x.status()).isEqualTo("4.0.0");
        assertThat(x.replyCode()).isEqualTo("421");
        assertThat(x.remoteMta()).isEqualTo("mx.isp.example");
        assertThat(x.reportingMta()).isEqualTo("mail.example.com");
        assertThat(x.mta()).isEqualTo("postfix");
        assertThat(x.temporary()).isTrue();
        assertThat(x.diagnostic()).isEqualTo("421 Too many messages (DailyLimit) from 203.0.113.25");
        assertThat(x.plain()).contains("expired").contains("rate limiting").contains("customer@isp.example");
    }

    @Test
    void gmailStarttlsFailureIsFailedStarttls() {
        BounceRecipient x = only(GMAIL_STARTTLS);
        assertThat(x.recipient()).isEqualTo("office@example.com");
        assertThat(x.reason()).isEqualTo("failedstarttls");
        assertThat(x.status()).isEqualTo("4.7.0");
        assertThat(x.date()).isEqualTo("2026-11-26T16:12:44Z");
        assertThat(x.plain()).startsWith("Gmail could not set up an encrypted connection (STARTTLS)")
                .contains("office@example.com");
        assertThat(x.statusMeaning()).startsWith("Temporary failure");
    }

    @Test
    void originalMessageHeadersAreKept() {
        BounceFileResult r = new BounceReader().decode(Path.of("case.eml"),
                POSTFIX_EXPIRED_RATE_LIMIT.getBytes(StandardCharsets.UTF_8), false);
        var original = r.messages().get(0).original();
        assertThat(original.subject()).isEqualTo("Your invoice 2026-114");
        assertThat(original.messageId()).isEqualTo("<inv-2026-114@example.com>");
        assertThat(r.messages().get(0).rawSource()).contains("X-Postfix-Queue-ID: 4AN3CfXk");
    }
}
