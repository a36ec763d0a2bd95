package org.mailmedic.ui.check;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.mailmedic.ui.Placeholder;

/** Live check: the user's domain, checked from the outside (DNS, SMTP, TLS). */
public final class CheckView {

    private final VBox root = new VBox(12);
    private final TextField domain = new TextField();
    private final Button check = new Button("Check");
    private final Label result = new Label();

    public CheckView() {
        root.getStyleClass().add("screen");
        domain.setPromptText("your domain, e.g. example.co.uk");
        domain.setId("checkDomain");
        HBox.setHgrow(domain, Priority.ALWAYS);
        check.setId("checkButton");
        check.setDefaultButton(true);
        check.disableProperty().bind(domain.textProperty().isEmpty());
        check.setOnAction(e -> result.setText("Live checks of " + domain.getText().strip()
                + " are not available in this version yet."));
        HBox row = new HBox(10, new Label("Domain:"), domain, check);
        row.setAlignment(Pos.CENTER_LEFT);
        result.setId("checkResult");
        root.getChildren().addAll(row, result, Placeholder.of("What the live check looks at",
                "Your domain's mail servers (MX), their greeting and encryption (STARTTLS, certificates), "
                + "SPF, DMARC, MTA-STS and DANE, and whether your server's address is on a blacklist. "
                + "Nothing is ever sent to anyone."));
    }

    public Node root() {
        return root;
    }

    public TextField domainField() {
        return domain;
    }
}
