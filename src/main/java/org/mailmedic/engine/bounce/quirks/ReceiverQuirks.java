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
    }

    private static final List<Quirk> ALL = List.of(new Google(), new Microsoft(), new Orange(), new Cox(), new Spectrum());

    private ReceiverQuirks() {
    }

    /** The provider-specific reason, or ""; {@code hostAndFamily} is "remote-host family" ("mx.b.example postfix"). */
    public static String reason(String hostAndFamily, String status, String diagLower) {
        int sp = hostAndFamily.indexOf(' ');
        String host = sp < 0 ? hostAndFamily : hostAndFamily.substring(0, sp);
        String family = sp < 0 ? "" : hostAndFamily.substring(sp + 1);
        for (Quirk q : ALL) {
            if (q.owns(host, family, diagLower)) {
                String r = q.reason(status, diagLower);
                if (!r.isEmpty()) {
                    return r;
                }
            }
        }
        return "";
    }
}
