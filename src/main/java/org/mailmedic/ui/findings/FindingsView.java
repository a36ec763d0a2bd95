package org.mailmedic.ui.findings;

import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.mailmedic.ui.Placeholder;

/** Findings: the causes found in the evidence and live checks, most serious first. */
public final class FindingsView {

    private final VBox root = new VBox(12);

    public FindingsView() {
        root.getStyleClass().add("screen");
        root.getChildren().add(Placeholder.of("No findings yet",
                "Add evidence or run a live check. Each problem found will appear here in plain words, "
                + "with the log lines or bounce text that prove it and a step-by-step fix for your mail server."));
    }

    public Node root() {
        return root;
    }
}
