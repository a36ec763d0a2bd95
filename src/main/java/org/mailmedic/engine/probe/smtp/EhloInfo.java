package org.mailmedic.engine.probe.smtp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's answer to our greeting and the ESMTP extensions it offered (RFC 5321 §4.1.1.1).
 *
 * @param command    EHLO, or HELO when EHLO was refused
 * @param reply      the raw reply
 * @param greeting   the first line's text (the server's name and greeting)
 * @param extensions keyword (upper case) to its parameters ("" when none), in offered order
 */
public record EhloInfo(String command, SmtpReply reply, String greeting, Map<String, String> extensions) {

    public EhloInfo {
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    static EhloInfo parse(String command, SmtpReply reply) {
        Map<String, String> ext = new LinkedHashMap<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            int sp = l.indexOf(' ');
            String key = (sp < 0 ? l : l.substring(0, sp)).toUpperCase(Locale.ROOT);
            String params = sp < 0 ? "" : l.substring(sp + 1).strip();
            if (key.startsWith("AUTH=")) { // old Outlook/qmail style "AUTH=LOGIN PLAIN"
                params = (key.substring(5) + " " + params).strip();
                key = "AUTH";
            }
            if (key.equals("AUTH") && ext.containsKey("AUTH")) {
                ext.put("AUTH", (ext.get("AUTH") + " " + params).strip());
            } else {
                ext.putIfAbsent(key, params);
            }
        }
        return new EhloInfo(command, reply, lines.isEmpty() ? "" : lines.get(0), ext);
    }

    public boolean has(String keyword) {
        return extensions.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    @JsonIgnore
    public boolean starttls() {
        return has("STARTTLS");
    }

    /** SASL mechanisms offered with AUTH (upper case), empty when none. */
    @JsonIgnore
    public List<String> authMechanisms() {
        String p = extensions.get("AUTH");
        if (p == null || p.isBlank()) {
            return List.of();
        }
        return Arrays.stream(p.toUpperCase(Locale.ROOT).split("\\s+")).distinct().toList();
    }

    /** The SIZE limit in bytes; -1 when not announced, 0 when announced without a limit. */
    @JsonIgnore
    public long sizeLimit() {
        String p = extensions.get("SIZE");
        if (p == null) {
            return -1;
        }
        try {
            return p.isBlank() ? 0 : Long.parseLong(p.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
