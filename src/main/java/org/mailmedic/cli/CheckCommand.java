package org.mailmedic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsEvidence;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.mailmedic.engine.report.Json;

/**
 * {@code mailmedic check DOMAIN}: every live DNS check of a domain (MX, reverse DNS, SPF, DMARC,
 * DKIM, MTA-STS/TLS-RPT records, blacklists). {@code --smtp-port} is accepted and passed on for
 * the SMTP/TLS checks, which are registered separately.
 */
final class CheckCommand implements Command {

    private static final Set<String> FLAGS = Set.of("--json", "--verbose");
    private static final Set<String> VALUED = Set.of("--dns", "--smtp-port", "--timeout", "--ip", "--helo", "--dkim",
            "--dnsbl", "--forwarder", "--forwarder-domain");

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "check DOMAIN [--dns HOST:PORT] [--smtp-port N] [--timeout SECONDS] [--json]"
                + " [--ip SENDING_IP] [--helo NAME] [--dkim SELECTOR,...] [--dnsbl ZONE,...]"
                + " [--forwarder IP [--forwarder-domain DOMAIN]] [--verbose]";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws UsageException {
        Args a = Args.parse(args, FLAGS, VALUED);
        if (a.positional().size() != 1) {
            throw new UsageException(a.positional().isEmpty() ? "name the domain to check" : "check one domain at a time");
        }
        Duration timeout = DnsOptions.timeout(a, 5);
        Dns dns = DnsOptions.resolver(a, timeout);
        int smtpPort = a.intValue("--smtp-port", 25, 1, 65535);
        for (String ipOpt : List.of("--ip", "--forwarder")) {
            String v = a.value(ipOpt);
            if (v != null && !IpAddresses.isLiteral(v)) {
                throw new UsageException(ipOpt + ": '" + v + "' is not an IP address");
            }
        }
        DomainCheckOptions options = DomainCheckOptions.defaults().withQueryTimeout(timeout).withSmtpPort(smtpPort)
                .withSendingIp(a.value("--ip"), a.value("--helo"))
                .withForwarder(a.value("--forwarder"), a.value("--forwarder-domain"));
        if (a.value("--dkim") != null) {
            options = options.withDkimSelectors(split(a.value("--dkim")));
        }
        if (a.value("--dnsbl") != null) {
            options = options.withDnsbls(split(a.value("--dnsbl")));
        }
        DomainCheckResult r = new DomainCheck(dns).run(a.positional().get(0), options, null);
        if (r.domain() == null) {
            ctx.err().println("mailmedic check: " + r.checks().get(0).headline());
            return Cli.BAD_INPUT;
        }
        if (a.flag("--json")) {
            try {
                ctx.out().println(Json.mapper().writeValueAsString(r));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            print(r, ctx.out(), a.flag("--verbose"));
        }
        return Cli.OK;
    }

    static List<String> split(String v) {
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static void print(DomainCheckResult r, PrintStream out, boolean verbose) {
        out.println("Live check of " + r.display() + " (DNS: " + r.resolver() + ")");
        out.println();
        for (CheckResult c : r.checks()) {
            out.println(tag(c) + " " + c.title() + ": " + c.headline());
            for (String d : c.details()) {
                out.println("       - " + d);
            }
            if (c.trace() != null && (verbose || c.id().startsWith("spf"))) {
                out.println("       Trace:");
                for (String line : c.trace().render().split("\n")) {
                    out.println("         " + line);
                }
            }
            if (verbose) {
                for (DnsEvidence e : c.dns()) {
                    out.println("       ? " + e.describe());
                }
            }
        }
        out.println();
        out.println("Overall: " + r.status().name() + " — " + r.checks().size() + " checks, " + r.dnsQueries()
                + " DNS questions, " + r.elapsedMs() + " ms." + (verbose ? "" : " (--verbose shows every DNS answer)"));
    }

    static String tag(CheckResult c) {
        return "[" + c.status().name().toLowerCase(Locale.ROOT) + "]" + " ".repeat(Math.max(0, 5 - c.status().name().length()));
    }
}
