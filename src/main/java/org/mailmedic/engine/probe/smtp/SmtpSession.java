package org.mailmedic.engine.probe.smtp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One polite SMTP conversation with one address, posttls-finger style: connect, read the
 * greeting, EHLO (HELO if EHLO is refused), STARTTLS and the handshake when offered, EHLO again
 * over TLS, the recipient probe only when the user asked for it, QUIT. Every step waits at most
 * the reply timeout and never past the host's deadline; a watchdog closes the socket if anything
 * still hangs. Faults (no greeting, garbage, endless lines, drops, 421, 4xx) end the dialogue
 * with a finding and the transcript.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321">RFC 5321</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc3207">RFC 3207 (STARTTLS)</a>,
 *      <a href="https://www.rfc-editor.org/rfc/rfc8314">RFC 8314 (465/587)</a>
 */
final class SmtpSession {

    /** Which conversation to have. */
    enum Mode {
        /** Port 25, STARTTLS when offered. */
        STARTTLS("starttls"),
        /** Port 587: AUTH before and after STARTTLS. */
        SUBMISSION("submission"),
        /** Port 465: TLS from the first byte. */
        IMPLICIT_TLS("implicit-tls");

        final String json;

        Mode(String json) {
            this.json = json;
        }
    }

    private final SmtpOptions options;
    private final TlsHandshaker handshaker;
    private final ScheduledExecutorService watchdog;
    private final String host;
    private final InetAddress address;
    private final Deadline hostDeadline;

    SmtpSession(SmtpOptions options, TlsHandshaker handshaker, ScheduledExecutorService watchdog, String host,
            InetAddress address, Deadline hostDeadline) {
        this.options = options;
        this.handshaker = handshaker;
        this.watchdog = watchdog;
        this.host = host;
        this.address = address;
        this.hostDeadline = hostDeadline;
    }

    /** Mutable state of one run, turned into a {@link SessionResult} at the end. */
    private final class Run {
        final Mode mode;
        final int port;
        final Transcript transcript = new Transcript(options.clock());
        final List<SmtpFinding> findings = new ArrayList<>();
        boolean connected;
        long connectMillis;
        SmtpReply banner;
        long timeToBanner = -1;
        EhloInfo ehlo;
        TlsFacts tls;
        EhloInfo ehloAfterTls;
        RecipientProbe recipient;
        String passHeadline;

        Run(Mode mode, int port) {
            this.mode = mode;
            this.port = port;
        }

        SessionResult result() {
            List<SmtpFinding> sorted = new ArrayList<>(findings);
            sorted.sort(Comparator.comparing(SmtpFinding::status).reversed());
            Status status = Status.worstOf(sorted);
            String headline = sorted.isEmpty() || status == Status.PASS || status == Status.INFO
                    ? (passHeadline != null ? passHeadline : sorted.isEmpty() ? "" : sorted.get(0).headline())
                    : sorted.get(0).headline();
            return new SessionResult(address.getHostAddress(), port, mode.json, connected, connectMillis, banner,
                    timeToBanner, ehlo, tls, ehloAfterTls, recipient, status, headline, sorted, transcript.lines());
        }
    }

    /** Port 25 with STARTTLS, or 587, or 465, depending on {@code mode}. */
    SessionResult run(Mode mode, int port) {
        Run r = new Run(mode, port);
        String where = host + " (" + address.getHostAddress() + ") port " + port;
        SmtpConnection conn = connect(r, where);
        if (conn == null) {
            return r.result();
        }
        ScheduledFuture<?> guard = watchdog.schedule(conn::close, hostDeadline.remainingMillis() + 500,
                TimeUnit.MILLISECONDS);
        try {
            dialogue(r, conn, where);
        } catch (SmtpConnection.ReplyException e) {
            r.findings.add(fault(e, where, conn.lastCommand() == null ? "the greeting"
                    : r.tls != null && r.tls.established() && "EHLO".equals(conn.lastCommand()) ? "EHLO over TLS"
                    : conn.lastCommand()));
        } catch (IOException | RuntimeException e) {
            r.transcript.note("error: " + plain(e));
            r.findings.add(SmtpFinding.fail("smtp-error", "The check of " + where + " failed: " + plain(e) + ".",
                    plain(e)));
        } finally {
            guard.cancel(false);
            conn.close();
        }
        return r.result();
    }

