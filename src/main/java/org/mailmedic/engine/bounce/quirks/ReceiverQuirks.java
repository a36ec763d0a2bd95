package org.mailmedic.engine.bounce.quirks;

import java.util.List;

/**
 * Reasons that only a specific receiving provider's wording or private codes reveal, kept apart
 * from the general classifier (providers change their texts; one class per provider).
 */
public final class ReceiverQuirks {

    /** One provider's rules. */
    public interface Quirk {
        /** Whether the remote host (lower-case) or the bounce's family belongs to this provider. */
        boolean owns(String remoteHost, String family, String diagLower);

        /** The reason its wording implies, or "" to let the general rules decide. */
        String reason(String status, String diagLower);

        /** As {@link #reason(String, String)}, for providers whose codes mean different things per SMTP stage. */
        default String reason(String status, String diagLower, String command) {
            return reason(status, diagLower);
        }
    }

    private static final List<Quirk> ALL = List.of(new Google(), new Microsoft(), new Orange(), new Cox(), new Spectrum(),
            new Kddi(), new NttDocomo(), new Mimecast(), new Facebook());

    private ReceiverQuirks() {
    }

    /** The provider-specific reason, or ""; {@code hostAndFamily} is "remote-host family" ("mx.b.example postfix"). */
    public static String reason(String hostAndFamily, String status, String diagLower) {
        return reason(hostAndFamily, status, diagLower, "");
    }

    /**
     * The provider-specific reason, or "". {@code hostAndFamily} is "remote-host family" and may
     * end with " recipient-domain": a bounce that does not name the refusing host is still the
     * recipient provider's answer when the recipient's domain is that provider's (au's
     * ezweb.ne.jp), as sisimai also reads it.
     */
    public static String reason(String hostAndFamily, String status, String diagLower, String command) {
        String[] parts = hostAndFamily.split(" ", 3);
        String host = parts[0];
        String family = parts.length > 1 ? parts[1] : "";
        String domain = parts.length > 2 ? parts[2].strip() : "";
        for (Quirk q : ALL) {
            if (q.owns(host, family, diagLower) || !domain.isEmpty() && q.owns(domain, family, diagLower)) {
                String r = q.reason(status, diagLower, command);
                if (!r.isEmpty()) {
                    return r;
                }
            }
        }
        return "";
    }
}
