package org.mailmedic.ui.findings;

import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;
import org.mailmedic.engine.diagnosis.EvidenceRef;
import org.mailmedic.engine.diagnosis.Finding;
import org.mailmedic.engine.diagnosis.fix.FixGuide;
import org.mailmedic.engine.diagnosis.fix.FixStep;
import org.mailmedic.engine.diagnosis.fix.MailServer;
import org.mailmedic.engine.diagnosis.fix.Snippet;
import org.mailmedic.engine.diagnosis.fix.VerifyResult;
import org.mailmedic.ui.Placeholder;

/**
 * Findings: most serious first on the left; the selected one on the right with its evidence and
 * a guided walkthrough of the fix for the user's mail server, one step at a time, with Copy
 * buttons for each snippet, inline code in the prose shown as code and copied by a click
 * ({@link ProseFlow}), and a Verify button that shows pass/fail live.
 */
public final class FindingsView {

    private static final int MAX_EVIDENCE_SHOWN = 40;
    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("d MMM yyyy HH:mm", java.util.Locale.ENGLISH).withZone(java.time.ZoneId.systemDefault());

    private final FindingsViewModel model;
    private final StackPane root = new StackPane();
    private final ListView<Finding> list = new ListView<>();
    private final VBox detail = new VBox(12);
    private final IntegerProperty step;

