package org.mailmedic.ui.check;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.mailmedic.engine.probe.dane.DaneResult;
import org.mailmedic.engine.probe.mtasts.MtaStsResult;
import org.mailmedic.engine.probe.smtp.AddressResult;
import org.mailmedic.engine.probe.smtp.CertificateInfo;
import org.mailmedic.engine.probe.smtp.CertificateVerdict;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.smtp.SessionResult;
import org.mailmedic.engine.probe.smtp.SmtpFinding;
import org.mailmedic.engine.probe.smtp.Status;
import org.mailmedic.engine.probe.smtp.TlsFacts;
import org.mailmedic.engine.probe.smtp.TlsVersionSupport;

/**
 * One MX host of the live check as a card: status and headline, then per address the greeting,
 * the TLS facts and the certificate (its problems in red), MTA-STS and DANE for the host, every
 * finding, and the raw SMTP transcript in a collapsed pane that is filled only when opened.
 * All text comes from {@link Model}, which needs no toolkit and is tested on its own.
 * Build it on the FX thread once the host's result has arrived.
 */
public final class SmtpHostCard {

    /** A label/value row; {@code problem} rows are shown in red. */
    public record Row(String label, String value, boolean problem) {
    }

    /** One finding as shown: status word, headline, detail (tooltip). */
    public record Line(Status status, String headline, String detail) {
    }

    /** One address section. */
    public record Section(String title, List<Row> rows, List<Row> certificate, List<Line> findings,
            String transcript) {
    }