    private void dialogue(Run r, SmtpConnection conn, String where) throws IOException {
        boolean strict = r.mode != Mode.STARTTLS;
        if (r.mode == Mode.IMPLICIT_TLS) {
            TlsHandshaker.Outcome o = handshaker.handshake(conn.socket(), host, r.port, null, step(), r.transcript, true);
            r.tls = o.facts();
            if (o.socket() == null) {
                r.findings.add(tlsFailure(r.tls, where, r.mode));
                return;
            }
            conn.switchTo(o.socket());
            addCertificateFindings(r);
        }
        long t0 = System.nanoTime();
        r.banner = conn.readReply(step());
        r.timeToBanner = (System.nanoTime() - t0) / 1_000_000;
        if (!greetingOk(r, conn, where)) {
            return;
        }
        r.ehlo = greet(r, conn, where);
        if (r.ehlo == null) {
            return;
        }
        if (r.mode == Mode.IMPLICIT_TLS) {
            r.ehloAfterTls = r.ehlo;
            r.passHeadline = where + " speaks implicit TLS (" + r.tls.protocol() + ")"
                    + authSummary(r.ehlo) + ".";
            quit(r, conn);
            return;
        }
        if (r.mode == Mode.SUBMISSION && !r.ehlo.authMechanisms().isEmpty()) {
            List<String> mechs = r.ehlo.authMechanisms();
            boolean plainText = mechs.contains("PLAIN") || mechs.contains("LOGIN");
            r.findings.add(new SmtpFinding(plainText ? Status.WARN : Status.INFO, "auth-before-tls",
                    where + " offers password login (AUTH " + String.join(" ", mechs) + ") before encryption.",
                    "A mail program that is not set to require STARTTLS can send the password in clear text. "
                            + "Offer AUTH only after STARTTLS (Postfix: smtpd_tls_auth_only = yes; "
                            + "Exim: auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}; "
                            + "Sendmail: define(`confAUTH_OPTIONS', `p')."));
        }
        if (!r.ehlo.starttls()) {
            r.findings.add(r.mode == Mode.SUBMISSION
                    ? SmtpFinding.fail("no-starttls", where + " does not offer STARTTLS: passwords and mail travel unencrypted.",
                            "EHLO offered: " + String.join(" ", r.ehlo.extensions().keySet()))
                    : SmtpFinding.warn("no-starttls", where + " does not offer STARTTLS: mail to this server travels unencrypted.",
                            "EHLO offered: " + String.join(" ", r.ehlo.extensions().keySet())
                                    + ". Enable STARTTLS with a certificate for " + host + "."));
            recipientProbe(r, conn);
            quit(r, conn);
            return;
        }
        SmtpReply st = conn.send(SmtpCommand.STARTTLS, null, step());
        if (st.code() != 220) {
            r.findings.add(SmtpFinding.fail("starttls-refused", where + " advertises STARTTLS but refuses it: "
                    + st.rawText(), "Reply to STARTTLS: " + st.rawText()));
            quit(r, conn);
            return;
        }
        if (conn.hasBufferedInput()) {
            r.transcript.note("the server sent more data right after its STARTTLS reply; not starting TLS");
            r.findings.add(SmtpFinding.fail("starttls-injection", where
                    + " sent data after its STARTTLS reply, before TLS began.",
                    "Plain-text data after 220 to STARTTLS would be mixed into the encrypted session "
                            + "(the STARTTLS command-injection flaw, CVE-2011-0411 and kin)."));
            return;
        }
        TlsHandshaker.Outcome o = handshaker.handshake(conn.socket(), host, r.port, null, step(), r.transcript, strict);
        r.tls = o.facts();
        if (o.socket() == null) {
            r.findings.add(tlsFailure(r.tls, where, r.mode));
            return;
        }
        conn.switchTo(o.socket());
        addCertificateFindings(r);
        SmtpReply again = conn.send(SmtpCommand.EHLO, ehloName(conn), step());
        r.ehloAfterTls = EhloInfo.parse("EHLO", again);
        if (!again.positive()) {
            r.findings.add(SmtpFinding.warn("ehlo-after-tls", where + " refused EHLO after STARTTLS: "
                    + again.rawText(), "RFC 3207 requires the client to greet again; the server answered "
                            + again.rawText()));
        }
        if (r.mode == Mode.SUBMISSION) {
            List<String> after = r.ehloAfterTls.authMechanisms();
            r.passHeadline = where + " offers STARTTLS (" + r.tls.protocol() + ")"
                    + (after.isEmpty() ? ", but no AUTH after it" : " and AUTH " + String.join(" ", after) + " after it")
                    + ".";
        } else {
            r.passHeadline = where + " accepts mail with STARTTLS (" + r.tls.protocol() + ", " + r.tls.cipherSuite()
                    + ")" + (r.tls.certificate() != null && r.tls.certificate().problems().isEmpty()
                            ? " and a valid certificate." : ".");
        }
        recipientProbe(r, conn);
        quit(r, conn);
    }

