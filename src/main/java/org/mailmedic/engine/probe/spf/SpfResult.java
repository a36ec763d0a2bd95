package org.mailmedic.engine.probe.spf;

import java.util.Locale;
import org.mailmedic.engine.probe.TraceNode;

/**
 * The outcome of one SPF {@code check_host()} evaluation, with the tree of how it was reached.
 *
 * @param result      the RFC 7208 result
 * @param explanation for {@code fail}: the domain's {@code exp=} text or the default; else null
 * @param reason      why, in one plain sentence (which term matched, which limit was hit…)
 * @param ip          the client address evaluated
 * @param domain      the domain whose policy was evaluated
 * @param sender      the MAIL FROM (or postmaster@HELO) used for macros
 * @param helo        the HELO/EHLO name
 * @param lookups     DNS-querying terms evaluated (the limit is 10)
 * @param voidLookups lookups that found nothing (the limit is 2)
 * @param trace       the evaluation tree: includes/redirects, each term, each DNS query
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7208#section-2.6">RFC 7208 2.6 (results)</a>
 */
public record SpfResult(Result result, String explanation, String reason, String ip, String domain, String sender,
        String helo, int lookups, int voidLookups, TraceNode trace) {

    /** RFC 7208 2.6. */
    public enum Result {
        PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR;

        /** The RFC's lower-case name, e.g. {@code softfail}. */
        public String rfcName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** What the result means for a receiver, in plain words. */
        public String meaning() {
            return switch (this) {
                case PASS -> "the address is authorized to send for the domain";
                case FAIL -> "the domain says this address is NOT authorized: receivers may reject the mail";
                case SOFTFAIL -> "the domain says this address is probably not authorized (mail usually accepted but marked)";
                case NEUTRAL -> "the domain makes no claim about this address";
                case NONE -> "the domain publishes no SPF policy";
                case PERMERROR -> "the domain's SPF policy is broken and cannot be evaluated: receivers may treat it as a failure";
                case TEMPERROR -> "a temporary DNS error stopped the evaluation; receivers will usually defer the mail";
            };
        }
    }
}
