package org.mailmedic.engine.probe.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mailmedic.engine.probe.TraceNode;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.mailmedic.engine.probe.dns.DnsEvidence;
import org.mailmedic.engine.probe.dns.DnsNames;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.mailmedic.engine.probe.spf.SpfRecord.Kind;
import org.mailmedic.engine.probe.spf.SpfRecord.Mechanism;
import org.mailmedic.engine.probe.spf.SpfRecord.Modifier;
import org.mailmedic.engine.probe.spf.SpfResult.Result;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * An RFC 7208 {@code check_host()} evaluator: for a client IP, a domain, the MAIL FROM and the
 * HELO name it answers pass/fail/softfail/neutral/none/permerror/temperror, exactly as a
 * receiving server would. It reads the domain's TXT records (only TXT: RFC 7208 3.1 retired the
 * SPF RR type), every mechanism and modifier, macros, {@code exp=}, and enforces the limits —
 * 10 DNS-querying terms, 2 void lookups, 10 MX names per {@code mx}, 10 PTR names per
 * {@code ptr}, an overall time budget. It reports a trace tree: each include/redirect, each
 * term with its result, each DNS answer it used, and the lookup count reached.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7208#section-4">RFC 7208 4 (check_host)</a>
 */
public final class SpfEvaluator {

    public static final int MAX_LOOKUPS = 10;
    public static final int MAX_VOID_LOOKUPS = 2;
    public static final int MAX_NAMES = 10;
    /** Used when the domain gives no exp= (the wording of common MTAs). */
    public static final String DEFAULT_EXPLANATION = "%{i} is not one of %{d}'s designated mail servers.";

    private final Dns dns;
    private final String defaultExplanation;
    private final String receivingDomain;
    private final Clock clock;
    private final Duration budget;

    public SpfEvaluator(Dns dns) {
        this(dns, DEFAULT_EXPLANATION, "unknown", Clock.systemUTC(), Duration.ofSeconds(20));
    }

    /**
     * @param defaultExplanation explanation macro-string when the domain has no usable exp=
     * @param receivingDomain    the value of %{r}
     * @param budget             the whole evaluation's time limit (RFC 7208 4.6.4: at least 20 s)
     */
    public SpfEvaluator(Dns dns, String defaultExplanation, String receivingDomain, Clock clock, Duration budget) {
        this.dns = dns;
        this.defaultExplanation = defaultExplanation;
        this.receivingDomain = receivingDomain;
        this.clock = clock;
        this.budget = budget;
    }

    /**
     * Evaluates the MAIL FROM identity as a receiver does: the domain of {@code mailFrom}, or —
     * with a null sender ({@code ""} or {@code <>}) — the HELO name with sender
     * {@code postmaster@HELO}. A bare domain counts as {@code postmaster@domain}.
     */
    public SpfResult checkMailFrom(String ip, String mailFrom, String helo) {
        String mf = mailFrom == null ? "" : mailFrom.strip();
        if (mf.startsWith("<") && mf.endsWith(">")) {
            mf = mf.substring(1, mf.length() - 1);
        }
        String h = helo == null ? "" : helo.strip();
        if (mf.isEmpty()) {
            return checkHost(ip, h, "postmaster@" + h, h);
        }
        int at = mf.lastIndexOf('@');
        String domain = at < 0 ? mf : mf.substring(at + 1);
        String sender = at < 0 ? "postmaster@" + mf : at == 0 ? "postmaster" + mf : mf;
        return checkHost(ip, domain, sender, h);
    }

    /**
     * RFC 7208 4: {@code check_host(ip, domain, sender)}.
     *
     * @param ip     the SMTP client's address (IPv4 or IPv6 text; IPv4-mapped IPv6 counts as IPv4)
     * @param domain the domain whose policy is evaluated
     * @param sender the MAIL FROM address (local part empty → postmaster)
     * @param helo   the HELO/EHLO name (for %{h})
     */
    public SpfResult checkHost(String ip, String domain, String sender, String helo) {
        String d = domain == null ? "" : domain.strip();
        TraceNode.Builder root = new TraceNode.Builder("check_host(" + ip + ", " + d + ")");
        Optional<InetAddress> addr = IpAddresses.parse(ip);
        if (addr.isEmpty()) {
            root.outcome("permerror").note("'" + ip + "' is not an IP address");
            return new SpfResult(Result.PERMERROR, null, "'" + ip + "' is not an IP address", ip, d, sender, helo, 0, 0,
                    root.build());
        }
        Run run = new Run(IpAddresses.unmap(addr.get()), sender == null ? "" : sender, d, helo == null ? "" : helo);
        Result result;
        String reason;
        String explanation = null;
        try {
            Outcome o = run.checkHost(d, root, 0);
            result = o.result;
            reason = o.reason;
            if (result == Result.FAIL) {
                explanation = run.explanation(o, root);
            }
        } catch (Abort a) {
            result = a.result;
            reason = a.getMessage();
        } catch (RuntimeException e) {
            // A bug of ours must not become an exception for the user: say what happened.
            result = Result.TEMPERROR;
            reason = "internal error while evaluating (" + e + "); please report it";
        }
        root.outcome(result.rfcName());
        return new SpfResult(result, explanation, reason, ip, d, run.sender, helo, run.lookups, run.voids, root.build());
    }

