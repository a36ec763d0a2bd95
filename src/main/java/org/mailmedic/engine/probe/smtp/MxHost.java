package org.mailmedic.engine.probe.smtp;

import java.util.List;

/**
 * One mail exchanger to check, as the MX lookup found it.
 *
 * @param name       the MX target host name (no trailing dot needed)
 * @param preference the MX preference (lower is tried first by senders)
 * @param addresses  its IPv4/IPv6 addresses as literals; empty means "resolve them through
 *                   {@link SmtpOptions#resolver()}"
 */
public record MxHost(String name, int preference, List<String> addresses) {

    public MxHost {
        name = stripDot(name);
        addresses = List.copyOf(addresses);
    }

    static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
