package org.mailmedic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.time.Duration;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailmedic.engine.diagnosis.Diagnoser;
import org.mailmedic.engine.diagnosis.DiagnosisInput;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.MtaDetector;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.DnsEvidence;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;
import org.mailmedic.engine.probe.smtp.SmtpReportText;
import org.mailmedic.engine.report.Json;

/**
 * {@code mailmedic check DOMAIN}: every live DNS check of a domain (MX, reverse DNS, SPF, DMARC,
 * DKIM, MTA-STS/TLS-RPT records, blacklists), then the SMTP/TLS checks of the MX hosts it found
 * (banner, EHLO, STARTTLS, certificate, TLS versions, 587/465, MTA-STS policy, DANE; never DATA),
 * then the findings with the fix for the server's software (guessed from its greeting, or
 * {@code --mta}). {@code --smtp-port} points the dialogue at a test port (and then skips 587/465);
 * {@code --no-smtp} skips the SMTP part.
 */
final class CheckCommand implements Command {

    private static final Set<String> FLAGS = Set.of("--json", "--verbose", "--no-smtp");
    private static final Set<String> VALUED = Set.of("--dns", "--smtp-port", "--timeout", "--ip", "--helo", "--dkim",
            "--dnsbl", "--forwarder", "--forwarder-domain", "--mta");
    private static final Pattern MX_DETAIL = Pattern.compile("^(\\S+) \\(preference (\\d+)\\): .*");

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String usage() {
        return "check DOMAIN [--dns HOST:PORT] [--smtp-port N] [--timeout SECONDS] [--json]"
                + " [--ip SENDING_IP] [--helo NAME] [--dkim SELECTOR,...] [--dnsbl ZONE,...]"
                + " [--forwarder IP [--forwarder-domain DOMAIN]] [--no-smtp] [--mta postfix|sendmail|exim|exchange|provider]"
                + " [--verbose]";
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
        String mta = a.value("--mta");
        if (mta != null) {
            FindingsOutput.Server.choose(mta, Optional.empty(), "");
        }
        SmtpOptions smtpOptions;
        try {
            SmtpOptions.Builder sb = SmtpOptions.builder(dns).smtpPort(smtpPort)
                    .timeoutSeconds((int) Math.max(1, Math.ceil(timeout.toMillis() / 1000.0)));
            if (a.value("--smtp-port") != null) {
                // A test server on a non-standard port: 587 and 465 on the same host are not its.
                sb.checkSubmission(false);
            }
            if (a.value("--helo") != null) {
                sb.ehloName(a.value("--helo"));
            }
            smtpOptions = sb.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        DomainCheckResult r = new DomainCheck(dns).run(a.positional().get(0), options, null);
        if (r.domain() == null) {
            ctx.err().println("mailmedic check: " + r.checks().get(0).headline());
            return Cli.BAD_INPUT;
        }
        SmtpCheckResult smtp = null;
        if (!a.flag("--no-smtp")) {
            List<MxHost> hosts = mxHosts(r);
            if (!hosts.isEmpty()) {
                smtp = new MailServerCheck().check(r.domain(), hosts, smtpOptions, h -> { });
            }
        }
        FindingsOutput.Server server = FindingsOutput.Server.choose(mta, banner(smtp).flatMap(MtaDetector::fromBanner),
                "the SMTP greeting");
        List<Finding> findings = new Diagnoser().diagnose(new DiagnosisInput(r.domain(), null, r, smtp));
        if (a.flag("--json")) {
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("schemaVersion", 1);
            root.setAll((ObjectNode) Json.mapper().valueToTree(r));
            if (smtp != null) {
                root.set("smtp", Json.mapper().valueToTree(smtp));
            } else {
                root.putNull("smtp");
            }
            FindingsOutput.putJson(root, findings, server, Map.of());
            String doc;
            try {
                doc = Json.mapper().writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            ctx.out().println(doc);
        } else {
            print(r, ctx.out(), a.flag("--verbose"));
            if (smtp != null) {
                ctx.out().println();
                ctx.out().print(SmtpReportText.render(smtp, a.flag("--verbose")));
            } else {
                ctx.out().println();
                ctx.out().println(a.flag("--no-smtp") ? "SMTP/TLS checks: skipped (--no-smtp)."
                        : "SMTP/TLS checks: not run, the DNS check found no mail server to connect to.");
            }
            FindingsOutput.printText(ctx.out(), findings, server, Map.of());
        }
        return Cli.OK;
    }

    /**
     * The mail servers the MX check found, by preference; their addresses are resolved again by
     * the SMTP check through the same resolver. Empty when there is none (null MX, NXDOMAIN).
     */
    static List<MxHost> mxHosts(DomainCheckResult r) {
        Optional<CheckResult> mx = r.check("mx");
        if (mx.isEmpty()) {
            return List.of();
        }
        String state = mx.get().facts().getOrDefault("mx.state", "");
        if (!state.equals("ok") && !state.equals("implicit")) {
            return List.of();
        }
        String names = mx.get().facts().getOrDefault("mx.hosts", "").strip();
        if (names.isEmpty()) {
            return List.of();
        }
        List<MxHost> out = new ArrayList<>();
        int i = 0;
        for (String name : names.split("\\s+")) {
            int pref = i++ * 10;
            for (String d : mx.get().details()) {
                Matcher m = MX_DETAIL.matcher(d);
                if (m.matches() && m.group(1).equalsIgnoreCase(name)) {
                    pref = Integer.parseInt(m.group(2));
                }
            }
            if (out.stream().noneMatch(h -> h.name().equalsIgnoreCase(name)) && !IpAddresses.isLiteral(name)) {
                out.add(new MxHost(name, pref, List.of()));
            }
        }
        return out;
    }

    /** The first greeting any mail server gave, for guessing which software it runs. */
    private static Optional<String> banner(SmtpCheckResult smtp) {
        if (smtp == null) {
            return Optional.empty();
        }
        for (HostResult h : smtp.hosts()) {
            for (AddressResult ar : h.addresses()) {
                if (ar.smtp() != null && ar.smtp().banner() != null && ar.smtp().banner().text() != null) {
                    return Optional.of(ar.smtp().banner().text());
                }
            }
        }
        return Optional.empty();
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
