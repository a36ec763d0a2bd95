package org.mailmedic.ui;

import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Tab;

/**
 * The main window's tabs. A tab's content joins the scene only when the tab is first
 * selected: until then the screen's nodes exist (built with their view-model, listening to
 * it) but cost no CSS, skin or layout work. At start only the first tab is shown, and styling
 * and skinning the four others took about as long as starting the toolkit (see
 * {@code installer/README.md}, "Start time"). A test or a caller that looks a node up by id
 * must select its tab first, as a user would.
 */
public final class Tabs {

    private Tabs() {
    }

    /** A tab with this text and id whose content is attached when the tab is first selected. */
    public static Tab attachedWhenSelected(String text, String id, Node content) {
        Tab t = new Tab(text);
        t.setId(id);
        ChangeListener<Boolean> attach = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    t.selectedProperty().removeListener(this);
                    t.setContent(content);
                }
            }
        };
        t.selectedProperty().addListener(attach);
        return t;
    }
}
