package org.mailmedic.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The body of a screen whose engine has not landed yet: says what will appear there. */
public final class Placeholder {

    private Placeholder() {
    }

    public static VBox of(String title, String text) {
        Label t = new Label(title);
        t.getStyleClass().add("placeholder-title");
        Label b = new Label(text);
        b.setWrapText(true);
        b.getStyleClass().add("placeholder-text");
        VBox box = new VBox(8, t, b);
        box.setAlignment(Pos.TOP_LEFT);
        box.setMaxWidth(640);
        return box;
    }
}