    private static String authSummary(EhloInfo e) {
        return e.authMechanisms().isEmpty() ? "" : " and offers AUTH " + String.join(" ", e.authMechanisms());
    }

    private void addCertificateFindings(Run r) {
        if (r.tls.certificate() != null) {
            r.findings.addAll(r.tls.certificate().problems());
        } else if (r.tls.chain().isEmpty()) {
            r.findings.add(SmtpFinding.warn("no-certificate", "The server completed TLS without a certificate "
                    + "(anonymous cipher " + r.tls.cipherSuite() + ").", "Senders that verify certificates will refuse."));
        }
    }

    /** Checks the greeting; false ends the dialogue. */
    private boolean greetingOk(Run r, SmtpConnection conn, String where) {
        SmtpReply b = r.banner;
        if (b.code() == 220) {
            return true;
        }
        if (b.code() == 421) {
            r.findings.add(SmtpFinding.fail("banner-421", where + " refuses connections right now (421): \""
                    + b.text() + "\"", "Greeting: " + b.rawText() + ". The server is overloaded, shutting down or "
                            + "rate-limiting this source; senders retry later, and mail waits in their queues."));
        } else if (b.transientFailure()) {
            r.findings.add(SmtpFinding.warn("banner-4xx", where + " temporarily refuses connections (" + b.code()
                    + "): \"" + b.text() + "\"", "Greeting: " + b.rawText()
                    + ". Usually greylisting or rate limiting; senders retry later."));
        } else if (b.code() == 554) {
            r.findings.add(SmtpFinding.fail("banner-554", where + " refuses to talk to us (554): \"" + b.text()
                    + "\"", "Greeting: " + b.rawText() + ". Often a blocklist or policy on the checking address."));
        } else {
            r.findings.add(SmtpFinding.fail("banner-unexpected", where + " greeted with " + b.code()
                    + " instead of 220: \"" + b.text() + "\"", "Greeting: " + b.rawText()));
        }
        quit(r, conn);
        return false;
    }

    /** EHLO, falling back to HELO on a permanent refusal; null ends the dialogue. */
    private EhloInfo greet(Run r, SmtpConnection conn, String where) throws IOException {
        String name = ehloName(conn);
        SmtpReply e = conn.send(SmtpCommand.EHLO, name, step());
        if (e.positive()) {
            return EhloInfo.parse("EHLO", e);
        }
        if (e.transientFailure()) {
            r.findings.add(SmtpFinding.warn("ehlo-4xx", where + " answered our EHLO with a temporary refusal ("
                    + e.code() + "): \"" + e.text() + "\"", "Reply: " + e.rawText()
                    + ". Usually greylisting or rate limiting."));
            quit(r, conn);
            return null;
        }
        SmtpReply h = conn.send(SmtpCommand.HELO, name, step());
        if (h.positive()) {
            r.findings.add(SmtpFinding.warn("no-esmtp", where + " refused EHLO and only speaks old SMTP (HELO).",
                    "EHLO reply: " + e.rawText() + ". Without ESMTP there is no STARTTLS, so no encryption."));
            return EhloInfo.parse("HELO", h);
        }
        r.findings.add(SmtpFinding.fail("helo-refused", where + " refused both EHLO and HELO: \"" + h.text() + "\"",
                "EHLO: " + e.rawText() + "; HELO: " + h.rawText()));
        quit(r, conn);
        return null;
    }

    /** The configured name, else our own address as an RFC 5321 address literal. */
    private String ehloName(SmtpConnection conn) {
        if (options.ehloName() != null) {
            return options.ehloName();
        }
        InetAddress local = conn.socket().getLocalAddress();
        return local instanceof Inet6Address ? "[IPv6:" + local.getHostAddress().replaceAll("%.*$", "") + "]"
                : "[" + local.getHostAddress() + "]";
    }

