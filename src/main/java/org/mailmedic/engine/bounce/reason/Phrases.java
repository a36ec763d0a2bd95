package org.mailmedic.engine.bounce.reason;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The phrases that identify one reason, loaded from
 * {@code /org/mailmedic/engine/bounce/reasons/REASON.txt}: one lower-case phrase per line,
 * matched as a substring of the lower-cased diagnostic; a line starting with {@code ~} is a
 * regular expression (kept simple: no nested quantifiers). {@code #} starts a comment line.
 * Contributors edit these files, not code.
 */
final class Phrases {

    private final String reason;
    private final String[] plain;
    private final Pattern[] patterns;

    private Phrases(String reason, String[] plain, Pattern[] patterns) {
        this.reason = reason;
        this.plain = plain;
        this.patterns = patterns;
    }

    static Phrases load(String reason) {
        String res = "/org/mailmedic/engine/bounce/reasons/" + reason + ".txt";
        List<String> plain = new ArrayList<>();
        List<Pattern> pats = new ArrayList<>();
        try (InputStream in = Phrases.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("missing phrase list " + res);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("~")) {
                    pats.add(Pattern.compile(t.substring(1)));
                } else {
                    plain.add(t.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Phrases(reason, plain.toArray(String[]::new), pats.toArray(Pattern[]::new));
    }

    String reason() {
        return reason;
    }

    /** Whether the lower-cased {@code diag} contains one of the phrases. */
    boolean matches(String diag) {
        for (String p : plain) {
            if (diag.contains(p)) {
                return true;
            }
        }
        for (Pattern p : patterns) {
            if (p.matcher(diag).find()) {
                return true;
            }
        }
        return false;
    }

    /** The first phrase found (for explaining a decision), or "". */
    String which(String diag) {
        for (String p : plain) {
            if (diag.contains(p)) {
                return p;
            }
        }
        for (Pattern p : patterns) {
            if (p.matcher(diag).find()) {
                return p.pattern();
            }
        }
        return "";
    }
}
