package org.mailmedic.ui.check;

import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.mailmedic.engine.probe.CheckResult;
import org.mailmedic.engine.probe.smtp.HostResult;
import org.mailmedic.engine.probe.TraceNode;
import org.mailmedic.engine.probe.dns.DnsEvidence;

/**
 * Live check: the user's domain checked from the outside. One expandable row per check, each
 * with a pass/warn/fail mark that fills in as results arrive; a row opens to its evidence (the
 * findings, the DNS answers used, and for SPF the evaluation trace as a tree).
 */
public final class CheckView {

    private final CheckViewModel model;
    private final VBox root = new VBox(10);
    private final VBox rowsBox = new VBox(4);
    private final TextField domainField;

    /** The window's form: checks run on {@code executor}. */
    public CheckView(Executor executor) {
        this(new CheckViewModel(executor));
    }

    private final VBox cardsBox = new VBox(10);
    private final java.util.List<SmtpHostCard> cards = new java.util.ArrayList<>();

    public CheckView(CheckViewModel model) {
        this.model = model;
        root.getStyleClass().add("screen");

        TextField domain = field("checkDomain", "your domain, e.g. example.co.uk", model.domainProperty());
        HBox.setHgrow(domain, Priority.ALWAYS);
        domainField = domain;
        Button check = new Button("Check");
        check.setId("checkButton");
        check.setDefaultButton(true);
        check.disableProperty().bind(domain.textProperty().isEmpty().or(model.busyProperty()));
        check.setOnAction(e -> model.check());
        Button cancel = new Button("Cancel");
        cancel.setId("checkCancel");
        cancel.disableProperty().bind(model.busyProperty().not());
        cancel.setOnAction(e -> model.cancel());
        HBox top = new HBox(10, new Label("Domain:"), domain, check, cancel);
        top.setAlignment(Pos.CENTER_LEFT);
        // Where a domain filled in from the evidence came from; gone once the user types another.
        Label source = new Label();
        source.setId("checkDomainSource");
        source.getStyleClass().add("muted");
        source.setWrapText(true);
        source.textProperty().bind(Bindings.when(model.domainSourceProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Filled in from ", model.domainSourceProperty(),
                        ". Type another domain to check that one instead.")));
        source.visibleProperty().bind(model.domainSourceProperty().isNotEmpty());
        source.managedProperty().bind(source.visibleProperty());

        TextField ip = field("checkSendingIp", "optional: your server's public IP", model.sendingIpProperty());
        TextField dkim = field("checkDkimSelector", "optional: DKIM selector", model.dkimSelectorProperty());
        TextField dns = field("checkDnsServer", "system resolver (or HOST:PORT)", model.dnsServerProperty());
        HBox settings = new HBox(10, new Label("Sending IP:"), ip, new Label("DKIM selector:"), dkim,
                new Label("DNS server:"), dns);
        settings.setAlignment(Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setId("checkProgress");
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("checkStatus");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        HBox statusRow = new HBox(10, bar, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        rowsBox.setId("checkRows");
        rowsBox.setPadding(new Insets(4, 0, 0, 0));
        ScrollPane scroll = new ScrollPane(rowsBox);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        model.rows().addListener((javafx.collections.ListChangeListener<CheckViewModel.Row>) c -> rebuild());

        Label serversTitle = new Label("Mail servers");
        serversTitle.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        cardsBox.setId("smtpCards");
        VBox servers = new VBox(8, serversTitle, cardsBox);
        servers.setPadding(new Insets(12, 0, 0, 0));
        servers.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.smtpHosts()));
        servers.managedProperty().bind(servers.visibleProperty());
        VBox content = new VBox(4, rowsBox, servers);
        scroll.setContent(content);
        model.smtpHosts().addListener((javafx.collections.ListChangeListener<HostResult>) c -> {
            while (c.next()) {
                if (c.wasRemoved() && model.smtpHosts().isEmpty()) {
                    cards.clear();
                    cardsBox.getChildren().clear();
                }
                for (HostResult h : c.getAddedSubList()) {
                    SmtpHostCard card = new SmtpHostCard(h, null);
                    card.root().setId("smtp-card-" + h.name().replaceAll("[^A-Za-z0-9]+", "-"));
                    cards.add(card);
                    cardsBox.getChildren().add(card.root());
                }
            }
        });
        model.lastSmtpProperty().addListener((o, was, now) -> {
            if (now != null) {
                cards.forEach(card -> card.showMtaSts(now.mtaSts()));
            }
        });