    private void recipientProbe(Run r, SmtpConnection conn) throws IOException {
        String rcpt = options.recipientProbe();
        if (rcpt == null || r.mode != Mode.STARTTLS) {
            return;
        }
        SmtpReply mail = conn.send(SmtpCommand.MAIL_FROM_NULL, null, step());
        if (!mail.positive()) {
            r.recipient = new RecipientProbe(rcpt, mail, null, "not-asked");
            r.findings.add(SmtpFinding.warn("mail-from-refused", host + " refused MAIL FROM:<> (" + mail.code()
                    + "), so the recipient could not be asked about.", "Reply: " + mail.rawText()
                    + ". RFC 5321 requires accepting the null sender for bounces."));
            return;
        }
        SmtpReply to = conn.send(SmtpCommand.RCPT_TO, rcpt, step());
        String outcome = to.positive() ? "accepted" : to.transientFailure() ? "deferred" : "rejected";
        r.recipient = new RecipientProbe(rcpt, mail, to, outcome);
        if (to.transientFailure()) {
            r.findings.add(SmtpFinding.warn("rcpt-greylisted", host + " deferred " + rcpt + " with " + to.code()
                    + ": \"" + to.text() + "\" — probably greylisting; real senders retry and get through later.",
                    "RCPT TO reply: " + to.rawText()));
        } else if (to.permanentFailure()) {
            r.findings.add(SmtpFinding.warn("rcpt-rejected", host + " rejects " + rcpt + " (" + to.code() + "): \""
                    + to.text() + "\"", "RCPT TO reply: " + to.rawText()));
        } else {
            r.findings.add(SmtpFinding.info("rcpt-accepted", host + " accepts mail for " + rcpt + ".",
                    "RCPT TO reply: " + to.rawText() + " (no message was sent: RSET followed)"));
        }
        conn.send(SmtpCommand.RSET, null, step());
    }

    private void quit(Run r, SmtpConnection conn) {
        try {
            conn.send(SmtpCommand.QUIT, null, hostDeadline.within(java.time.Duration.ofMillis(
                    Math.min(2000, options.replyTimeout().toMillis()))));
        } catch (IOException e) {
            r.transcript.note("no reply to QUIT (" + e.getMessage() + ")");
        }
    }

    private Deadline step() {
        return hostDeadline.within(options.replyTimeout());
    }

    private SmtpConnection connect(Run r, String where) {
        if (hostDeadline.expired()) {
            r.findings.add(SmtpFinding.info("not-tested", where + " was not checked: the time for this host ran out.",
                    "Host deadline " + options.hostDeadline().toSeconds() + " s used up by earlier steps."));
            return null;
        }
        Deadline d = hostDeadline.within(options.connectTimeout());
        r.transcript.note("connecting to " + address.getHostAddress() + " port " + r.port);
        long t0 = System.nanoTime();
        Socket s = null;
        int timeoutMillis = d.socketTimeout();
        try {
            s = options.connector().connect(new InetSocketAddress(address, r.port), timeoutMillis);
            r.connectMillis = (System.nanoTime() - t0) / 1_000_000;
            r.connected = true;
            r.transcript.note("connected in " + r.connectMillis + " ms");
            return new SmtpConnection(s, r.transcript, options.maxLineBytes(), options.maxReplyLines());
        } catch (IOException e) {
            if (s != null) {
                TlsHandshaker.closeQuietly(s);
            }
            r.connectMillis = (System.nanoTime() - t0) / 1_000_000;
            boolean refused = e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused");
            boolean timeout = e instanceof SocketTimeoutException;
            r.transcript.note("connection failed after " + r.connectMillis + " ms: " + e.getMessage());
            Status st = r.mode == Mode.STARTTLS ? Status.FAIL : Status.INFO;
            String msg = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            boolean noRoute = msg.contains("network is unreachable") || msg.contains("no route to host")
                    || msg.contains("protocol family unavailable");
            if (noRoute && address instanceof Inet6Address) {
                r.findings.add(SmtpFinding.info("ipv6-unreachable-here", where + " could not be tried: this computer "
                        + "has no IPv6 route.", plain(e) + ". Not a fault of the server; senders with IPv6 will use it."));
            } else if (refused) {
                r.findings.add(new SmtpFinding(st, "connect-refused", "Nothing accepts connections on " + where
                        + " (connection refused).", plain(e)));
            } else if (timeout) {
                r.findings.add(new SmtpFinding(st, "connect-timeout", "No answer from " + where + " within "
                        + secs(timeoutMillis) + " — a firewall may be dropping the connection.",
                        plain(e) + "." + (r.mode == Mode.STARTTLS
                                ? " Some networks block outgoing port 25; if so, run the check from elsewhere." : "")));
            } else {
                r.findings.add(new SmtpFinding(st, "connect-failed", "Could not connect to " + where + ": "
                        + plain(e) + ".", plain(e)));
            }
            return null;
        }
    }

