package org.mailmedic.engine.probe.dns;

/**
 * The one way MailMedic asks DNS anything. Implementations carry their own deadline and retry
 * policy and never throw for DNS outcomes (timeouts, SERVFAIL, NXDOMAIN, garbage): those come
 * back inside the {@link DnsAnswer}. Tests substitute a resolver pointed at a loopback fixture.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1035">RFC 1035</a>
 */
public interface Dns {

    /**
     * Looks up {@code name} (an absolute or relative domain name, ASCII/IDNA form) for one
     * record type, e.g. {@code org.xbill.DNS.Type.MX}.
     */
    DnsAnswer query(String name, int type);
}