    public FindingsView(FindingsViewModel model) {
        this.model = model;
        this.step = model.stepProperty();
        list.setItems(model.findings());
        list.setId("findingsList");
        list.setCellFactory(lv -> new FindingCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                model.selectedProperty().set(b);
            }
        });
        model.selectedProperty().addListener((o, a, b) -> {
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
            render();
        });
        // The model puts the step back (the one reached for this finding, or the first for a new guide).
        model.guideProperty().addListener((o, a, b) -> render());
        model.doneSteps().addListener((javafx.collections.SetChangeListener<Integer>) c -> render());
        model.verifyResultProperty().addListener((o, a, b) -> render());
        step.addListener((o, a, b) -> render());

        detail.setPadding(new Insets(4, 16, 16, 16));
        detail.setId("findingDetail");
        ScrollPane scroll = new ScrollPane(detail);
        scroll.setFitToWidth(true);
        SplitPane split = new SplitPane(list, scroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.36);
        VBox empty = Placeholder.of("No findings yet",
                "Add evidence or run a live check. Each problem found will appear here in plain words, "
                + "with the log lines or bounce text that prove it and a step-by-step fix for your mail server.");
        empty.setPadding(new Insets(16));
        StackPane.setAlignment(empty, Pos.TOP_LEFT);
        empty.visibleProperty().bind(Bindings.isEmpty(model.findings()));
        split.visibleProperty().bind(Bindings.isNotEmpty(model.findings()));
        root.getChildren().addAll(split, empty);
        root.getStyleClass().add("findings");
        render();
    }

    public Node root() {
        return root;
    }

    private void render() {
        detail.getChildren().clear();
        Finding f = model.selectedProperty().get();
        if (f == null) {
            return;
        }
        Label sev = badge(f);
        Label headline = new Label(f.headline());
        headline.getStyleClass().add("finding-headline");
        headline.setWrapText(true);
        headline.setId("findingHeadline");
        detail.getChildren().addAll(new HBox(8, sev, new Label("how sure: " + f.confidence().label())), headline);
        if (!f.impact().isEmpty()) {
            Label impact = new Label(f.impact());
            impact.getStyleClass().add("finding-impact");
            impact.setWrapText(true);
            detail.getChildren().add(impact);
        }
        if (!f.why().isEmpty()) {
            Label why = new Label(f.why());
            why.setWrapText(true);
            detail.getChildren().add(why);
        }
        detail.getChildren().add(section("The evidence"));
        StringBuilder ev = new StringBuilder();
        int n = 0;
        for (EvidenceRef r : f.evidence()) {
            if (n++ == MAX_EVIDENCE_SHOWN) {
                ev.append("… and ").append(f.evidence().size() - MAX_EVIDENCE_SHOWN).append(" more\n");
                break;
            }
            ev.append(r.where()).append(": ").append(r.text()).append('\n');
        }
        TextArea evidence = mono(ev.toString().stripTrailing(), Math.min(10, Math.max(2, n + 1)));
        evidence.setId("findingEvidence");
        detail.getChildren().add(evidence);

        ChoiceBox<MailServer> server = new ChoiceBox<>();
        server.getItems().setAll(MailServer.values());
        server.setValue(model.serverProperty().get());
        server.setConverter(new StringConverter<>() {
            @Override
            public String toString(MailServer s) {
                return s == null ? "" : s.label();
            }

            @Override
            public MailServer fromString(String s) {
                return null;
            }
        });
        server.setId("serverChoice");
        server.valueProperty().addListener((o, a, b) -> {
            model.serverDetectedProperty().set(false);
            model.serverProperty().set(b);
        });
        Label detected = new Label(model.serverDetectedProperty().get() ? "(detected from your evidence)" : "");
        detected.getStyleClass().add("muted");
        HBox serverRow = new HBox(8, new Label("Your mail server:"), server, detected);
        serverRow.setAlignment(Pos.CENTER_LEFT);
        detail.getChildren().addAll(section("How to fix it"), serverRow);

        FixGuide g = model.guideProperty().get();
        if (g == null) {
            detail.getChildren().add(new Label("No step-by-step guide for this yet."));
            return;
        }
        Label title = new Label(g.title());
        title.getStyleClass().add("guide-title");
        title.setWrapText(true);
        TextFlow intro = ProseFlow.of(g.intro());
        intro.setId("guideIntro");
        detail.getChildren().addAll(title, intro);
        detail.getChildren().add(stepView(g));
    }

    private Node stepView(FixGuide g) {
        int total = g.steps().size() + (g.verify() != null ? 1 : 0);
        int i = Math.min(step.get(), total - 1);
        VBox box = new VBox(8);
        box.getStyleClass().add("guide-step");
        box.setId("guideStep");
        Label counter = new Label("Step " + (i + 1) + " of " + total);
        counter.getStyleClass().add("muted");
        counter.setId("stepCounter");
        Button back = new Button("Back");
        back.setId("stepBack");
        back.setDisable(i == 0);
        back.setOnAction(e -> step.set(i - 1));
        Button next = new Button("Next");
        next.setId("stepNext");
        next.setDisable(i >= total - 1);
        next.setOnAction(e -> step.set(i + 1));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox nav = new HBox(8, counter, gap, back, next);
        nav.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(nav);
        if (i < g.steps().size()) {
            FixStep s = g.steps().get(i);
            Label t = new Label(s.number() + ". " + s.title());
            t.getStyleClass().add("step-title");
            t.setWrapText(true);
            box.getChildren().add(t);
            if (!s.text().isEmpty()) {
                TextFlow text = ProseFlow.of(s.text());
                text.setId("stepText");
                box.getChildren().add(text);
            }
            CheckBox done = new CheckBox("I have done this step");
            done.setId("stepDone");
            done.setSelected(model.doneSteps().contains(i));
            done.selectedProperty().addListener((o, a, b) -> model.setStepDone(i, b));
            for (Snippet sn : s.snippets()) {
                String head = switch (sn.type()) {
                    case "file" -> "In " + sn.target() + ":";
                    case "command" -> "Run:";
                    default -> sn.target().isEmpty() ? "Text:" : sn.target() + ":";
                };
                Button copy = new Button("Copy");
                copy.getStyleClass().add("copy-button");
                copy.setOnAction(e -> {
                    ClipboardContent c = new ClipboardContent();
                    c.putString(sn.code());
                    Clipboard.getSystemClipboard().setContent(c);
                    copy.setText("Copied");
                });
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                HBox headRow = new HBox(8, new Label(head), spacer, copy);
                headRow.setAlignment(Pos.CENTER_LEFT);
                box.getChildren().addAll(headRow, mono(sn.code(), Math.min(14, (int) sn.code().lines().count() + 1)));
            }
            box.getChildren().add(done);
        } else {
            Label t = new Label((g.steps().size() + 1) + ". Check that it worked");
            t.getStyleClass().add("step-title");
            TextFlow text = ProseFlow.of(g.verify().description());
            text.setId("stepText");
            Button verify = new Button("Verify now");
            verify.setId("verifyButton");
            verify.disableProperty().bind(model.verifyingProperty().or(model.verifierProperty().isNull()));
            verify.setOnAction(e -> model.verify());
            Label result = new Label();
            result.setId("verifyResult");
            result.setWrapText(true);
            VerifyResult r = model.verifyResultProperty().get();
            if (model.verifyingProperty().get()) {
                result.setText("Checking…");
            } else if (r != null) {
                result.setText(switch (r.outcome()) {
                    case PASSED -> "✔ Passed: ";
                    case FAILED -> "✘ Not yet: ";
                    case NOT_RUN -> "– Could not check: ";
                } + r.summary() + (r.at() == null ? "" : " (checked " + WHEN.format(r.at()) + ")"));
                result.getStyleClass().add(r.passed() ? "verify-pass" : "verify-fail");
            }
            model.verifyingProperty().addListener((o, a, b) -> {
                if (b) {
                    result.setText("Checking…");
                }
            });
            if (!g.verify().runnable()) {
                verify.disableProperty().unbind();
                verify.setDisable(true);
                result.setText("To check this, MailMedic needs " + String.join(" and ", g.verify().missing())
                        + ": run a live check of your domain first.");
            }
            box.getChildren().addAll(t, text, new HBox(10, verify, result));
            if (r != null && !r.details().isEmpty()) {
                box.getChildren().add(mono(String.join("\n", r.details()), Math.min(10, r.details().size() + 1)));
            }
        }
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static TextArea mono(String text, int rows) {
        TextArea a = new TextArea(text);
        a.setEditable(false);
        a.setWrapText(false);
        a.setPrefRowCount(Math.max(1, rows));
        a.getStyleClass().add("mono");
        return a;
    }

    static Label badge(Finding f) {
        Label l = new Label(f.severity().label().toUpperCase(java.util.Locale.ROOT));
        l.getStyleClass().addAll("severity", "severity-" + f.severity().label());
        return l;
    }

    private static final class FindingCell extends ListCell<Finding> {
        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label h = new Label(f.headline());
            h.setWrapText(true);
            h.setMaxWidth(320);
            Label sub = new Label(f.subject());
            sub.getStyleClass().add("muted");
            VBox v = new VBox(2, badge(f), h, sub);
            setGraphic(v);
            setText(null);
        }
    }
}
