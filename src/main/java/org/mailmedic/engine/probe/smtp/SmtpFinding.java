package org.mailmedic.engine.probe.smtp;

/**
 * One thing a live check found: a status, a stable code for rules and tests, a plain-language
 * headline for a non-expert and the technical detail an expert wants.
 *
 * @param status   pass / info / warn / fail
 * @param code     stable machine name, e.g. {@code starttls-no-certificate}
 * @param headline one sentence in plain words
 * @param detail   the technical facts behind it (raw replies, alert names, dates)
 */
public record SmtpFinding(Status status, String code, String headline, String detail) {

    public static SmtpFinding pass(String code, String headline, String detail) {
        return new SmtpFinding(Status.PASS, code, headline, detail);
    }

    public static SmtpFinding info(String code, String headline, String detail) {
        return new SmtpFinding(Status.INFO, code, headline, detail);
    }

    public static SmtpFinding warn(String code, String headline, String detail) {
        return new SmtpFinding(Status.WARN, code, headline, detail);
    }

    public static SmtpFinding fail(String code, String headline, String detail) {
        return new SmtpFinding(Status.FAIL, code, headline, detail);
    }
}