        root.getChildren().addAll(top, source, settings, statusRow, scroll);
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private void rebuild() {
        rowsBox.getChildren().clear();
        for (CheckViewModel.Row row : model.rows()) {
            rowsBox.getChildren().add(rowPane(row));
        }
    }

    private TitledPane rowPane(CheckViewModel.Row row) {
        TitledPane pane = new TitledPane();
        pane.setExpanded(false);
        pane.getStyleClass().add("check-row");
        pane.setId("row-" + row.title().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(java.util.Locale.ROOT));
        Label mark = new Label();
        mark.getStyleClass().add("check-mark");
        mark.setMinWidth(18);
        pane.setGraphic(mark);
        pane.textProperty().bind(Bindings.createStringBinding(() -> {
            CheckResult r = row.result();
            return row.title() + " — " + (r == null ? "checking…" : r.headline());
        }, row.resultProperty()));
        Runnable update = () -> {
            CheckResult r = row.result();
            mark.setText(r == null ? "…" : switch (r.status()) {
                case PASS -> "✔";
                case INFO -> "ℹ";
                case WARN -> "⚠";
                case FAIL -> "✖";
            });
            mark.getStyleClass().removeAll("mark-pass", "mark-info", "mark-warn", "mark-fail");
            mark.setStyle("-fx-font-weight: bold; -fx-text-fill: " + (r == null ? "#718096" : switch (r.status()) {
                case PASS -> "#276749";
                case INFO -> "#2b6cb0";
                case WARN -> "#b7791f";
                case FAIL -> "#c53030";
            }) + ";");
            if (r != null) {
                mark.getStyleClass().add("mark-" + r.status().name().toLowerCase(java.util.Locale.ROOT));
                pane.setContent(evidence(r));
            }
            pane.setCollapsible(r != null);
        };
        update.run();
        row.resultProperty().addListener((o, a, b) -> update.run());
        return pane;
    }

    /** The opened row: findings, the SPF trace as a tree, and the DNS answers used. */
    static Node evidence(CheckResult r) {
        VBox box = new VBox(6);
        Label headline = new Label(r.headline());
        headline.setWrapText(true);
        headline.setStyle("-fx-font-weight: bold;");
        box.getChildren().add(headline);
        for (String d : r.details()) {
            Label l = new Label("• " + d);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        if (r.trace() != null) {
            TreeView<String> tree = new TreeView<>(treeItem(r.trace()));
            tree.setId("trace-" + r.id());
            tree.setPrefHeight(260);
            box.getChildren().addAll(new Label("How it was worked out:"), tree);
        }
        if (!r.dns().isEmpty()) {
            ListView<String> answers = new ListView<>();
            answers.getStyleClass().add("mono"); // defined in mailmedic.css
            for (DnsEvidence e : r.dns()) {
                answers.getItems().add(e.describe());
            }
            answers.setPrefHeight(Math.min(200, 26 * r.dns().size() + 4));
            box.getChildren().addAll(new Label("DNS answers used:"), answers);
        }
        return box;
    }

    static TreeItem<String> treeItem(TraceNode n) {
        String text = n.label() + (n.outcome() == null || n.outcome().isEmpty() ? "" : "  ⇒ " + n.outcome())
                + (n.lookupsSoFar() >= 0 ? "   [lookups " + n.lookupsSoFar() + "/10]" : "");
        TreeItem<String> item = new TreeItem<>(text);
        item.setExpanded(true);
        for (DnsEvidence e : n.dns()) {
            item.getChildren().add(new TreeItem<>("DNS: " + e.describe()));
        }
        for (String note : n.notes()) {
            item.getChildren().add(new TreeItem<>(note));
        }
        for (TraceNode c : n.children()) {
            item.getChildren().add(treeItem(c));
        }
        return item;
    }

    public Node root() {
        return root;
    }

    public CheckViewModel model() {
        return model;
    }

    public TextField domainField() {
        return domainField;
    }
}
