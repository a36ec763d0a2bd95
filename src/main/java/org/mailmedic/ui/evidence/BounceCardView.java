package org.mailmedic.ui.evidence;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.mailmedic.engine.bounce.BounceFileResult;

/**
 * The bounces of one file as readable cards: who did not get the message, why in plain words,
 * temporary or permanent, the codes and their meaning, the raw diagnostic in monospace, the
 * original message's subject and date, and a "Show message source" toggle with the raw text
 * (HTML stays text; nothing is fetched). Build it from a result read off the FX thread:
 * {@code new BounceCardView(new BounceReader().read(path)).root()}.
 */
public final class BounceCardView {

    private final VBox cards = new VBox(12);
    private final ScrollPane root = new ScrollPane(cards);
    private final BounceCardViewModel model;

    public BounceCardView(BounceFileResult result) {
        this(new BounceCardViewModel(result));
    }

    public BounceCardView(BounceCardViewModel model) {
        this.model = model;
        cards.setPadding(new Insets(12));
        cards.getStyleClass().add("bounce-cards");
        root.setFitToWidth(true);
        root.setId("bounceCards");
        root.getStylesheets().add(BounceCardView.class.getResource("bounce-card.css").toExternalForm());
        Label summary = new Label(model.message());
        summary.getStyleClass().add("bounce-summary");
        summary.setWrapText(true);
        cards.getChildren().add(summary);
        for (BounceCardViewModel.Card c : model.cards()) {
            cards.getChildren().add(card(c));
        }
    }

    public Node root() {
        return root;
    }

    public BounceCardViewModel model() {
        return model;
    }

    private static Node card(BounceCardViewModel.Card c) {
        VBox box = new VBox(6);
        box.getStyleClass().addAll("bounce-card", c.permanent() ? "permanent" : "temporary");

        Label who = new Label(c.who());
        who.getStyleClass().add("bounce-who");
        Label headline = new Label(c.headline());
        headline.getStyleClass().add("bounce-headline");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label permanence = new Label(c.permanence());
        permanence.getStyleClass().add("bounce-permanence");
        HBox top = new HBox(10, who, headline, spacer, permanence);

        Label plain = new Label(c.plain());
        plain.getStyleClass().add("bounce-plain");
        plain.setWrapText(true);
        box.getChildren().addAll(top, plain);

        if (!c.codes().isEmpty()) {
            Label codes = new Label(c.codes());
            codes.getStyleClass().add("bounce-codes");
            codes.setWrapText(true);
            box.getChildren().add(codes);
        }
        if (!c.diagnostic().isEmpty()) {
            Label diag = new Label(c.diagnostic());
            diag.getStyleClass().add("bounce-diagnostic");
            diag.setWrapText(true);
            box.getChildren().add(diag);
        }
        if (!c.hosts().isEmpty()) {
            Label hosts = new Label(c.hosts());
            hosts.getStyleClass().add("bounce-hosts");
            box.getChildren().add(hosts);
        }
        if (!c.original().isEmpty()) {
            Label original = new Label(c.original());
            original.getStyleClass().add("bounce-original");
            original.setWrapText(true);
            box.getChildren().add(original);
        }
        ToggleButton show = new ToggleButton("Show message source");
        show.getStyleClass().add("bounce-source-toggle");
        TextArea source = new TextArea();
        source.setEditable(false);
        source.setWrapText(false);
        source.getStyleClass().add("bounce-source");
        source.setPrefRowCount(18);
        source.setVisible(false);
        source.setManaged(false);
        show.selectedProperty().addListener((obs, was, on) -> {
            if (on && source.getText().isEmpty()) {
                source.setText(BounceCardViewModel.source(c.bounce())); // in memory, capped
            }
            source.setVisible(on);
            source.setManaged(on);
            show.setText(on ? "Hide message source" : "Show message source");
        });
        box.getChildren().addAll(show, source);
        return box;
    }
}
