package org.mailmedic.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class TabsTest {

    private TabPane pane;
    private Label first;
    private Label second;

    @Start
    void start(Stage stage) {
        first = new Label("first screen");
        first.setId("firstContent");
        second = new Label("second screen");
        second.setId("secondContent");
        pane = new TabPane(Tabs.attachedWhenSelected("One", "oneTab", first),
                Tabs.attachedWhenSelected("Two", "twoTab", second));
        stage.setScene(new Scene(pane, 400, 300));
        stage.show();
    }

    @Test
    void onlyTheSelectedTabsContentIsInTheSceneAtFirst(FxRobot robot) {
        Tab one = pane.getTabs().get(0);
        Tab two = pane.getTabs().get(1);
        assertThat(one.getId()).isEqualTo("oneTab");
        assertThat(one.getText()).isEqualTo("One");
        assertThat(one.getContent()).isSameAs(first);
        assertThat(first.getScene()).isNotNull();
        assertThat(two.getContent()).isNull();
        assertThat(second.getScene()).isNull();
        assertThat(robot.lookup("#secondContent").tryQuery()).isEmpty();
    }

    @Test
    void selectingATabAttachesItsContentOnceAndKeepsIt(FxRobot robot) {
        robot.interact(() -> pane.getSelectionModel().select(1));
        assertThat(pane.getTabs().get(1).getContent()).isSameAs(second);
        assertThat(robot.lookup("#secondContent").queryAs(Label.class).getText()).isEqualTo("second screen");
        robot.interact(() -> pane.getSelectionModel().select(0));
        robot.interact(() -> pane.getSelectionModel().select(1));
        assertThat(pane.getTabs().get(1).getContent()).isSameAs(second);
        assertThat(pane.getTabs().get(0).getContent()).isSameAs(first);
    }
}
