package org.mailmedic.engine.probe.dmarc;

import crawlercommons.domains.EffectiveTldFinder;
import java.util.Locale;

/**
 * The organizational domain of RFC 7489 3.2: the public suffix (from the Public Suffix List)
 * plus one label. The list comes bundled inside crawler-commons, so no network is needed; its
 * private section (e.g. blogspot.com) counts too, as in OpenDMARC.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7489#section-3.2">RFC 7489 3.2</a>
 */
public final class OrganizationalDomain {

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    private OrganizationalDomain() {
    }

    /**
     * Loads the list in the background (it takes a moment, seconds on a slow machine), so the first
     * DMARC check does not wait for it. Idempotent.
     */
    public static void warmUp() {
        if (WARMING.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                // IDNA tables and dnsjava's wire classes load on first use too: take that cost here.
                java.net.IDN.toASCII("bücher.example");
                of("warm.example.com");
            }, "mailmedic-psl-load");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The organizational domain of an ASCII domain name; the name itself when the list does not know its suffix. */
    public static String of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            String org = EffectiveTldFinder.getAssignedDomain(d, true, false);
            return org == null || org.isEmpty() ? d : org;
        } catch (RuntimeException e) {
            return d;
        }
    }
}