    /** Everything the card shows, as text. */
    public record Model(String title, Status status, String headline, List<Section> sections, Row mtaSts, Row dane,
            List<Line> hostFindings) {

        public static Model of(HostResult h, MtaStsResult sts) {
            List<Section> sections = new ArrayList<>();
            for (AddressResult a : h.addresses()) {
                sections.add(section(a));
            }
            List<Line> hostFindings = h.findings().stream().map(SmtpHostCard::line).toList();
            return new Model(h.name() + "  (MX " + h.preference() + ")", h.status(), h.headline(), sections,
                    mtaStsRow(h.name(), sts), daneRow(h.dane()), hostFindings);
        }

        private static Section section(AddressResult a) {
            SessionResult s = a.smtp();
            List<Row> rows = new ArrayList<>();
            rows.add(new Row("Greeting", s.banner() == null ? "none received" : s.banner().rawText()
                    + "  (" + s.timeToBannerMillis() + " ms)", s.banner() == null || s.banner().code() != 220));
            if (s.ehlo() != null) {
                rows.add(new Row("Offers", String.join(" ", s.ehlo().extensions().keySet()), false));
            }
            rows.add(new Row("STARTTLS", s.ehlo() == null ? "not reached" : !s.offersStarttls() ? "not offered"
                    : s.tls() == null ? "offered, not started" : s.tls().established() ? "works"
                    : "fails: " + s.tls().failure(), s.ehlo() != null && (!s.offersStarttls()
                            || s.tls() != null && !s.tls().established())));
            TlsFacts t = s.tls();
            if (t != null && t.established()) {
                rows.add(new Row("Encryption", t.protocol() + ", " + t.cipherSuite(), false));
            }
            if (!a.tlsVersions().isEmpty()) {
                List<String> v = new ArrayList<>();
                boolean weak = false;
                for (TlsVersionSupport x : a.tlsVersions()) {
                    v.add(pretty(x.version()) + " " + switch (x.result()) {
                        case "accepted" -> "yes";
                        case "rejected" -> "no";
                        default -> "?";
                    });
                    weak |= x.weak();
                }
                rows.add(new Row("TLS versions", String.join(", ", v), weak));
            }
            if (a.submission() != null) {
                rows.add(new Row("Port " + a.submission().port(), a.submission().headline(),
                        a.submission().status() == Status.FAIL || a.submission().status() == Status.WARN));
            }
            if (a.implicitTls() != null) {
                rows.add(new Row("Port " + a.implicitTls().port(), a.implicitTls().headline(),
                        a.implicitTls().status() == Status.FAIL || a.implicitTls().status() == Status.WARN));
            }
            List<Row> cert = new ArrayList<>();
            if (t != null && !t.chain().isEmpty()) {
                CertificateInfo leaf = t.chain().get(0);
                CertificateVerdict v = t.certificate();
                cert.add(new Row("Subject", leaf.subject(), false));
                cert.add(new Row("Names", String.join(", ", leaf.subjectAltNames()), v != null && !v.nameMatches()));
                cert.add(new Row("Issuer", leaf.issuer(), v != null && !v.trusted()));
                cert.add(new Row("Valid", day(leaf.notBefore()) + " to " + day(leaf.notAfter())
                        + (v == null ? "" : v.expired() ? "  (expired)" : "  (" + v.daysLeft() + " days left)"),
                        v != null && (v.expired() || v.expiresSoon() || v.notYetValid())));
                cert.add(new Row("Key", leaf.keyType() + " " + leaf.keyBits() + " bits, " + leaf.signatureAlgorithm(),
                        false));
                if (v != null) {
                    cert.add(new Row("Trusted", v.trusted() ? "yes" : "no: " + v.trustProblem(), !v.trusted()));
                }
                cert.add(new Row("Chain", t.chain().size() + " certificate" + (t.chain().size() == 1 ? "" : "s")
                        + ", SHA-256 " + leaf.sha256Fingerprint().substring(0, 16) + "…", false));
            }
            List<Line> findings = new ArrayList<>();
            s.findings().forEach(f -> findings.add(line(f)));
            a.findings().forEach(f -> findings.add(line(f)));
            StringBuilder transcript = new StringBuilder();
            for (SessionResult x : new SessionResult[] {s, a.submission(), a.implicitTls()}) {
                if (x != null) {
                    transcript.append("=== port ").append(x.port()).append(" (").append(x.mode()).append(") ===\n")
                            .append(x.transcriptText()).append('\n');
                }
            }
            for (TlsVersionSupport v : a.tlsVersions()) {
                transcript.append("=== ").append(v.version()).append(" probe: ").append(v.result()).append(" ===\n");
                v.transcript().forEach(l -> transcript.append(l).append('\n'));
                transcript.append('\n');
            }
            return new Section(a.address(), rows, cert, findings, transcript.toString());
        }

        static Row mtaStsRow(String mx, MtaStsResult sts) {
            if (sts == null) {
                return new Row("MTA-STS", "not known (yet)", false);
            }
            if (sts.policy() == null || !sts.policy().valid()) {
                return new Row("MTA-STS", sts.headline(), sts.status() == Status.FAIL || sts.status() == Status.WARN);
            }
            MtaStsResult.MxMatch m = sts.mxMatches().stream().filter(x -> x.mx().equalsIgnoreCase(mx)).findFirst()
                    .orElse(null);
            boolean covered = m != null && m.covered();
            return new Row("MTA-STS", "mode " + sts.policy().mode() + ", "
                    + (covered ? "this server is listed (" + m.pattern() + ")" : "this server is NOT listed"),
                    !covered || !"enforce".equals(sts.policy().mode()));
        }

        private static Row daneRow(DaneResult d) {
            if (d == null) {
                return new Row("DANE", "not checked", false);
            }
            return new Row("DANE", d.headline(), d.status() == Status.FAIL || d.status() == Status.WARN);
        }
    }

    static Line line(SmtpFinding f) {
        return new Line(f.status(), f.headline(), f.detail());
    }

    static String pretty(String v) {
        return v.equals("TLSv1") ? "1.0" : v.replace("TLSv", "");
    }

    private static String day(java.time.Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }

    /** Status as a word for the badge. */
    public static String badge(Status s) {
        return switch (s) {
            case PASS -> "OK";
            case INFO -> "Note";
            case WARN -> "Warning";
            case FAIL -> "Problem";
        };
    }

    private static String color(Status s) {
        return switch (s) {
            case PASS -> "#276749";
            case INFO -> "#2b6cb0";
            case WARN -> "#975a16";
            case FAIL -> "#9b2c2c";
        };
    }

    private final VBox root = new VBox(8);
    private final Model model;
    private final String hostName;
    private GridPane policy;

