package org.mailmedic.engine.probe.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A DMARC record parsed and every tag validated (RFC 7489 6.3), with problems in plain words.
 *
 * @param tags     tag → value as published (lower-case tag names)
 * @param errors   problems that make receivers ignore the record or a tag
 * @param warnings legal but doubtful choices
 * @param rua      aggregate-report addresses (mailto: URIs as published)
 * @param ruf      failure-report addresses
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7489#section-6.3">RFC 7489 6.3</a>
 */
public record DmarcRecord(String text, Map<String, String> tags, List<String> errors, List<String> warnings,
        List<String> rua, List<String> ruf) {

    private static final Pattern URI = Pattern.compile("(?i)([a-z][a-z0-9+.-]*):([^!]+)(![0-9]+[kmgt]?)?");

    /** Whether a TXT string is a DMARC record (starts with v=DMARC1, RFC 7489 6.6.3). */
    public static boolean isDmarc(String txt) {
        return txt.strip().matches("(?is)v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    public String policy() {
        return tags.get("p");
    }

    public static DmarcRecord parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> rua = new ArrayList<>();
        List<String> ruf = new ArrayList<>();
        boolean first = true;
        for (String part : text.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                errors.add("'" + p + "' is not a tag=value pair");
                continue;
            }
            String k = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = p.substring(eq + 1).strip();
            if (first && !k.equals("v")) {
                errors.add("the record must start with v=DMARC1");
            }
            first = false;
            if (tags.containsKey(k)) {
                warnings.add("the tag " + k + "= appears twice; receivers may use either");
                continue;
            }
            tags.put(k, v);
            switch (k) {
                case "v" -> {
                    if (!v.equals("DMARC1")) {
                        (v.equalsIgnoreCase("DMARC1") ? warnings : errors).add("v=" + v + " should be exactly v=DMARC1");
                    }
                }
                case "p", "sp", "np" -> {
                    if (!List.of("none", "quarantine", "reject").contains(v.toLowerCase(Locale.ROOT))) {
                        errors.add(k + "=" + v + " is not a policy (none, quarantine or reject)");
                    }
                }
                case "adkim", "aspf" -> {
                    if (!v.equalsIgnoreCase("r") && !v.equalsIgnoreCase("s")) {
                        errors.add(k + "=" + v + " must be r (relaxed) or s (strict)");
                    }
                }
                case "pct" -> {
                    try {
                        int n = Integer.parseInt(v);
                        if (n < 0 || n > 100) {
                            errors.add("pct=" + v + " must be 0 to 100");
                        } else if (n < 100) {
                            warnings.add("pct=" + n + ": the policy applies to only " + n + "% of failing mail");
                        }
                    } catch (NumberFormatException e) {
                        errors.add("pct=" + v + " is not a whole number");
                    }
                }
                case "fo" -> {
                    for (String o : v.split(":")) {
                        if (!List.of("0", "1", "d", "s").contains(o.strip().toLowerCase(Locale.ROOT))) {
                            errors.add("fo=" + v + ": '" + o + "' is not a failure-reporting option (0, 1, d, s)");
                        }
                    }
                }
                case "rf" -> {
                    for (String o : v.split(":")) {
                        if (!o.strip().equalsIgnoreCase("afrf")) {
                            errors.add("rf=" + v + ": only afrf is defined");
                        }
                    }
                }
                case "ri" -> {
                    try {
                        long n = Long.parseLong(v);
                        if (n < 0 || n > 4294967295L) {
                            errors.add("ri=" + v + " is out of range");
                        } else if (n != 86400) {
                            warnings.add("ri=" + n + ": most receivers send aggregate reports once a day whatever this says");
                        }
                    } catch (NumberFormatException e) {
                        errors.add("ri=" + v + " is not a whole number of seconds");
                    }
                }
                case "rua", "ruf" -> {
                    for (String u : v.split(",")) {
                        String uri = u.strip();
                        if (uri.isEmpty()) {
                            continue;
                        }
                        if (!URI.matcher(uri).matches()) {
                            errors.add(k + ": '" + uri + "' is not a URI (write mailto:reports@example.com)");
                        } else if (!uri.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                            warnings.add(k + ": '" + uri + "' is not a mailto: address; receivers only send reports by mail");
                        } else if (!uri.contains("@")) {
                            errors.add(k + ": '" + uri + "' has no @domain");
                        } else {
                            (k.equals("rua") ? rua : ruf).add(uri);
                        }
                    }
                }
                default -> warnings.add("unknown tag " + k + "= (ignored by receivers)");
            }
        }
        if (!tags.containsKey("p")) {
            if (!rua.isEmpty()) {
                warnings.add("there is no p= tag; with a valid rua= receivers treat it as p=none (RFC 7489 6.6.3)");
                tags.put("p", "none");
            } else {
                errors.add("the required p= tag (none, quarantine or reject) is missing");
            }
        }
        return new DmarcRecord(text, tags, errors, warnings, rua, ruf);
    }

    /** The domain of a mailto: URI ({@code mailto:a@b.example!10m} → {@code b.example}). */
    public static String uriDomain(String uri) {
        String s = uri.substring(uri.indexOf(':') + 1);
        int bang = s.indexOf('!');
        if (bang >= 0) {
            s = s.substring(0, bang);
        }
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        return s.substring(s.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
    }
}
