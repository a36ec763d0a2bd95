package org.mailmedic.engine.probe.smtp;

/**
 * The only commands the live check can ever send. There is deliberately no DATA, BDAT, VRFY,
 * EXPN or AUTH here: {@link SmtpConnection#send} takes nothing but these, so no code path can
 * deliver a message or try a password.
 */
enum SmtpCommand {
    EHLO("EHLO "),
    HELO("HELO "),
    STARTTLS("STARTTLS"),
    /** Only for the opt-in recipient probe: the null reverse-path. */
    MAIL_FROM_NULL("MAIL FROM:<>"),
    /** Only for the opt-in recipient probe. */
    RCPT_TO("RCPT TO:"),
    RSET("RSET"),
    QUIT("QUIT");

    private final String prefix;

    SmtpCommand(String prefix) {
        this.prefix = prefix;
    }

    /** The command line (without CRLF); the argument may not carry line breaks or NULs. */
    String line(String argument) {
        boolean takesArgument = this == EHLO || this == HELO || this == RCPT_TO;
        if (!takesArgument) {
            if (argument != null) {
                throw new IllegalArgumentException(name() + " takes no argument");
            }
            return prefix;
        }
        if (argument == null || argument.isEmpty() || argument.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("unsafe " + name() + " argument");
        }
        return this == RCPT_TO ? prefix + "<" + argument + ">" : prefix + argument;
    }
}
