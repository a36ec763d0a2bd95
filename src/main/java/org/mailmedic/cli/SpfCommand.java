package org.mailmedic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.mailmedic.engine.probe.spf.SpfEvaluator;
import org.mailmedic.engine.probe.spf.SpfResult;
import org.mailmedic.engine.report.Json;

/**
 * {@code mailmedic spf IP SENDER}: evaluates SPF (RFC 7208 check_host) for a client address and a
 * MAIL FROM (an address, a bare domain, or "" / "&lt;&gt;" for the null sender, which checks
 * the HELO name) and prints the result with its trace tree.
 */
final class SpfCommand implements Command {

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public String usage() {
        return "spf IP SENDER [--helo NAME] [--dns HOST:PORT] [--timeout SECONDS] [--json]";
    }

    @Override
    public int run(List<String> args, CliContext ctx) throws UsageException {
        Args a = Args.parse(args, Set.of("--json"), Set.of("--helo", "--dns", "--timeout"));
        if (a.positional().size() != 2) {
            throw new UsageException("give the client IP and the sender (MAIL FROM address or domain)");
        }
        String ip = a.positional().get(0);
        String sender = a.positional().get(1);
        if (!IpAddresses.isLiteral(ip)) {
            ctx.err().println("mailmedic spf: '" + ip + "' is not an IP address");
            return Cli.BAD_INPUT;
        }
        String helo = a.value("--helo", "");
        if ((sender.isBlank() || sender.equals("<>")) && helo.isBlank()) {
            ctx.err().println("mailmedic spf: with an empty sender the HELO name is checked: give --helo NAME");
            return Cli.BAD_INPUT;
        }
        Duration timeout = DnsOptions.timeout(a, 5);
        Dns dns = DnsOptions.resolver(a, timeout);
        SpfResult r = new SpfEvaluator(dns).checkMailFrom(ip, sender, helo);
        if (a.flag("--json")) {
            try {
                ctx.out().println(Json.mapper().writeValueAsString(r));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return Cli.OK;
        }
        ctx.out().println("SPF result: " + r.result().rfcName() + " — " + r.result().meaning() + ".");
        ctx.out().println("Why: " + r.reason() + ".");
        if (r.explanation() != null) {
            ctx.out().println("Explanation: " + r.explanation());
        }
        ctx.out().println("Domain: " + r.domain() + "   sender: " + r.sender() + "   client: " + r.ip()
                + (r.helo() == null || r.helo().isEmpty() ? "" : "   HELO: " + r.helo()));
        ctx.out().println("DNS lookups: " + r.lookups() + "/" + SpfEvaluator.MAX_LOOKUPS + ", void lookups: "
                + r.voidLookups() + "/" + SpfEvaluator.MAX_VOID_LOOKUPS);
        ctx.out().println();
        ctx.out().println("Trace:");
        for (String line : r.trace().render().split("\n")) {
            ctx.out().println("  " + line);
        }
        return Cli.OK;
    }
}
