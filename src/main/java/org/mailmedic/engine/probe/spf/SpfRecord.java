package org.mailmedic.engine.probe.spf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.probe.dns.IpAddresses;

/**
 * One SPF record parsed into terms, with every RFC 7208 syntax rule checked up front (a syntax
 * error anywhere makes the whole record a permerror, RFC 7208 4.6).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7208#section-12">RFC 7208 12 (ABNF)</a>
 */
public record SpfRecord(String text, List<Term> terms, Term redirect, Term exp) {

    /** Directives (mechanisms with qualifiers) and modifiers. */
    public sealed interface Term permits Mechanism, Modifier {
        String text();
    }

    /** Mechanism kinds (RFC 7208 5). */
    public enum Kind { ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS }

    /**
     * @param qualifier {@code + - ~ ?} as the result it gives on a match
     * @param domainSpec the unexpanded domain-spec, or null for the current domain
     * @param network    for ip4/ip6: the network address
     * @param cidr4      IPv4 prefix length (32 when not given)
     * @param cidr6      IPv6 prefix length (128 when not given)
     */
    public record Mechanism(String text, SpfResult.Result qualifier, Kind kind, String domainSpec, InetAddress network,
            int cidr4, int cidr6) implements Term {

        /** Whether evaluating it costs one of the 10 DNS lookups (RFC 7208 4.6.4). */
        public boolean countsLookup() {
            return kind == Kind.INCLUDE || kind == Kind.A || kind == Kind.MX || kind == Kind.PTR || kind == Kind.EXISTS;
        }
    }

    public record Modifier(String text, String name, String value) implements Term {
    }

    private static final Pattern MOD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern CIDR_TAIL = Pattern.compile("^(.*?)(?:/(\\d+))?(?://(\\d+))?$", Pattern.DOTALL);
    private static final Pattern VERSION = Pattern.compile("(?i)v=spf1(?: .*)?", Pattern.DOTALL);

    /** Whether a TXT string is an SPF version 1 record ("v=spf1" then a space or the end). */
    public static boolean isSpf1(String txt) {
        return VERSION.matcher(txt).matches();
    }