    /**
     * @param mtaSts the domain's MTA-STS result, or null while it is still running (hosts stream
     *               in first; call {@link #showMtaSts} when the whole check is done)
     */
    public SmtpHostCard(HostResult host, MtaStsResult mtaSts) {
        this(Model.of(host, mtaSts), host.name());
    }

    private SmtpHostCard(Model model, String hostName) {
        this.model = model;
        this.hostName = hostName;
        root.getStyleClass().add("smtp-host-card");
        root.setPadding(new Insets(12));
        root.setStyle("-fx-border-color: #c9d3e0; -fx-border-radius: 8; -fx-background-color: white;"
                + " -fx-background-radius: 8;");
        Label title = new Label(model.title());
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        Label badge = badgeLabel(model.status());
        HBox top = new HBox(10, title, badge);
        Label headline = new Label(model.headline());
        headline.setWrapText(true);
        headline.getStyleClass().add("smtp-headline");
        root.getChildren().addAll(top, headline);
        for (Section s : model.sections()) {
            root.getChildren().add(section(s));
        }
        policy = grid(List.of(model.mtaSts(), model.dane()));
        root.getChildren().add(policy);
        for (Line l : model.hostFindings()) {
            root.getChildren().add(finding(l));
        }
    }

    public Node root() {
        return root;
    }

    public Model model() {
        return model;
    }

    /** Fills in the MTA-STS row once the domain-wide result has arrived (FX thread). */
    public void showMtaSts(MtaStsResult mtaSts) {
        Row row = Model.mtaStsRow(hostName, mtaSts);
        int i = root.getChildren().indexOf(policy);
        policy = grid(List.of(row, model.dane()));
        root.getChildren().set(i, policy);
    }

    private Node section(Section s) {
        VBox box = new VBox(6);
        Label t = new Label("Address " + s.title());
        t.setStyle("-fx-font-weight: bold;");
        box.getChildren().addAll(t, grid(s.rows()));
        if (!s.certificate().isEmpty()) {
            Label c = new Label("Certificate");
            c.setStyle("-fx-font-weight: bold;");
            box.getChildren().addAll(c, grid(s.certificate()));
        }
        for (Line l : s.findings()) {
            box.getChildren().add(finding(l));
        }
        TextArea text = new TextArea();
        text.setEditable(false);
        text.getStyleClass().add("mono");
        text.setPrefRowCount(14);
        TitledPane pane = new TitledPane("SMTP transcript (" + s.title() + ")", text);
        pane.getStyleClass().add("smtp-transcript");
        pane.setExpanded(false);
        pane.expandedProperty().addListener((obs, was, now) -> {
            if (now && text.getText().isEmpty()) {
                text.setText(s.transcript()); // filled on demand: transcripts can be long
            }
        });
        box.getChildren().add(pane);
        return box;
    }

    private static GridPane grid(List<Row> rows) {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(3);
        int i = 0;
        for (Row r : rows) {
            Label k = new Label(r.label());
            k.setStyle("-fx-text-fill: #4a5a70;");
            Label v = new Label(r.value());
            v.setWrapText(true);
            if (r.problem()) {
                v.getStyleClass().add("smtp-problem");
                v.setStyle("-fx-text-fill: #9b2c2c; -fx-font-weight: bold;");
            }
            g.addRow(i++, k, v);
        }
        return g;
    }

    private static Node finding(Line l) {
        Label b = badgeLabel(l.status());
        Label h = new Label(l.headline());
        h.setWrapText(true);
        if (l.detail() != null && !l.detail().isBlank()) {
            Tooltip tip = new Tooltip(l.detail());
            tip.setWrapText(true);
            tip.setMaxWidth(520);
            h.setTooltip(tip);
        }
        return new HBox(8, b, h);
    }

    private static Label badgeLabel(Status s) {
        Label b = new Label(badge(s));
        b.getStyleClass().addAll("smtp-status", "smtp-status-" + s.name().toLowerCase(Locale.ROOT));
        b.setStyle("-fx-text-fill: white; -fx-background-color: " + color(s)
                + "; -fx-padding: 1 6 1 6; -fx-background-radius: 4;");
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return b;
    }
}