    /**
     * An error as people read it: the system's message ("Connection refused"), without Java's
     * class name, which users take for a crash (issue #11: "never a stack trace").
     */
    static String plain(Throwable e) {
        String m = e.getMessage();
        if (m != null && !m.isBlank()) {
            return m.strip();
        }
        String n = e.getClass().getSimpleName().replace("Exception", "").replace("Error", "");
        return (n.isEmpty() ? "unknown" : n.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT))
                + " error";
    }

    static String secs(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private SmtpFinding fault(SmtpConnection.ReplyException e, String where, String stage) {
        return switch (e.failure) {
            case TIMEOUT -> e.partial
                    ? SmtpFinding.fail(stage.equals("the greeting") ? "no-banner" : "no-reply", where
                            + " answered so slowly during " + stage + " that the reply was still incomplete after "
                            + secs(options.replyTimeout().toMillis()) + ".",
                            e.getMessage() + ". A server that drips its replies (a tarpit, or a badly overloaded link)"
                                    + " makes senders give up and retry later: mail is delayed.")
                    : SmtpFinding.fail(stage.equals("the greeting") ? "no-banner" : "no-reply",
                    stage.equals("the greeting")
                            ? where + " accepted the connection but sent no greeting within "
                                    + secs(options.replyTimeout().toMillis()) + "."
                            : where + " stopped answering during " + stage + " (no reply within "
                                    + secs(options.replyTimeout().toMillis()) + ").",
                    e.getMessage() + ". Senders wait, then give up and retry later: mail is delayed.");
            case GARBAGE -> SmtpFinding.fail("garbage", where + " answered with something that is not SMTP.",
                    e.getMessage() + ". Is another service listening on this port, or a broken proxy in front of it?");
            case LINE_TOO_LONG -> SmtpFinding.fail("line-too-long", where + " sent an endless line instead of an "
                    + "SMTP reply.", e.getMessage());
            case TOO_MANY_LINES -> SmtpFinding.fail("reply-too-long", where + " sent a reply that never ends.",
                    e.getMessage());
            case CLOSED -> SmtpFinding.fail("dropped", where + " closed the connection during " + stage + ".",
                    e.getMessage());
            case IO -> SmtpFinding.fail("connection-error", "The connection to " + where + " failed during "
                    + stage + ".", e.getMessage());
        };
    }

    /** Plain words for a failed handshake. */
    static SmtpFinding tlsFailure(TlsFacts t, String where, Mode mode) {
        String tech = "JSSE: " + t.failure();
        String after = mode == Mode.IMPLICIT_TLS ? "" : " after STARTTLS";
        return switch (t.failureKind()) {
            case "no-certificate" -> SmtpFinding.fail("starttls-no-certificate", mode == Mode.IMPLICIT_TLS
                    ? where + " expects TLS but presents no certificate — mail programs cannot connect securely."
                    : where + " offers STARTTLS but presents no certificate — senders that insist on TLS, such as "
                            + "Gmail, will fail.",
                    tech + ". The server ended the handshake (handshake_failure) before sending any certificate: "
                            + "STARTTLS is switched on without a certificate, or with anonymous ciphers only. "
                            + "Sendmail logs this as \"STARTTLS=server, error: accept failed ... no shared cipher\". "
                            + "Install a certificate for the host (or stop advertising STARTTLS).");
            case "protocol-version" -> SmtpFinding.fail("tls-version-mismatch", where + " only speaks TLS versions "
                    + "that current senders no longer use: the handshake" + after + " failed.",
                    tech + ". The server refused TLS 1.2 and 1.3; update its TLS library or settings.");
            case "not-tls" -> SmtpFinding.fail("tls-not-tls", mode == Mode.IMPLICIT_TLS
                    ? where + " answers in plain text, not TLS: implicit TLS (SMTPS) is not set up on this port."
                    : where + " accepted STARTTLS but then did not speak TLS.",
                    tech + ". The bytes that came back were not a TLS record." + (mode == Mode.IMPLICIT_TLS
                            ? " Port 465 must start TLS at once (RFC 8314); plain SMTP with STARTTLS belongs on 587." : ""));
            case "dropped" -> SmtpFinding.fail("tls-dropped", where + " dropped the connection in the middle of "
                    + "the TLS handshake" + after + ".", tech + ". Often a broken TLS setup (unreadable key or "
                            + "certificate file) or a firewall that inspects port " + (mode == Mode.IMPLICIT_TLS
                                    ? "465" : "25") + ".");
            case "timeout" -> SmtpFinding.fail("tls-timeout", where + " did not finish the TLS handshake" + after
                    + " in time.", tech);
            default -> SmtpFinding.fail("tls-failed", where + ": the TLS handshake" + after + " failed: "
                    + t.failure(), tech);
        };
    }

    /** Pseudo-version for {@link #probeVersion}: TLS 1.2 offering only anonymous cipher suites. */
    static final String ANONYMOUS = "TLSv1.2-anonymous";

    /**
     * Whether the server accepts exactly one TLS version (or, with {@link #ANONYMOUS}, a
     * certificate-less cipher): one connection, greeting, EHLO,
     * STARTTLS (unless implicit), then a handshake offering only {@code version}.
     */
    TlsVersionSupport probeVersion(String version, int port, boolean implicit) {
        Run r = new Run(implicit ? Mode.IMPLICIT_TLS : Mode.STARTTLS, port);
        r.transcript.note("probe: does the server accept " + version + "?");
        return probeVersion(r, version, port, implicit).withTranscript(r.transcript.lines());
    }

    private TlsVersionSupport probeVersion(Run r, String version, int port, boolean implicit) {
        boolean anonymous = version.equals(ANONYMOUS);
        boolean legacy = version.equals("TLSv1") || version.equals("TLSv1.1") || anonymous;
        String where = host + " (" + address.getHostAddress() + ") port " + port;
        SmtpConnection conn = connect(r, where);
        if (conn == null) {
            return TlsVersionSupport.notTested(version, "could not connect");
        }
        ScheduledFuture<?> guard = watchdog.schedule(conn::close, hostDeadline.remainingMillis() + 500,
                TimeUnit.MILLISECONDS);
        try {
            if (!implicit) {
                SmtpReply banner = conn.readReply(step());
                if (banner.code() != 220) {
                    return TlsVersionSupport.notTested(version, "greeting was " + banner.rawText());
                }
                SmtpReply e = conn.send(SmtpCommand.EHLO, ehloName(conn), step());
                if (!e.positive() || !EhloInfo.parse("EHLO", e).starttls()) {
                    return TlsVersionSupport.notTested(version, "EHLO did not offer STARTTLS this time");
                }
                SmtpReply st = conn.send(SmtpCommand.STARTTLS, null, step());
                if (st.code() != 220) {
                    return TlsVersionSupport.notTested(version, "STARTTLS answered " + st.rawText());
                }
            }
            if (legacy) {
                LegacyTlsProbe.Answer a = LegacyTlsProbe.probe(conn.socket(), host,
                        anonymous ? 3 : version.equals("TLSv1") ? 1 : 2, anonymous, step(), r.transcript);
                return a.conclusive() ? new TlsVersionSupport(version, a.accepted() ? "accepted" : "rejected",
                        a.accepted(), a.detail()) : TlsVersionSupport.notTested(version, a.detail());
            }
            TlsHandshaker.Outcome o = handshaker.handshake(conn.socket(), host, port, new String[] {version}, step(),
                    r.transcript, false);
            if (o.socket() != null) {
                conn.switchTo(o.socket());
                quit(r, conn);
                return new TlsVersionSupport(version, "accepted", false,
                        "handshake completed with " + o.facts().cipherSuite());
            }
            String kind = o.facts().failureKind();
            if ("protocol-version".equals(kind) || "no-certificate".equals(kind)) {
                return new TlsVersionSupport(version, "rejected", false, "refused: " + o.facts().failure());
            }
            return TlsVersionSupport.notTested(version, "handshake inconclusive: " + o.facts().failure());
        } catch (IOException | RuntimeException e) {
            return TlsVersionSupport.notTested(version, e.getMessage());
        } finally {
            guard.cancel(false);
            conn.close();
        }
    }
}
