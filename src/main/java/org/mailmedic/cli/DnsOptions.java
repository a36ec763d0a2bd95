package org.mailmedic.cli;

import java.time.Duration;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.Resolvers;

/** The --dns and --timeout options shared by check and spf. */
final class DnsOptions {

    private DnsOptions() {
    }

    static Duration timeout(Args a, int defaultSeconds) throws UsageException {
        double s = a.doubleValue("--timeout", defaultSeconds, 0.1, 120);
        return Duration.ofMillis(Math.round(s * 1000));
    }

    static Dns resolver(Args a, Duration timeout) throws UsageException {
        String hp = a.value("--dns");
        if (hp == null) {
            return Resolvers.system(timeout);
        }
        try {
            return Resolvers.at(hp, timeout);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dns: " + e.getMessage());
        }
    }
}
