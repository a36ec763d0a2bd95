package org.mailmedic.ui;

import javafx.scene.Parent;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;

/** Test helper: screens join the scene when their tab is first selected ({@link Tabs}). */
public final class TabSelection {

    private TabSelection() {
    }

    /** Selects the tab with this id in the window's tab pane, as a user clicking it would. */
    public static void select(FxRobot robot, Parent root, String tabId) {
        robot.interact(() -> {
            TabPane tabs = (TabPane) root.lookup(".tab-pane");
            tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
    }
}