    public static SpfRecord parse(String text) throws SpfSyntaxException {
        if (!isSpf1(text)) {
            throw new SpfSyntaxException("the record does not start with 'v=spf1 '");
        }
        List<Term> terms = new ArrayList<>();
        Term redirect = null;
        Term exp = null;
        for (String raw : text.substring(6).split(" ")) {
            if (raw.isEmpty()) {
                continue;
            }
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    throw new SpfSyntaxException("the term '" + raw + "' contains a character not allowed in SPF (0x"
                            + Integer.toHexString(c) + ")");
                }
            }
            Term t = parseTerm(raw);
            if (t instanceof Modifier m) {
                if (m.name().equals("redirect")) {
                    if (redirect != null) {
                        throw new SpfSyntaxException("more than one redirect= modifier");
                    }
                    redirect = m;
                } else if (m.name().equals("exp")) {
                    if (exp != null) {
                        throw new SpfSyntaxException("more than one exp= modifier");
                    }
                    exp = m;
                }
            }
            terms.add(t);
        }
        return new SpfRecord(text, terms, redirect, exp);
    }

    static Term parseTerm(String raw) throws SpfSyntaxException {
        int nameEnd = 0;
        while (nameEnd < raw.length() && raw.charAt(nameEnd) != ':' && raw.charAt(nameEnd) != '/' && raw.charAt(nameEnd) != '=') {
            nameEnd++;
        }
        if (nameEnd < raw.length() && raw.charAt(nameEnd) == '=') {
            String name = raw.substring(0, nameEnd);
            if (!MOD_NAME.matcher(name).matches()) {
                throw new SpfSyntaxException("'" + raw + "' is not a valid modifier");
            }
            String lname = name.toLowerCase(Locale.ROOT);
            String value = raw.substring(nameEnd + 1);
            if (lname.equals("redirect") || lname.equals("exp")) {
                checkDomainSpec(value, raw);
            } else {
                SpfMacros.checkMacroString(value, false);
            }
            return new Modifier(raw, lname, value);
        }
        SpfResult.Result q = SpfResult.Result.PASS;
        String body = raw;
        char first = raw.charAt(0);
        if (first == '+' || first == '-' || first == '~' || first == '?') {
            q = switch (first) {
                case '-' -> SpfResult.Result.FAIL;
                case '~' -> SpfResult.Result.SOFTFAIL;
                case '?' -> SpfResult.Result.NEUTRAL;
                default -> SpfResult.Result.PASS;
            };
            body = raw.substring(1);
        }
        int end = 0;
        while (end < body.length() && body.charAt(end) != ':' && body.charAt(end) != '/') {
            end++;
        }
        String name = body.substring(0, end).toLowerCase(Locale.ROOT);
        String rest = body.substring(end);
        switch (name) {
            case "all" -> {
                if (!rest.isEmpty()) {
                    throw new SpfSyntaxException("'" + raw + "': 'all' takes no argument");
                }
                return new Mechanism(raw, q, Kind.ALL, null, null, 32, 128);
            }
            case "include", "exists" -> {
                if (!rest.startsWith(":") || rest.length() == 1) {
                    throw new SpfSyntaxException("'" + raw + "': " + name + " needs ':' and a domain");
                }
                String spec = rest.substring(1);
                checkDomainSpec(spec, raw);
                return new Mechanism(raw, q, name.equals("include") ? Kind.INCLUDE : Kind.EXISTS, spec, null, 32, 128);
            }
            case "a", "mx" -> {
                Matcher m = CIDR_TAIL.matcher(rest);
                if (!m.matches()) {
                    throw new SpfSyntaxException("'" + raw + "' is not valid");
                }
                String spec = m.group(1);
                int c4 = cidr(m.group(2), 32, raw);
                int c6 = cidr(m.group(3), 128, raw);
                String domain = null;
                if (!spec.isEmpty()) {
                    if (!spec.startsWith(":") || spec.length() == 1) {
                        throw new SpfSyntaxException("'" + raw + "' is not valid");
                    }
                    domain = spec.substring(1);
                    checkDomainSpec(domain, raw);
                }
                return new Mechanism(raw, q, name.equals("a") ? Kind.A : Kind.MX, domain, null, c4, c6);
            }
            case "ptr" -> {
                String domain = null;
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":") || rest.length() == 1) {
                        throw new SpfSyntaxException("'" + raw + "' is not valid");
                    }
                    domain = rest.substring(1);
                    checkDomainSpec(domain, raw);
                }
                return new Mechanism(raw, q, Kind.PTR, domain, null, 32, 128);
            }
            case "ip4" -> {
                if (!rest.startsWith(":")) {
                    throw new SpfSyntaxException("'" + raw + "': ip4 needs ':' and an address");
                }
                String v = rest.substring(1);
                int slash = v.indexOf('/');
                String addr = slash < 0 ? v : v.substring(0, slash);
                int c4 = slash < 0 ? 32 : cidr(v.substring(slash + 1), 32, raw);
                Optional<InetAddress> a = IpAddresses.parse(addr);
                if (a.isEmpty() || a.get().getAddress().length != 4 || addr.contains(":")) {
                    throw new SpfSyntaxException("'" + raw + "': '" + addr + "' is not an IPv4 address");
                }
                return new Mechanism(raw, q, Kind.IP4, null, a.get(), c4, 128);
            }
            case "ip6" -> {
                if (!rest.startsWith(":")) {
                    throw new SpfSyntaxException("'" + raw + "': ip6 needs ':' and an address");
                }
                String v = rest.substring(1);
                int slash = v.indexOf('/');
                String addr = slash < 0 ? v : v.substring(0, slash);
                int c6 = slash < 0 ? 128 : cidr(v.substring(slash + 1), 128, raw);
                Optional<InetAddress> a = addr.contains(":") ? IpAddresses.parse(addr) : Optional.empty();
                if (a.isEmpty()) {
                    throw new SpfSyntaxException("'" + raw + "': '" + addr + "' is not an IPv6 address");
                }
                byte[] b = IpAddresses.ipv6Bytes(addr);
                try {
                    return new Mechanism(raw, q, Kind.IP6, null, java.net.Inet6Address.getByAddress(null, b, null), 32, c6);
                } catch (java.net.UnknownHostException e) {
                    throw new SpfSyntaxException("'" + raw + "': '" + addr + "' is not an IPv6 address");
                }
            }
            default -> throw new SpfSyntaxException("'" + raw + "' is not a known mechanism"
                    + (name.isEmpty() ? "" : " ('" + name + "')"));
        }
    }

    private static int cidr(String digits, int max, String raw) throws SpfSyntaxException {
        if (digits == null) {
            return max;
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || (digits.length() > 1 && digits.startsWith("0")) || digits.length() > 3) {
            throw new SpfSyntaxException("'" + raw + "': bad prefix length '/" + digits + "'");
        }
        int n = Integer.parseInt(digits);
        if (n > max) {
            throw new SpfSyntaxException("'" + raw + "': prefix length /" + n + " is more than " + max);
        }
        return n;
    }

    /** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand. */
    static void checkDomainSpec(String spec, String raw) throws SpfSyntaxException {
        if (spec.isEmpty()) {
            throw new SpfSyntaxException("'" + raw + "': empty domain");
        }
        SpfMacros.checkMacroString(spec, false);
        if (SpfMacros.endsWithMacro(spec)) {
            return;
        }
        String s = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        int dot = s.lastIndexOf('.');
        if (dot < 0) {
            throw new SpfSyntaxException("'" + raw + "': '" + spec + "' is not a fully qualified domain name");
        }
        String top = s.substring(dot + 1);
        if (!isTopLabel(top)) {
            throw new SpfSyntaxException("'" + raw + "': '" + top + "' cannot be the last label of a domain");
        }
    }

    /** toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
    static boolean isTopLabel(String t) {
        if (t.isEmpty()) {
            return false;
        }
        boolean alpha = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean an = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!an && c != '-') {
                return false;
            }
            alpha |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        if (t.startsWith("-") || t.endsWith("-")) {
            return false;
        }
        return alpha || t.contains("-");
    }
}
