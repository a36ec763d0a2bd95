package org.mailmedic.engine.probe.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainProbe;
import org.mailmedic.engine.probe.ProbeContext;
import org.mailmedic.engine.probe.Status;
import org.mailmedic.engine.probe.dns.DnsAnswer;
import org.xbill.DNS.Type;

/**
 * Checks DKIM public keys. Reads {@code SELECTOR._domainkey.DOMAIN} TXT for the selectors given
 * (the {@code s=} of a DKIM-Signature in a bounce's original headers) or, when none is given, a
 * few widely used selectors in parallel. Reports per key: present, parses, key type and size
 * (under 1024 bits fails, RFC 8301; 1024 is weak), testing mode {@code t=y}, revoked keys.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6376#section-3.6.2">RFC 6376 3.6.2</a>
 */
public final class DkimCheck implements DomainProbe {

    public static final String TITLE = "DKIM keys";
    /** Selectors many providers and MTAs use; tried when the user names none. */
    public static final List<String> COMMON_SELECTORS = List.of("default", "selector1", "selector2", "google", "k1",
            "s1", "s2", "dkim", "mail", "smtp");

    @Override
    public String id() {
        return "dkim";
    }

    @Override
    public List<String> titles() {
        return List.of(TITLE);
    }

    @Override
    public CompletableFuture<List<CheckResult>> start(ProbeContext ctx) {
        boolean given = !ctx.options().dkimSelectors().isEmpty();
        List<String> selectors = given ? ctx.options().dkimSelectors() : COMMON_SELECTORS;
        List<CompletableFuture<DnsAnswer>> fs = selectors.stream()
                .map(s -> ctx.dns().async(s.strip() + "._domainkey." + ctx.ascii(), Type.TXT)).toList();
        return CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).thenApply(v ->
                List.of(evaluate(ctx.domain().display(), selectors, fs.stream().map(CompletableFuture::join).toList(), given)));
    }

    /** Judges the key answers, one per selector. */
    public static CheckResult evaluate(String display, List<String> selectors, List<DnsAnswer> answers, boolean given) {
        CheckResult.Builder b = new CheckResult.Builder("dkim", TITLE);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < selectors.size(); i++) {
            String sel = selectors.get(i);
            DnsAnswer a = answers.get(i);
            List<String> keys = a.texts().stream().filter(t -> t.contains("p=")).toList();
            if (given || !keys.isEmpty() || a.failed()) {
                b.dns(a);
            }
            if (a.failed()) {
                b.finding(Status.WARN, "Selector " + sel + ": the lookup " + a.name() + " failed (" + a.problem() + ").");
                continue;
            }
            if (keys.isEmpty()) {
                if (given) {
                    b.finding(Status.FAIL, "Selector " + sel + ": no DKIM key at " + a.name()
                            + "; receivers cannot verify signatures made with it.");
                }
                continue;
            }
            if (keys.size() > 1) {
                b.finding(Status.WARN, "Selector " + sel + ": " + a.name() + " has " + keys.size()
                        + " key records; receivers may pick either.");
            }
            DkimKey k = DkimKey.parse(keys.get(0));
            found.add(sel);
            String where = "Selector " + sel + " (" + a.name() + ")";
            if (!k.errors().isEmpty()) {
                b.finding(Status.FAIL, where + ": the key record is unusable: " + String.join("; ", k.errors()) + ".");
                continue;
            }
            if (k.revoked()) {
                b.finding(Status.WARN, where + ": the key is revoked (empty p=); signatures with it fail.");
                continue;
            }
            b.fact("dkim." + sel + ".bits", k.bits());
            String desc = where + ": " + k.keyType().toUpperCase(java.util.Locale.ROOT) + " " + k.bits() + "-bit key";
            if (k.keyType().equals("rsa") && k.bits() < 1024) {
                b.finding(Status.FAIL, desc + ": under 1024 bits, which receivers ignore (RFC 8301); publish a 2048-bit key.");
            } else if (k.keyType().equals("rsa") && k.bits() < 2048) {
                b.finding(Status.WARN, desc + ": works, but 2048 bits is the current recommendation.");
            } else {
                b.detail(desc + ".");
            }
            if (k.testing()) {
                b.finding(Status.WARN, where + ": testing mode (t=y): receivers treat its signatures as if the mail were unsigned.");
            }
        }
        b.fact("dkim.selectors", String.join(" ", found));
        if (found.isEmpty()) {
            if (given) {
                return b.raise(Status.FAIL).headline("No DKIM key found for " + display + " at selector"
                        + (selectors.size() > 1 ? "s " : " ") + String.join(", ", selectors) + ".").build();
            }
            return b.raise(Status.INFO).headline("No DKIM key at the common selectors (" + String.join(", ", selectors)
                    + "). Give your selector: the s= of the DKIM-Signature header of a mail you sent.").build();
        }
        return b.headline("DKIM key" + (found.size() > 1 ? "s" : "") + " found for selector" + (found.size() > 1 ? "s " : " ")
                + String.join(", ", found) + (b.status() == Status.PASS ? "; sound." : "; see the details.")).build();
    }
}
