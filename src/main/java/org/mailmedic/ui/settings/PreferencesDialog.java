package org.mailmedic.ui.settings;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.mailmedic.engine.session.Settings;

/**
 * Edit &gt; Preferences: the DNS resolver and the HELO name the live checks use, the DNS
 * blocklists they ask (with the default list one click away), and forgetting the recent files.
 * Each field says at once what is wrong with it; OK stays off until everything can be used.
 * The dialog's result is the new {@link Settings}, applied to the next live check.
 */
public final class PreferencesDialog extends Dialog<Settings> {

    private final PreferencesViewModel model;

    public PreferencesDialog(Window owner, Settings current) {
        this.model = new PreferencesViewModel(current);
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Preferences");
        setHeaderText("How MailMedic checks your domain");
        setResizable(true);
        getDialogPane().setId("preferences");

        TextField resolver = new TextField();
        resolver.setId("prefResolver");
        resolver.setPromptText("empty: your computer's DNS servers");
        resolver.textProperty().bindBidirectional(model.resolverProperty());
        TextField helo = new TextField();
        helo.setId("prefHelo");
        helo.setPromptText("empty: MailMedic's own address, e.g. [192.0.2.1]");
        helo.textProperty().bindBidirectional(model.heloProperty());
        TextArea dnsbls = new TextArea();
        dnsbls.setId("prefDnsbls");
        dnsbls.setPrefRowCount(7);
        dnsbls.setPrefColumnCount(36);
        dnsbls.getStyleClass().add("mono");
        dnsbls.textProperty().bindBidirectional(model.dnsblsProperty());
        Button defaults = new Button("Restore the default list");
        defaults.setId("prefDnsblDefaults");
        defaults.setOnAction(e -> model.restoreDefaultDnsbls());
        Button clearRecent = new Button("Forget recent files");
        clearRecent.setId("prefClearRecent");
        clearRecent.setDisable(current.recentFiles().isEmpty());
        clearRecent.setOnAction(e -> {
            model.clearRecentFiles();
            clearRecent.setText("Recent files will be forgotten");
            clearRecent.setDisable(true);
        });

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.setPadding(new Insets(10, 10, 0, 10));
        int row = 0;
        grid.addRow(row++, new Label("DNS server:"), resolver);
        grid.add(hint("An address or host name, with :port if not 53, e.g. 192.0.2.53 or dns.example.net:5353.",
                null), 1, row++);
        grid.add(error("prefResolverError", model.resolverErrorProperty()), 1, row++);
        grid.addRow(row++, new Label("HELO name:"), helo);
        grid.add(hint("The name MailMedic greets mail servers with: your mail server's full name, "
                + "e.g. mail.example.com.", null), 1, row++);
        grid.add(error("prefHeloError", model.heloErrorProperty()), 1, row++);
        Label zones = new Label("Blocklists:");
        GridPane.setValignment(zones, javafx.geometry.VPos.TOP);
        grid.add(zones, 0, row);
        grid.add(new VBox(4, dnsbls, hint("One zone a line, e.g. zen.spamhaus.org.", defaults)), 1, row++);
        grid.add(error("prefDnsblError", model.dnsblErrorProperty()), 1, row++);
        grid.addRow(row, new Label("Recent files:"), clearRecent);
        GridPane.setHgrow(resolver, Priority.ALWAYS);
        GridPane.setHgrow(dnsbls, Priority.ALWAYS);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints(360, 470,
                Double.MAX_VALUE);
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        getDialogPane().setContent(grid);
        getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A message that appears makes the dialog taller rather than cutting the text short.
        javafx.beans.InvalidationListener grow = o -> javafx.application.Platform.runLater(() -> {
            if (getDialogPane().getScene() != null && getDialogPane().getScene().getWindow() != null) {
                getDialogPane().getScene().getWindow().sizeToScene();
            }
        });
        model.resolverErrorProperty().addListener(grow);
        model.heloErrorProperty().addListener(grow);
        model.dnsblErrorProperty().addListener(grow);

        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("prefOk");
        ok.disableProperty().bind(model.validProperty().not());
        setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE ? model.result() : null);
    }

    public PreferencesViewModel model() {
        return model;
    }

    private static Node hint(String text, Node right) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMaxWidth(460);
        if (right == null) {
            return l;
        }
        HBox.setHgrow(l, Priority.ALWAYS);
        return new HBox(10, l, right);
    }

    private static Label error(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMaxWidth(460);
        l.setStyle("-fx-text-fill: #c53030;");
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.managedProperty());
        return l;
    }
}
