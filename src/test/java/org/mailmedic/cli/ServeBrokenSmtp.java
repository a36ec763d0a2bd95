package org.mailmedic.cli;

import org.mailmedic.testing.smtp.SmtpFixture;

/**
 * For trying {@code mailmedic check} by hand (EXAMPLES.md): a Sendmail-like SMTP server on
 * 127.0.0.1 that offers STARTTLS without a certificate, the no-shared-cipher case. Prints its
 * port and serves until killed:
 * {@code java -cp ... org.mailmedic.cli.ServeBrokenSmtp}.
 */
public final class ServeBrokenSmtp {

    private ServeBrokenSmtp() {
    }

    public static void main(String[] args) throws Exception {
        try (SmtpFixture f = SmtpFixture.builder().banner("220 mail.kestrel-design.co.uk ESMTP Sendmail 8.17.1/8.17.1")
                .starttlsWithoutCertificate().start()) {
            System.out.println(f.port());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
