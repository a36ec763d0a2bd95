package org.mailmedic.engine.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mailmedic.engine.probe.dns.IpAddresses;

/**
 * Checks what the user typed in the settings before it is kept, each with one plain sentence
 * saying what is wrong: the DNS resolver ({@code IP}, {@code IP:port}, {@code [IPv6]:port},
 * {@code host} or {@code host:port}), the HELO name (a fully qualified host name, or an address
 * literal such as {@code [192.0.2.1]}, RFC 5321 4.1.1.1), and the DNS blocklist zones (one
 * domain name a line).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1123#section-2.1">RFC 1123 2.1 (host names)</a>
 */
public final class SettingsCheck {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private SettingsCheck() {
    }

    /** Null when {@code text} can be used as the DNS resolver ("" = the system's), else why not. */
    public static String resolverProblem(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return null;
        }
        String host = s;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return "'" + s + "' is missing the closing ']' of the IPv6 address";
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                return "'" + s + "' has something after the ']' that is not ':port'";
            }
            if (!host.contains(":") || !IpAddresses.isLiteral(host)) {
                return "'" + host + "' in brackets is not an IPv6 address";
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = s.substring(s.indexOf(':') + 1);
        } else if (s.indexOf(':') >= 0) {
            return IpAddresses.isLiteral(s) ? null
                    : "'" + s + "' is not an IPv6 address (write an IPv6 address with a port as [2001:db8::53]:53)";
        }
        if (port != null) {
            String portProblem = portProblem(port);
            if (portProblem != null) {
                return portProblem;
            }
        }
        if (IpAddresses.isLiteral(host)) {
            return null;
        }
        if (host.matches("[0-9.]+")) {
            return "'" + host + "' is not a valid IP address";
        }
        String h = hostProblem(host, false);
        return h == null ? null : "'" + host + "' is neither an IP address nor a host name (" + h + ")";
    }

    private static String portProblem(String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return null;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        return "the port '" + port + "' is not a number from 1 to 65535";
    }

    /**
     * Null when {@code text} can be the name MailMedic greets mail servers with ("" = its own
     * address literal), else why not.
     */
    public static String heloProblem(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            String inner = s.substring(1, s.length() - 1);
            String addr = inner.regionMatches(true, 0, "IPv6:", 0, 5) ? inner.substring(5) : inner;
            return IpAddresses.isLiteral(addr) && (addr.contains(":") == inner.regionMatches(true, 0, "IPv6:", 0, 5))
                    ? null : "'" + s + "' is not an address literal such as [192.0.2.1] or [IPv6:2001:db8::1]";
        }
        String h = hostProblem(s, true);
        return h == null ? null : "'" + s + "' is not a valid HELO name: " + h;
    }

    /**
     * The problems of a blocklist text, one zone a line (blank lines and lines starting with '#'
     * are skipped); empty when every zone is a domain name.
     */
    public static List<String> dnsblProblems(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String z = lines[i].strip();
            if (z.isEmpty() || z.startsWith("#")) {
                continue;
            }
            String h = hostProblem(z, true);
            if (h != null) {
                out.add("Line " + (i + 1) + ": '" + z + "' is not a domain name (" + h + ")");
            }
        }
        return out;
    }

    /** The zones of a blocklist text, lower case, each once, in order. */
    public static List<String> dnsblZones(String text) {
        List<String> out = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            String z = line.strip().toLowerCase(Locale.ROOT);
            if (z.endsWith(".")) {
                z = z.substring(0, z.length() - 1);
            }
            if (!z.isEmpty() && !z.startsWith("#") && !out.contains(z)) {
                out.add(z);
            }
        }
        return out;
    }

    /**
     * Why {@code name} is not a host name (letters, digits and hyphens in dot-separated labels of
     * 1 to 63 characters, 253 in all, a final dot allowed), or null. Internationalised names are
     * checked in their ASCII form.
     *
     * @param qualified true to require at least two labels and a top-level label that is not all digits
     */
    static String hostProblem(String name, boolean qualified) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            return "it is empty";
        }
        if (n.chars().anyMatch(Character::isWhitespace)) {
            return "it contains a space";
        }
        String[] labels = n.split("\\.", -1);
        int length = labels.length - 1;
        for (int i = 0; i < labels.length; i++) {
            String l = labels[i];
            if (l.isEmpty()) {
                return "it has an empty part between dots";
            }
            if (!l.chars().allMatch(c -> c < 128)) {
                try {
                    l = java.net.IDN.toASCII(l, java.net.IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    return "'" + labels[i] + "' is not a valid international name";
                }
            }
            l = l.toLowerCase(Locale.ROOT);
            labels[i] = l;
            length += l.length();
            if (l.length() > 63) {
                return "a part is longer than 63 characters";
            }
            if (!LABEL.matcher(l).matches()) {
                return "'" + l + "' may hold only letters, digits and inner hyphens";
            }
        }
        if (length > 253) {
            return "it is longer than 253 characters";
        }
        if (qualified && labels.length < 2) {
            return "give the full name, with its domain, e.g. mail.example.com";
        }
        if (qualified && labels[labels.length - 1].matches("[0-9]+")) {
            return "the last part cannot be all digits";
        }
        return null;
    }
}
