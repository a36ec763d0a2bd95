package org.mailmedic.ui.export;

import javafx.scene.Node;
import javafx.scene.layout.VBox;
import org.mailmedic.ui.Placeholder;

/** Export: the session as a PDF report or JSON. */
public final class ExportView {

    private final VBox root = new VBox(12);

    public ExportView() {
        root.getStyleClass().add("screen");
        root.getChildren().add(Placeholder.of("Report",
                "A PDF you can send to your boss, a client or your provider's postmaster: what was wrong, "
                + "the proof, the fix and whether it now passes."));
    }

    public Node root() {
        return root;
    }
}
