package org.mailmedic.engine.bounce.quirks;

import java.util.List;

/**
 * Reasons that only a specific receiving provider's wording or private codes reveal, kept apart
 * from the general classifier (providers change their texts; one class per provider).
 */
public final class ReceiverQuirks {

    /** One provider's rules. */
    public interface Quirk {
        /**
         * Whether the remote host belongs to this provider; {@code host} is "remote-host family"
         * (the recognizer's family name after a space, e.g. "mx.b.example office365").
         */
        boolean owns(String remoteHost, String diagLower);

        /** The reason its wording implies, or "" to let the general rules decide. */
        String reason(String status, String diagLower);
    }

    private static final List<Quirk> ALL = List.of(new Google(), new Microsoft(), new Orange());

    private ReceiverQuirks() {
    }

    /** The provider-specific reason, or "". */
    public static String reason(String remoteHost, String status, String diagLower) {
        for (Quirk q : ALL) {
            if (q.owns(remoteHost, diagLower)) {
                String r = q.reason(status, diagLower);
                if (!r.isEmpty()) {
                    return r;
                }
            }
        }
        return "";
    }
}
