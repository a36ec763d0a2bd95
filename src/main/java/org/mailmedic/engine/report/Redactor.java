package org.mailmedic.engine.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides people before a report leaves the company: the local part of every email address
 * becomes {@code userN} (domain kept, so {@code alice@btinternet.com} becomes
 * {@code user1@btinternet.com}) and every message subject becomes {@code [subject N]}. The
 * same address or subject always gets the same pseudonym, numbered in document order, so two
 * writers redacting the same model agree. Role accounts (postmaster, abuse, MAILER-DAEMON...)
 * and Message-IDs are kept: they name no person and the provider needs them.
 *
 * <p>Subjects are recognised where they are known ({@link ReportModel.BounceExcerpt#subject()})
 * and in text after {@code Subject:} (header lines, Postfix {@code header_checks} warnings).
 */
public final class Redactor {

    private static final Pattern ADDRESS = Pattern.compile(
            "([\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]+)@((?:[\\p{L}\\p{N}_-]+\\.)+[\\p{L}\\p{N}-]{2,}|\\[[0-9A-Fa-f.:]+\\])");
    /** "Subject: text" up to the end, or up to Postfix's " from host[ip]" that follows a logged header. */
    private static final Pattern SUBJECT = Pattern.compile(
            "(?im)(\\bsubject:[ \\t]*)(.+?)(?=(?: from [^\\s\\[]*\\[[^\\]]*\\];)|$)");
    private static final Pattern MESSAGE_ID_BEFORE = Pattern.compile("(?i)(message-id=<?|message-id:\\s*<?|msgid=<?)$");
    private static final Pattern PSEUDONYM = Pattern.compile("user\\d+");
    private static final Set<String> ROLES = Set.of("postmaster", "abuse", "mailer-daemon", "hostmaster",
            "webmaster", "double-bounce", "noreply", "no-reply", "dmarc-reports", "tls-reports");

    private final Map<String, String> locals = new HashMap<>();
    private final Map<String, String> subjects = new HashMap<>();

    /** A redacted copy of the model; the model itself is not changed. */
    public static ReportModel redactModel(ReportModel model) {
        return new Redactor().redact(model);
    }

    /** Redacts with this instance's pseudonym table (kept across calls). */
    public ReportModel redact(ReportModel model) {
        List<String> known = new ArrayList<>();
        for (ReportModel.Finding f : model.findings()) {
            for (ReportModel.Evidence e : f.evidence()) {
                if (e instanceof ReportModel.BounceExcerpt b && b.subject() != null && !b.subject().isBlank()) {
                    known.add(b.subject());
                }
            }
        }
        for (String s : known) {
            subjectPseudonym(s);
        }
        known.sort(Comparator.comparingInt(String::length).reversed());
        return ModelText.map(model, text -> redactText(text, known));
    }

    /** Redacts one text with this instance's pseudonym table. */
    public String redactText(String text) {
        return redactText(text, List.of());
    }

    private String redactText(String text, List<String> knownSubjects) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = text;
        for (String subject : knownSubjects) {
            if (s.equals(subject)) {
                return subjectPseudonym(subject);
            }
            if (s.contains(subject)) {
                s = s.replace(subject, subjectPseudonym(subject));
            }
        }
        if (indexOfIgnoreCase(s, "subject:") >= 0) {
            Matcher m = SUBJECT.matcher(s);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String subj = m.group(2).strip();
                String repl = subj.startsWith("[subject ") ? m.group(2) : subjectPseudonym(subj);
                m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + repl));
            }
            m.appendTail(b);
            s = b.toString();
        }
        if (s.indexOf('@') < 0) {
            return s;
        }
        Matcher m = ADDRESS.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String local = m.group(1);
            String domain = m.group(2);
            String before = s.substring(Math.max(0, m.start() - 12), m.start());
            int dots = 0;
            while (dots < local.length() - 1 && local.charAt(dots) == '.') {
                dots++;
            }
            String stripped = local.substring(dots);
            if (ROLES.contains(stripped.toLowerCase(Locale.ROOT)) || MESSAGE_ID_BEFORE.matcher(before).find()
                    || PSEUDONYM.matcher(stripped).matches()) {
                m.appendReplacement(b, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String key = stripped.toLowerCase(Locale.ROOT) + "@" + domain.toLowerCase(Locale.ROOT);
            String pseudo = locals.computeIfAbsent(key, k -> "user" + (locals.size() + 1));
            m.appendReplacement(b, Matcher.quoteReplacement(local.substring(0, local.length() - stripped.length())
                    + pseudo + "@" + domain));
        }
        m.appendTail(b);
        return b.toString();
    }

    private String subjectPseudonym(String subject) {
        return subjects.computeIfAbsent(subject.strip(), k -> "[subject " + (subjects.size() + 1) + "]");
    }

    private static int indexOfIgnoreCase(String s, String needle) {
        return s.toLowerCase(Locale.ROOT).indexOf(needle);
    }
}
