package org.mailmedic.ui.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.net.InetAddress;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.DomainCheck;
import org.mailmedic.engine.probe.DomainCheckOptions;
import org.mailmedic.engine.probe.DomainCheckResult;
import org.mailmedic.engine.probe.DomainProbe;
import org.mailmedic.engine.probe.dns.Dns;
import org.mailmedic.engine.probe.dns.IpAddresses;
import org.mailmedic.engine.probe.dns.Resolvers;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.MailServerCheck;
import org.mailmedic.engine.probe.smtp.MxHost;
import org.mailmedic.engine.probe.smtp.SmtpCheckResult;
import org.mailmedic.engine.probe.smtp.SmtpOptions;

/**
 * State of the Live check screen: the domain and optional settings, one row per check that
 * fills in as its result arrives, progress, and Cancel. The check runs in a {@link Task} on the
 * injected executor; rows change only on the FX thread (through the injected {@code fxThread},
 * {@code Platform::runLater} in the window).
 *
 * <p>When the DNS checks are done, the same task checks the domain's mail servers (SMTP,
 * STARTTLS, certificate, MTA-STS, DANE) through the injected SMTP options; each host's result
 * is added to {@link #smtpHosts()} as soon as it is known. No DATA is ever sent.
 */
public final class CheckViewModel {

    static final String TYPE_YOUR_DOMAIN = "Type your domain and press Check.";

    /** One check's row: pending (no result) until its result arrives. */
    public static final class Row {
        private final String title;
        private final ObjectProperty<CheckResult> result = new SimpleObjectProperty<>();

        Row(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public ReadOnlyObjectProperty<CheckResult> resultProperty() {
            return result;
        }

        public CheckResult result() {
            return result.get();
        }
    }

    private final Executor executor;
    private final Executor fxThread;
    private final BiFunction<String, Duration, Dns> resolvers;
    private final StringProperty domain = new SimpleStringProperty("");
    private final StringProperty suggestion = new SimpleStringProperty("");
    private final StringProperty suggestionSource = new SimpleStringProperty("");
    private final StringProperty domainSource = new SimpleStringProperty("");
    private final StringProperty sendingIp = new SimpleStringProperty("");
    private final StringProperty dkimSelector = new SimpleStringProperty("");
    private final StringProperty dnsServer = new SimpleStringProperty("");
    private final StringProperty heloName = new SimpleStringProperty("");
    private final ObjectProperty<List<String>> dnsbls = new SimpleObjectProperty<>(List.of());
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty(TYPE_YOUR_DOMAIN);
    /**
     * True while the status line only asks for input (no check started, no result restored, no
     * setting refused since): it then follows the domain field, see {@link #prompt()}.
     */
    private boolean prompting = true;
    /** The domain a saved session brought back without results ("" when none). */
    private String restoredDomain = "";
    private final ObjectProperty<DomainCheckResult> lastResult = new SimpleObjectProperty<>();
    private final ObservableList<HostResult> smtpHosts = FXCollections.observableArrayList();
    private final ObjectProperty<SmtpCheckResult> lastSmtp = new SimpleObjectProperty<>();
    private final Duration queryTimeout = Duration.ofSeconds(5);
    private final Function<Dns, SmtpOptions.Builder> smtp;
    /** The running (or last) check; volatile because tests deliver results on the worker thread. */
    private volatile Task<DomainCheckResult> current;

    /** For the window: resolvers from the DNS setting (empty = the system's), rows updated with Platform.runLater. */
    public CheckViewModel(Executor executor) {
        this(executor, Platform::runLater, CheckViewModel::resolver, SmtpOptions::builder);
    }

    /** Without the mail server (SMTP) stage: DNS checks only. */
    public CheckViewModel(Executor executor, Executor fxThread, BiFunction<String, Duration, Dns> resolvers) {
        this(executor, fxThread, resolvers, null);
    }

