package org.mailmedic.engine.bounce.mta;

import java.util.List;

/**
 * The explicit, ordered list of recognizers: the first that claims a message and finds a
 * recipient wins. Specific families come before the generic RFC 3464 reader, which comes before
 * the last-resort text scanner. Reports that are not failures (ARF feedback, automatic replies)
 * are tried first.
 */
public final class Recognizers {

    public static final List<Recognizer> ALL = List.of(
            new Arf(),
            new AutoReply(),
            new AmazonSesJson(),
            new GoogleGroups(),
            new X3(),
            new Gmail(),
            new Aol(),
            new ReceivingSes(),
            new Zoho(),
            new Postfix(),
            new V5sendmail(),
            new Sendmail(),
            new Qmail(),
            new Yahoo(),
            new Exim(),
            new OpenSmtpd(),
            new Dragonfly(),
            new Fml(),
            new Biglobe(),
            new Courier(),
            new ApacheJames(),
            new Office365(),
            new Exchange2007(),
            new Exchange2003(),
            new AmazonSes(),
            new McAfee(),
            new MessageLabs(),
            new IMailServer(),
            new InterScanMss(),
            new EzWeb(),
            new Notes(),
            new MessagingServer(),
            new Rfc3464(),
            new Generic());

    private Recognizers() {
    }
}
