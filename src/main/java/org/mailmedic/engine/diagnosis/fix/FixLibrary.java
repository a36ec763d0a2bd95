package org.mailmedic.engine.diagnosis.fix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix guides. Their content lives in resource files, one per finding kind and mail server
 * ({@code fixes/KIND/SERVER.md}, falling back to {@code fixes/KIND/default.md}); this class only
 * parses them and fills in the user's own names. A guide file looks like:
 *
 * <pre>
 * title: Slow down mail to ${destination} in Postfix
 * source: https://www.postfix.org/postconf.5.html#default_destination_rate_delay
 * verify: throttle ${destination}
 * verify-text: No new "Too many messages" deferrals for ${destination} in the log
 * ---
 * Intro paragraph.
 *
 * ## Step title
 * Step text.
 * ```file /etc/postfix/main.cf
 * smtp_destination_rate_delay = 30s
 * ```
 * </pre>
 *
 * Placeholders are {@code ${name}}; a name the caller does not know is shown as
 * {@code <what it means>} so the user sees what to put there.
 */
public final class FixLibrary {

    private static final String ROOT = "/org/mailmedic/engine/diagnosis/fixes/";
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    /** What each placeholder means, shown when the value is not known. */
    public static final Map<String, String> PLACEHOLDERS = placeholders();

    private FixLibrary() {
    }

    private static Map<String, String> placeholders() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("domain", "your domain");
        m.put("mxHost", "your mail server's name");
        m.put("serverIp", "your mail server's public IP address");
        m.put("destination", "the destination domain");
        m.put("destinationMx", "the destination's mail server");
        m.put("limitPerDay", "the daily limit");
        m.put("delaySeconds", "seconds between messages");
        m.put("forwarder", "the forwarding server");
        m.put("sender", "the sender's domain");
        m.put("recipient", "the recipient's address");
        m.put("ptrName", "the reverse DNS name");
        m.put("blacklist", "the blacklist");
        m.put("spfRecord", "your SPF record");
        m.put("selector", "the DKIM selector");
        m.put("smarthost", "your provider's relay host");
        m.put("maxSize", "the size limit");
        m.put("expired", "the number of expired messages");
        m.put("deferred", "the number of deferred messages");
        m.put("since", "the date it began");
        m.put("organisation", "your organisation");
        m.put("limitPerHour", "messages per hour that keep you under the daily limit");
        m.put("bounceText", "the error text quoted in the bounce or log");
        m.put("reportEmail", "an address of yours that receives reports");
        m.put("dmarcRecord", "your current DMARC record");
        m.put("serverName", "the name of your Exchange server");
        return Map.copyOf(m);
    }

    /** The guide for a finding kind on a server, with names filled in, if one exists. */
    public static Optional<FixGuide> guide(String kind, MailServer server, Map<String, String> facts) {
        String text = load(kind + "/" + server.id() + ".md").or(() -> load(kind + "/default.md")).orElse(null);
        if (text == null) {
            return Optional.empty();
        }
        FixGuide g = parse(kind, server, fill(text, facts));
        return Optional.of(withVerify(g, text, facts));
    }

    /**
     * The verify line is split into arguments before names are filled in, so that a missing
     * name (shown as a multi-word "<…>") never becomes several garbage arguments; the spec
     * instead lists what is missing and is not runnable.
     */
    private static FixGuide withVerify(FixGuide g, String template, Map<String, String> facts) {
        if (g.verify() == null) {
            return g;
        }
        String raw = "";
        for (String line : template.substring(0, Math.max(0, template.indexOf("\n---\n"))).split("\n")) {
            if (line.startsWith("verify:")) {
                raw = line.substring("verify:".length()).strip();
            }
        }
        List<String> parts = List.of(raw.split("\\s+"));
        List<String> args = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String a : parts.subList(1, parts.size())) {
            Matcher m = VAR.matcher(a);
            while (m.find()) {
                String v = facts.get(m.group(1));
                if (v == null || v.isBlank()) {
                    missing.add(PLACEHOLDERS.getOrDefault(m.group(1), m.group(1)));
                }
            }
            args.add(fill(a, facts));
        }
        VerifySpec spec = new VerifySpec(parts.get(0), args, g.verify().description(), missing);
        return new FixGuide(g.kind(), g.server(), g.title(), g.intro(), g.steps(), spec, g.source());
    }

    /** Replaces {@code ${name}} with the fact, or with {@code <what it means>}. */
    public static String fill(String text, Map<String, String> facts) {
        Matcher m = VAR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = facts.get(name);
            if (v == null || v.isBlank()) {
                v = "<" + PLACEHOLDERS.getOrDefault(name, name) + ">";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static FixGuide parse(String kind, MailServer server, String text) {
        int sep = text.indexOf("\n---\n");
        if (sep < 0) {
            throw new IllegalStateException("fix guide " + kind + "/" + server.id() + " has no '---' header separator");
        }
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : text.substring(0, sep).split("\n")) {
            int c = line.indexOf(':');
            if (c > 0) {
                header.put(line.substring(0, c).strip(), line.substring(c + 1).strip());
            }
        }
        String body = text.substring(sep + 5);
        List<String> chunks = new ArrayList<>(Arrays.asList(body.split("(?m)^## ")));
        String intro = chunks.remove(0).strip();
        List<FixStep> steps = new ArrayList<>();
        for (String chunk : chunks) {
            int nl = chunk.indexOf('\n');
            String title = (nl < 0 ? chunk : chunk.substring(0, nl)).strip();
            String rest = nl < 0 ? "" : chunk.substring(nl + 1);
            StringBuilder words = new StringBuilder();
            List<Snippet> snippets = new ArrayList<>();
            String[] lines = rest.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.startsWith("```")) {
                    String info = line.substring(3).strip();
                    String type = info.isEmpty() ? "text" : info.split("\\s+", 2)[0];
                    String target = info.contains(" ") ? info.substring(info.indexOf(' ') + 1).strip() : "";
                    StringBuilder code = new StringBuilder();
                    i++;
                    while (i < lines.length && !lines[i].startsWith("```")) {
                        code.append(lines[i]).append('\n');
                        i++;
                    }
                    snippets.add(new Snippet(type, target, code.toString().stripTrailing()));
                } else {
                    words.append(line).append('\n');
                }
            }
            steps.add(new FixStep(steps.size() + 1, title, words.toString().strip(), snippets));
        }
        VerifySpec verify = null;
        String v = header.get("verify");
        if (v != null && !v.isBlank()) {
            List<String> parts = List.of(v.split("\\s+"));
            verify = new VerifySpec(parts.get(0), parts.subList(1, parts.size()), header.getOrDefault("verify-text", ""));
        }
        return new FixGuide(kind, server, header.getOrDefault("title", kind), intro, steps, verify,
                header.getOrDefault("source", ""));
    }

    private static Optional<String> load(String name) {
        try (InputStream in = FixLibrary.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