    /** A permerror or temperror that ends the whole evaluation. */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
        final Result result;

        Abort(Result result, String message) {
            super(message, null, false, false);
            this.result = result;
        }
    }

    /** The result of one check_host level, and the record whose exp= applies to a fail. */
    private record Outcome(Result result, String reason, SpfRecord record, String domain) {
    }

    private final class Run {
        final InetAddress ip;
        final boolean v6;
        final String sender;
        final String local;
        final String senderDomain;
        final String helo;
        final long deadline;
        int lookups;
        int voids;
        String pValue;

        Run(InetAddress ip, String sender, String domain, String helo) {
            this.ip = ip;
            this.v6 = !(ip instanceof Inet4Address);
            int at = sender.lastIndexOf('@');
            String l = at < 0 ? "" : sender.substring(0, at);
            String sd = at < 0 ? domain : sender.substring(at + 1);
            if (l.isEmpty()) {
                l = "postmaster";
            }
            this.local = l;
            this.senderDomain = sd;
            this.sender = l + "@" + sd;
            this.helo = helo;
            this.deadline = System.nanoTime() + budget.toNanos();
        }

        Outcome checkHost(String domain, TraceNode.Builder node, int depth) throws Abort {
            String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
            Optional<String> bad = malformed(d);
            if (bad.isPresent()) {
                node.outcome("none").note("'" + domain + "' is not a usable domain: " + bad.get());
                return new Outcome(Result.NONE, "'" + domain + "' is not a usable domain name (" + bad.get() + ")", null, d);
            }
            DnsAnswer txt = query(d, Type.TXT, node);
            if (txt.nxdomain()) {
                node.outcome("none").note("the domain does not exist");
                return new Outcome(Result.NONE, d + " does not exist (NXDOMAIN)", null, d);
            }
            if (txt.failed()) {
                node.outcome("temperror");
                throw new Abort(Result.TEMPERROR, "the TXT lookup for " + d + " failed: " + failure(txt));
            }
            List<String> spf = txt.texts().stream().filter(SpfRecord::isSpf1).toList();
            if (spf.isEmpty()) {
                node.outcome("none").note("no TXT record starts with v=spf1");
                return new Outcome(Result.NONE, d + " publishes no SPF record", null, d);
            }
            if (spf.size() > 1) {
                node.outcome("permerror");
                for (String s : spf) {
                    node.note("record: " + s);
                }
                throw new Abort(Result.PERMERROR, d + " publishes " + spf.size()
                        + " SPF records; exactly one is allowed (RFC 7208 4.5)");
            }
            node.note("record: " + spf.get(0));
            SpfRecord rec;
            try {
                rec = SpfRecord.parse(spf.get(0));
            } catch (SpfSyntaxException e) {
                node.outcome("permerror").note("syntax error: " + e.getMessage());
                throw new Abort(Result.PERMERROR, "the SPF record of " + d + " has a syntax error: " + e.getMessage());
            }
            for (SpfRecord.Term term : rec.terms()) {
                if (!(term instanceof Mechanism m)) {
                    continue;
                }
                TraceNode.Builder t = node.child(m.text());
                boolean match;
                try {
                    match = evaluate(m, d, t, depth);
                } catch (Abort a) {
                    t.outcome(a.result.rfcName()).note(a.getMessage());
                    node.outcome(a.result.rfcName());
                    throw a;
                }
                t.lookups(lookups);
                if (match) {
                    t.outcome("match → " + m.qualifier().rfcName());
                    node.outcome(m.qualifier().rfcName());
                    return new Outcome(m.qualifier(), "'" + m.text() + "' in the SPF record of " + d + " matched", rec, d);
                }
                if (t.outcome().isEmpty()) {
                    t.outcome("no match");
                }
            }
            if (rec.redirect() != null) {
                Modifier r = (Modifier) rec.redirect();
                TraceNode.Builder t = node.child(r.text());
                countLookup(t, r.text());
                String target = expandDomain(r.value(), d, t);
                TraceNode.Builder sub = t.child("check_host(" + ip(ip) + ", " + target + ")");
                Outcome o;
                try {
                    o = checkHost(target, sub, depth + 1);
                } catch (Abort a) {
                    t.outcome(a.result.rfcName());
                    node.outcome(a.result.rfcName());
                    throw a;
                }
                if (o.result == Result.NONE) {
                    t.outcome("permerror");
                    node.outcome("permerror");
                    throw new Abort(Result.PERMERROR, "redirect=" + target + " points at a domain with no SPF record ("
                            + o.reason + ")");
                }
                t.outcome(o.result.rfcName());
                node.outcome(o.result.rfcName());
                return o;
            }
            node.outcome("neutral").note("nothing matched and there is no redirect=: the default is neutral");
            return new Outcome(Result.NEUTRAL, "nothing in the SPF record of " + d + " matched (default neutral)", rec, d);
        }

        boolean evaluate(Mechanism m, String domain, TraceNode.Builder t, int depth) throws Abort {
            switch (m.kind()) {
                case ALL:
                    return true;
                case IP4:
                    if (v6) {
                        t.outcome("no match").note("the client address is IPv6");
                        return false;
                    }
                    return inNetwork(ip, m.network(), m.cidr4());
                case IP6:
                    if (!v6) {
                        t.outcome("no match").note("the client address is IPv4");
                        return false;
                    }
                    return inNetwork(ip, m.network(), m.cidr6());
                default:
                    break;
            }
            countLookup(t, m.text());
            String target = m.domainSpec() == null ? domain : expandDomain(m.domainSpec(), domain, t);
            switch (m.kind()) {
                case INCLUDE: {
                    TraceNode.Builder sub = t.child("check_host(" + ip(ip) + ", " + target + ")");
                    Outcome o = checkHost(target, sub, depth + 1);
                    switch (o.result) {
                        case PASS:
                            return true;
                        case FAIL, SOFTFAIL, NEUTRAL:
                            t.outcome("no match (included policy: " + o.result.rfcName() + ")");
                            return false;
                        default:
                            throw new Abort(Result.PERMERROR, "include:" + target + " found no SPF record (" + o.reason
                                    + "): an include must point at a published SPF record");
                    }
                }
                case A: {
                    DnsAnswer a = query(target, v6 ? Type.AAAA : Type.A, t);
                    if (checkVoid(a, t, m)) {
                        return false;
                    }
                    return anyInNetwork(a.records(), v6 ? m.cidr6() : m.cidr4());
                }
                case MX: {
                    DnsAnswer mx = query(target, Type.MX, t);
                    if (checkVoid(mx, t, m)) {
                        return false;
                    }
                    if (mx.records().size() > MAX_NAMES) {
                        throw new Abort(Result.PERMERROR, "'" + m.text() + "': " + target + " has " + mx.records().size()
                                + " MX records; more than " + MAX_NAMES + " is a permerror (RFC 7208 4.6.4)");
                    }
                    if (dns instanceof org.mailmedic.engine.probe.dns.DnsSession session) {
                        // Ask for every MX host's address at once; the loop below then finds them cached.
                        for (Record r : mx.records()) {
                            String host = strip(((MXRecord) r).getTarget().toString());
                            if (!host.isEmpty()) {
                                session.async(host, v6 ? Type.AAAA : Type.A);
                            }
                        }
                    }
                    for (Record r : mx.records()) {
                        String host = strip(((MXRecord) r).getTarget().toString());
                        if (host.isEmpty()) {
                            continue; // null MX (RFC 7505)
                        }
                        DnsAnswer a = query(host, v6 ? Type.AAAA : Type.A, t);
                        if (a.failed() && !invalidName(a)) {
                            throw new Abort(Result.TEMPERROR, "'" + m.text() + "': the address lookup of MX host " + host
                                    + " failed: " + failure(a));
                        }
                        if (anyInNetwork(a.records(), v6 ? m.cidr6() : m.cidr4())) {
                            return true;
                        }
                    }
                    return false;
                }
                case PTR: {
                    List<String> names = validatedNames(t);
                    String td = target.toLowerCase(Locale.ROOT);
                    for (String n : names) {
                        String ln = n.toLowerCase(Locale.ROOT);
                        if (ln.equals(td) || ln.endsWith("." + td)) {
                            t.note("validated name " + n + " is within " + target);
                            return true;
                        }
                    }
                    return false;
                }
                case EXISTS: {
                    DnsAnswer a = query(target, Type.A, t);
                    if (checkVoid(a, t, m)) {
                        return false;
                    }
                    return !a.records().isEmpty();
                }
                default:
                    throw new IllegalStateException(m.kind().toString());
            }
        }

        /** True when the answer is void (NXDOMAIN/NODATA: counted); throws temperror on a DNS failure. */
        boolean checkVoid(DnsAnswer a, TraceNode.Builder t, Mechanism m) throws Abort {
            if (a.failed() && !invalidName(a)) {
                throw new Abort(Result.TEMPERROR, "'" + m.text() + "': the DNS lookup of " + a.name() + " failed: "
                        + failure(a));
            }
            if (a.nxdomain() || a.nodata() || invalidName(a)) {
                voids++;
                t.note("void lookup " + voids + "/" + MAX_VOID_LOOKUPS + " (" + (a.nxdomain() ? "NXDOMAIN" : invalidName(a)
                        ? "invalid name" : "no records") + ")");
                if (voids > MAX_VOID_LOOKUPS) {
                    throw new Abort(Result.PERMERROR, "more than " + MAX_VOID_LOOKUPS
                            + " DNS lookups found nothing (void lookup limit, RFC 7208 4.6.4); the last was " + a.name());
                }
                return true;
            }
            return false;
        }

        void countLookup(TraceNode.Builder t, String term) throws Abort {
            lookups++;
            t.lookups(lookups);
            if (lookups > MAX_LOOKUPS) {
                throw new Abort(Result.PERMERROR, "'" + term + "' is DNS lookup number " + lookups + ": more than "
                        + MAX_LOOKUPS + " is a permerror (RFC 7208 4.6.4)");
            }
        }

        /** PTR names of the client that resolve back to it (at most 10 looked at). */
        List<String> validatedNames(TraceNode.Builder t) throws Abort {
            DnsAnswer ptr = query(IpAddresses.reverseName(ip), Type.PTR, t);
            List<String> out = new ArrayList<>();
            if (!ptr.ok()) {
                return out;
            }
            List<Record> names = ptr.records();
            if (names.size() > MAX_NAMES) {
                t.note(names.size() + " PTR names: only the first " + MAX_NAMES + " are looked at (RFC 7208 4.6.4)");
                names = names.subList(0, MAX_NAMES);
            }
            if (dns instanceof org.mailmedic.engine.probe.dns.DnsSession session) {
                for (Record r : names) {
                    session.async(strip(((PTRRecord) r).getTarget().toString()), v6 ? Type.AAAA : Type.A);
                }
            }
            for (Record r : names) {
                String n = strip(((PTRRecord) r).getTarget().toString());
                DnsAnswer a = query(n, v6 ? Type.AAAA : Type.A, t);
                if (a.ok() && a.records().stream().anyMatch(x -> ip.equals(address(x)))) {
                    out.add(n);
                }
            }
            return out;
        }

        String expandDomain(String spec, String domain, TraceNode.Builder t) throws Abort {
            String s;
            try {
                s = SpfMacros.expand(spec, false, letter -> value(letter, domain, t));
            } catch (SpfSyntaxException e) {
                throw new Abort(Result.PERMERROR, e.getMessage());
            }
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
            while (s.length() > 253 && s.indexOf('.') > 0) {
                s = s.substring(s.indexOf('.') + 1);
            }
            if (!s.equals(spec)) {
                t.note(spec + " expands to " + s);
            }
            return s;
        }

        String value(char letter, String domain, TraceNode.Builder t) {
            return switch (letter) {
                case 's' -> sender;
                case 'l' -> local;
                case 'o' -> senderDomain;
                case 'd' -> domain;
                case 'i' -> v6 ? nibbles(ip) : ip.getHostAddress();
                case 'v' -> v6 ? "ip6" : "in-addr";
                case 'h' -> helo;
                case 'c' -> ip(ip);
                case 'r' -> receivingDomain;
                case 't' -> Long.toString(clock.instant().getEpochSecond());
                case 'p' -> pMacro(domain, t);
                default -> "";
            };
        }

        String pMacro(String domain, TraceNode.Builder t) {
            if (pValue == null) {
                List<String> found;
                try {
                    found = validatedNames(t);
                } catch (Abort e) {
                    found = List.of();
                }
                List<String> names = found;
                String d = domain.toLowerCase(Locale.ROOT);
                pValue = names.stream().filter(n -> n.equalsIgnoreCase(d)).findFirst()
                        .or(() -> names.stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith("." + d)).findFirst())
                        .or(() -> names.stream().findFirst())
                        .orElse("unknown");
            }
            return pValue;
        }

        String explanation(Outcome o, TraceNode.Builder root) {
            String fallback = expandExplanation(defaultExplanation, o.domain, root);
            if (o.record == null || o.record.exp() == null) {
                return fallback;
            }
            TraceNode.Builder t = root.child(o.record.exp().text());
            String target;
            try {
                target = expandDomain(((Modifier) o.record.exp()).value(), o.domain, t);
            } catch (Abort e) {
                t.outcome("ignored").note(e.getMessage());
                return fallback;
            }
            if (malformed(target).isPresent()) {
                t.outcome("ignored").note("not a usable domain name");
                return fallback;
            }
            DnsAnswer a;
            try {
                a = query(target, Type.TXT, t);
            } catch (Abort e) {
                t.outcome("ignored").note(e.getMessage());
                return fallback;
            }
            List<String> texts = a.ok() ? a.texts() : List.of();
            if (texts.size() != 1) {
                t.outcome("ignored").note(texts.isEmpty() ? "no explanation record" : "more than one TXT record");
                return fallback;
            }
            if (!texts.get(0).chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                t.outcome("ignored").note("the explanation is not plain 7-bit ASCII text (RFC 7208 6.2)");
                return fallback;
            }
            String e = expandExplanation(texts.get(0), o.domain, t);
            if (e == null) {
                t.outcome("ignored").note("the explanation has a macro error");
                return fallback;
            }
            t.outcome("explanation: " + e);
            return e;
        }

        String expandExplanation(String text, String domain, TraceNode.Builder t) {
            try {
                return SpfMacros.expand(text, true, letter -> value(letter, domain, t));
            } catch (SpfSyntaxException e) {
                return null;
            }
        }

        DnsAnswer query(String name, int type, TraceNode.Builder t) throws Abort {
            if (System.nanoTime() > deadline) {
                throw new Abort(Result.TEMPERROR, "the evaluation ran over its " + budget.toSeconds() + " s time limit");
            }
            DnsAnswer a;
            try {
                a = dns.query(name, type);
            } catch (RuntimeException e) {
                a = DnsAnswer.failure(name, type, "resolver error: " + e, Duration.ZERO, String.valueOf(dns));
            }
            t.dns(DnsEvidence.of(a));
            return a;
        }

        boolean anyInNetwork(List<Record> records, int prefix) {
            for (Record r : records) {
                InetAddress a = address(r);
                if (a != null && inNetwork(ip, a, prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Optional<String> malformed(String d) {
        if (d.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (d.startsWith("[") || IpAddresses.isLiteral(d)) {
            return Optional.of("it is an address literal, not a domain");
        }
        Optional<String> p = DnsNames.problem(d);
        if (p.isPresent()) {
            return p;
        }
        if (!d.contains(".")) {
            return Optional.of("it is a single label, not a fully qualified domain");
        }
        return Optional.empty();
    }

    private static boolean invalidName(DnsAnswer a) {
        return a.error() != null && a.error().startsWith("not a valid domain name");
    }

    private static String failure(DnsAnswer a) {
        return a.problem();
    }

    static InetAddress address(Record r) {
        if (r instanceof ARecord a) {
            return a.getAddress();
        }
        if (r instanceof AAAARecord a) {
            return a.getAddress();
        }
        return null;
    }

    static boolean inNetwork(InetAddress ip, InetAddress net, int prefix) {
        byte[] a = ip.getAddress();
        byte[] b = net.getAddress();
        if (a.length != b.length) {
            if (b.length == 16) {
                b = IpAddresses.unmap(net).getAddress();
                if (a.length != b.length) {
                    return false;
                }
                prefix = a.length == 4 ? Math.max(0, prefix - 96) : prefix;
            } else {
                return false;
            }
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    /** %{i} of an IPv6 address: 32 nibbles, dot-separated, upper case as in RFC 7208 7.4. */
    static String nibbles(InetAddress a) {
        StringBuilder sb = new StringBuilder();
        for (byte x : a.getAddress()) {
            int v = x & 0xff;
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(Character.toUpperCase(Character.forDigit(v >> 4, 16))).append('.')
                    .append(Character.toUpperCase(Character.forDigit(v & 0xf, 16)));
        }
        return sb.toString();
    }

    static String ip(InetAddress a) {
        return IpAddresses.text(a);
    }

    private static String strip(String n) {
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
