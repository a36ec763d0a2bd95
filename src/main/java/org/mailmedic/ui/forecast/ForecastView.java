package org.mailmedic.ui.forecast;

import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.mailmedic.ui.Placeholder;

/** Forecast: will a stuck queue ever drain? */
public final class ForecastView {

    private final VBox root = new VBox(12);

    public ForecastView() {
        root.getStyleClass().add("screen");
        root.getChildren().add(Placeholder.of("Will the queue drain?",
                "When a destination accepts only so many messages a day, MailMedic models your mail server's "
                + "retries against that limit and tells you whether the backlog drains, when, and what must change."));
    }

    public Node root() {
        return root;
    }
}
