package org.mailmedic.ui.findings;

import javafx.scene.Cursor;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;
import org.mailmedic.engine.diagnosis.fix.InlineCode;

/**
 * A fix guide's prose in the window: wrapped text in which the inline code the guide marks
 * with backticks (commands, settings, record text; see {@link InlineCode}) shows as code, in a
 * monospace face and without the backticks. A click on a piece of code copies it, exactly as
 * it must be typed, to the clipboard (its tooltip says so, then says it was copied).
 */
final class ProseFlow {

    static final String CODE_CLASS = "inline-code";

    private ProseFlow() {
    }

    static TextFlow of(String text) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("prose");
        for (InlineCode.Run r : InlineCode.parse(text)) {
            Text t = new Text(r.text());
            t.getStyleClass().add(r.code() ? CODE_CLASS : "prose-text");
            if (r.code()) {
                // Set here too, not only in the stylesheet: a command looks like one wherever the view is shown.
                t.setStyle("-fx-font-family: \"Monospaced\";");
                copyOnClick(t);
            }
            flow.getChildren().add(t);
        }
        return flow;
    }

    private static void copyOnClick(Text t) {
        Tooltip tip = new Tooltip("Click to copy");
        tip.setShowDelay(Duration.millis(300));
        Tooltip.install(t, tip);
        t.setCursor(Cursor.HAND);
        t.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                ClipboardContent c = new ClipboardContent();
                c.putString(t.getText());
                Clipboard.getSystemClipboard().setContent(c);
                tip.setText("Copied: " + t.getText());
            }
        });
        t.setOnMouseExited(e -> tip.setText("Click to copy"));
    }
}