    /**
     * @param resolvers DNS setting text ("" = system) and deadline → resolver; throws
     *                  IllegalArgumentException with a message for bad text
     * @param smtp the resolver in use → SMTP options (connector, address resolver, trust,
     *             deadlines); null to skip the mail server stage
     */
    public CheckViewModel(Executor executor, Executor fxThread, BiFunction<String, Duration, Dns> resolvers,
            Function<Dns, SmtpOptions.Builder> smtp) {
        this.executor = Objects.requireNonNull(executor);
        this.fxThread = Objects.requireNonNull(fxThread);
        this.resolvers = Objects.requireNonNull(resolvers);
        this.smtp = smtp;
        domainSource.bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            String d = fieldDomain();
            return !d.isEmpty() && d.equals(suggestion.get()) ? suggestionSource.get() : "";
        }, domain, suggestion, suggestionSource));
        domain.addListener((o, a, b) -> followPrompt());
        domainSource.addListener((o, a, b) -> followPrompt());
    }

    /**
     * What the status line says while it waits for input: an invitation to check the domain
     * the evidence filled in (the user may not notice the field is already filled), otherwise
     * the plain "type your domain".
     */
    String prompt() {
        String d = fieldDomain();
        boolean filledIn = !domainSource.get().isEmpty() || d.equals(restoredDomain);
        return d.isEmpty() || !filledIn ? TYPE_YOUR_DOMAIN : "Press Check to test " + d + ".";
    }

    /** The domain field's text without surrounding blanks ("" when empty). */
    private String fieldDomain() {
        return domain.get() == null ? "" : domain.get().strip();
    }

    private void followPrompt() {
        if (prompting) {
            status.set(prompt());
        }
    }

    /** Shows a status that stays until the next check, refusal or restore (not a prompt). */
    private void say(String text) {
        prompting = false;
        status.set(text);
    }

    /** The resolver of the current DNS setting (the system's when the setting is empty or unusable). */
    public Dns currentDns() {
        try {
            return resolvers.apply(dnsServer.get(), queryTimeout);
        } catch (IllegalArgumentException e) {
            return resolvers.apply("", queryTimeout);
        }
    }

    /** Fresh SMTP options for {@code dns} as the window checks mail servers (null when the SMTP stage is off). */
    public SmtpOptions.Builder smtpOptions(Dns dns) {
        if (smtp == null) {
            return null;
        }
        SmtpOptions.Builder b = smtp.apply(dns);
        String helo = heloName.get() == null ? "" : heloName.get().strip();
        return helo.isEmpty() ? b : b.ehloName(helo);
    }

    /** The name to greet mail servers with (the Preferences' HELO name); "" greets with our address literal. */
    public StringProperty heloNameProperty() {
        return heloName;
    }

    /** The blocklist zones to ask (the Preferences' list); empty for the shipped defaults. */
    public ObjectProperty<List<String>> dnsblsProperty() {
        return dnsbls;
    }

    /** Each mail server's result as it arrives (FX thread). */
    public ObservableList<HostResult> smtpHosts() {
        return smtpHosts;
    }

    /** The whole SMTP check of the last run, with MTA-STS; null until it finished. */
    public ReadOnlyObjectProperty<SmtpCheckResult> lastSmtpProperty() {
        return lastSmtp;
    }

    /**
     * The resolver a DNS setting names: the system's when empty, the address given, or, for a
     * host name ({@code dns.example.net[:port]}), that host found through the system's resolvers
     * at the first question (in the check's task, never on the FX thread).
     *
     * @throws IllegalArgumentException with a plain message when the setting cannot be used
     */
    public static Dns resolver(String setting, Duration timeout) {
        if (setting == null || setting.isBlank()) {
            return Resolvers.system(timeout);
        }
        String s = setting.strip();
        int colon = s.indexOf(':');
        String host = colon >= 0 && colon == s.lastIndexOf(':') ? s.substring(0, colon) : s;
        if (!s.startsWith("[") && !IpAddresses.isLiteral(host) && !host.matches("[0-9.]*")
                && org.mailmedic.engine.session.SettingsCheck.resolverProblem(s) == null) {
            int port = colon >= 0 ? Integer.parseInt(s.substring(colon + 1)) : 53;
            return new NamedResolver(host, port, timeout, Resolvers.system(timeout));
        }
        return Resolvers.at(setting, timeout);
    }

    /** A resolver known by name: its address is looked up once, through {@code bootstrap}, when first asked. */
    static final class NamedResolver implements Dns {
        private final String host;
        private final int port;
        private final Duration timeout;
        private final Dns bootstrap;
        private Dns target;
        private String problem;

        NamedResolver(String host, int port, Duration timeout, Dns bootstrap) {
            this.host = host;
            this.port = port;
            this.timeout = timeout;
            this.bootstrap = bootstrap;
        }

        @Override
        public synchronized org.mailmedic.engine.probe.dns.DnsAnswer query(String name, int type) {
            if (target == null && problem == null) {
                for (int t : new int[] {org.xbill.DNS.Type.A, org.xbill.DNS.Type.AAAA}) {
                    var a = bootstrap.query(host, t);
                    var address = a.records().stream().filter(r -> r.getType() == t).findFirst();
                    if (address.isPresent()) {
                        String ip = address.get().rdataToString();
                        target = Resolvers.at(ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port, timeout);
                        break;
                    }
                }
                if (target == null) {
                    problem = "the DNS server " + host + " could not be found";
                }
            }
            if (target == null) {
                return org.mailmedic.engine.probe.dns.DnsAnswer.failure(name, type, problem, Duration.ZERO, host);
            }
            return target.query(name, type);
        }
    }

    public StringProperty domainProperty() {
        return domain;
    }

    /**
     * Offers the domain the evidence names (call on the FX thread whenever the evidence
     * changes; null when it names none). It fills the domain field only while the field is
     * empty or still holds the previous suggestion, so what the user typed is never
     * overwritten; a suggestion withdrawn (evidence removed) empties a field that still holds it.
     *
     * @param suggested the domain, e.g. {@code harbourbooks.co.uk}, or null
     * @param source    where it was read, e.g. {@code bounce-expired.eml (sender of the returned message)}
     */
    public void suggestDomain(String suggested, String source) {
        String current = fieldDomain();
        boolean untouched = current.isEmpty() || current.equals(suggestion.get());
        if (suggested == null || suggested.isBlank()) {
            if (untouched && !current.isEmpty()) {
                domain.set("");
            }
            suggestion.set("");
            suggestionSource.set("");
            return;
        }
        suggestion.set(suggested.strip());
        suggestionSource.set(source == null ? "" : source.strip());
        if (untouched) {
            domain.set(suggestion.get());
        }
    }

    /**
     * Where the domain in the field came from ("bounce-expired.eml (sender of the returned
     * message)") while it is the evidence's suggestion; empty once the user typed another.
     */
    public ReadOnlyStringProperty domainSourceProperty() {
        return domainSource;
    }

    public StringProperty sendingIpProperty() {
        return sendingIp;
    }

    public StringProperty dkimSelectorProperty() {
        return dkimSelector;
    }

    public StringProperty dnsServerProperty() {
        return dnsServer;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyObjectProperty<DomainCheckResult> lastResultProperty() {
        return lastResult;
    }

    /** Starts a check of the domain field (call on the FX thread). Returns false when the input is refused. */
    public boolean check() {
        if (busy.get()) {
            return false;
        }
        String d = fieldDomain();
        if (d.isEmpty()) {
            // A nudge, not a result: it gives way as soon as the field is filled.
            status.set("Type a domain first.");
            prompting = true;
            return false;
        }
        String ip = sendingIp.get() == null ? "" : sendingIp.get().strip();
        if (!ip.isEmpty() && !IpAddresses.isLiteral(ip)) {
            say("'" + ip + "' is not an IP address: give your mail server's public address, or leave it empty.");
            return false;
        }
        Dns dns;
        try {
            dns = resolvers.apply(dnsServer.get(), queryTimeout);
        } catch (IllegalArgumentException e) {
            say("DNS server setting: " + e.getMessage() + ".");
            return false;
        }
        DomainCheckOptions options = DomainCheckOptions.defaults().withQueryTimeout(queryTimeout).withSendingIp(ip, null);
        String sel = dkimSelector.get() == null ? "" : dkimSelector.get().strip();
        if (!sel.isEmpty()) {
            options = options.withDkimSelectors(List.of(sel.split("[,\\s]+")));
        }
        String helo = heloName.get() == null ? "" : heloName.get().strip();
        List<String> zones = dnsbls.get();
        if (zones != null && !zones.isEmpty()) {
            options = options.withDnsbls(zones);
        }
        DomainCheck check = new DomainCheck(dns);
        rows.clear();
        smtpHosts.clear();
        lastSmtp.set(null);
        for (DomainProbe p : check.probes()) {
            for (String t : p.titles()) {
                rows.add(new Row(t));
            }
        }
        int expected = rows.size();
        AtomicInteger arrived = new AtomicInteger();
        DomainCheckOptions opts = options;
        Task<DomainCheckResult> task = new Task<>() {
            @Override
            protected DomainCheckResult call() {
                Task<?> me = this;
                updateProgress(0, expected + 1);
                DomainCheckResult r = check.run(d, opts, x -> {
                    updateProgress(Math.min(arrived.incrementAndGet(), expected), expected + 1);
                    fxThread.execute(() -> {
                        if (current == me) {
                            fill(x);
                        }
                    });
                });
                List<String> names = mxNames(r);
                if (smtp != null && !isCancelled() && !r.cancelled() && r.domain() != null && !names.isEmpty()) {
                    updateMessage("Connecting to " + String.join(", ", names) + " …");
                    fxThread.execute(() -> say("DNS done; now talking to the mail servers ("
                            + String.join(", ", names) + ") …"));
                    SmtpOptions.Builder ob = smtp.apply(dns);
                    SmtpOptions o = (helo.isEmpty() ? ob : ob.ehloName(helo)).build();
                    List<MxHost> hosts = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        List<String> addresses = o.resolver().resolve(names.get(i)).stream()
                                .map(InetAddress::getHostAddress).toList();
                        hosts.add(new MxHost(names.get(i), i, addresses));
                    }
                    AtomicInteger done = new AtomicInteger();
                    SmtpCheckResult s = new MailServerCheck().check(r.domain(), hosts, o, h -> {
                        updateProgress(expected + done.incrementAndGet() / (double) hosts.size(), expected + 1);
                        fxThread.execute(() -> {
                            if (current == me) {
                                smtpHosts.add(h);
                            }
                        });
                    });
                    fxThread.execute(() -> {
                        if (current == me) {
                            lastSmtp.set(s);
                        }
                    });
                }
                return r;
            }
        };
        current = task;
        busy.set(true);
        progress.set(0);
        say("Checking " + d + " …");
        task.progressProperty().addListener((o, a, b) -> progress.set(Math.max(0, b.doubleValue())));
        task.setOnSucceeded(e -> {
            if (current == task) {
                finished(task.getValue());
            }
        });
        task.setOnFailed(e -> {
            if (current != task) {
                return; // replaced by an opened session
            }
            busy.set(false);
            Throwable x = task.getException();
            say("The check stopped: " + (x == null ? "unknown error" : x.getMessage()));
        });
        task.setOnCancelled(e -> {
            if (current != task) {
                return;
            }
            busy.set(false);
            say("Cancelled. Rows without a mark did not finish.");
        });
        executor.execute(task);
        return true;
    }

    /**
     * Puts back a saved session's Live check: the fields as typed and the last check's rows and
     * mail server cards, exactly as they were, without asking the network. A running check is
     * cancelled first. Call on the FX thread.
     *
     * @param dns  the saved DNS checks, or null (then only the fields come back)
     * @param smtp the saved mail server checks, or null
     */
    public void restore(String domainText, String ip, String selector, String dnsSetting, DomainCheckResult dns,
            SmtpCheckResult smtp) {
        cancel();
        current = null; // what the cancelled check still sends is dropped
        busy.set(false);
        progress.set(0);
        // The saved domain is what the user had: no longer the evidence's suggestion.
        suggestion.set("");
        suggestionSource.set("");
        domain.set(domainText == null ? "" : domainText);
        sendingIp.set(ip == null ? "" : ip);
        dkimSelector.set(selector == null ? "" : selector);
        dnsServer.set(dnsSetting == null ? "" : dnsSetting);
        rows.clear();
        smtpHosts.clear();
        lastSmtp.set(null);
        lastResult.set(null);
        if (dns == null) {
            restoredDomain = fieldDomain(); // filled in too, by the session: offered like the evidence's
            prompting = true;
            status.set(prompt());
            return;
        }
        if (smtp != null) {
            smtpHosts.setAll(smtp.hosts());
            lastSmtp.set(smtp);
        }
        finished(dns);
        if (dns.startedAt() != null) {
            say(status.get() + " (Saved results from "
                    + java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", java.util.Locale.ENGLISH)
                            .withZone(java.time.ZoneOffset.UTC).format(dns.startedAt())
                    + "; press Check to run it again.)");
        }
    }

    /** Stops the running check; rows already filled stay. */
    public void cancel() {
        Task<?> t = current;
        // Not isRunning(): a task the executor has not started yet is READY, and must be cancellable too.
        if (t != null && !t.isDone()) {
            t.cancel(true);
        }
    }

    static String smtpSummary(SmtpCheckResult s) {
        if (s == null) {
            return "";
        }
        long bad = s.hosts().stream().filter(h -> h.status() != org.mailmedic.engine.probe.smtp.Status.PASS
                && h.status() != org.mailmedic.engine.probe.smtp.Status.INFO).count();
        return " Mail servers: " + s.hosts().size() + " checked"
                + (bad == 0 ? ", all answered properly." : ", " + bad + " with problems (see the cards below).");
    }

    /** The mail servers to connect to: the MX hosts, or the domain itself when it has no MX (implicit MX). */
    static List<String> mxNames(DomainCheckResult r) {
        if (r.domain() == null) {
            return List.of();
        }
        CheckResult mx = r.check("mx").orElse(null);
        if (mx == null) {
            return List.of();
        }
        String state = mx.facts().getOrDefault("mx.state", "");
        if (state.equals("implicit")) {
            return List.of(r.domain());
        }
        String hosts = mx.facts().getOrDefault("mx.hosts", "").strip();
        return hosts.isEmpty() ? List.of() : List.of(hosts.split("\\s+"));
    }

    void fill(CheckResult r) {
        for (Row row : rows) {
            if (row.title.equals(r.title()) && row.result.get() == null) {
                row.result.set(r);
                return;
            }
        }
        Row extra = new Row(r.title());
        extra.result.set(r);
        rows.add(extra);
    }

    void finished(DomainCheckResult r) {
        busy.set(false);
        lastResult.set(r);
        if (r.domain() == null) {
            rows.clear();
            fill(r.checks().get(0));
            say(r.checks().get(0).headline());
            return;
        }
        List<String> seen = new ArrayList<>();
        for (CheckResult c : r.checks()) {
            seen.add(c.title());
        }
        for (CheckResult c : r.checks()) {
            boolean shown = rows.stream().anyMatch(row -> row.result.get() == c);
            if (!shown) {
                fill(c);
            }
        }
        say("Checked " + r.display() + " in " + r.elapsedMs() + " ms (" + r.dnsQueries() + " DNS questions): "
                + switch (r.status()) {
                    case PASS -> "everything looks right.";
                    case INFO -> "nothing wrong found.";
                    case WARN -> "some things deserve a look.";
                    case FAIL -> "problems found.";
                }
                + smtpSummary(lastSmtp.get()));
    }
}
