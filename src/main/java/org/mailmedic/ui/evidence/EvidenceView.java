package org.mailmedic.ui.evidence;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.mailmedic.engine.evidence.EvidenceFile;

/**
 * The Evidence screen: a large drop zone, then the list of files with what each turned out to
 * be. Files may also be dropped anywhere on the screen.
 */
public final class EvidenceView {

    private final EvidenceViewModel model;
    private final VBox root = new VBox(12);
    private final StackPane dropZone = new StackPane();
    private final TableView<EvidenceFile> table = new TableView<>();

    public EvidenceView(EvidenceViewModel model, Runnable onOpen, Runnable onOpenSample) {
        this.model = model;
        root.getStyleClass().add("screen");

        Label big = new Label("Drop a bounce email or a mail server log here");
        big.getStyleClass().add("drop-title");
        Label small = new Label("Bounces (.eml, .mbox, .msg, .txt) and logs from Postfix, Sendmail, Exim or Exchange, "
                + "plain or .gz. Your files are only read, never changed.");
        small.getStyleClass().add("drop-hint");
        small.setWrapText(true);
        Button open = new Button("Open files…");
        open.setId("openFiles");
        open.setOnAction(e -> onOpen.run());
        Button sample = new Button("Open a sample case…");
        sample.setId("openSample");
        sample.setOnAction(e -> onOpenSample.run());
        HBox buttons = new HBox(10, open, sample);
        buttons.setAlignment(Pos.CENTER);
        VBox inner = new VBox(10, big, small, buttons);
        inner.setAlignment(Pos.CENTER);
        inner.setMaxWidth(640);
        dropZone.getChildren().add(inner);
        dropZone.getStyleClass().add("drop-zone");
        dropZone.setId("dropZone");
        dropZone.setMinHeight(170);

        TableColumn<EvidenceFile, String> name = new TableColumn<>("File");
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        name.setPrefWidth(260);
        TableColumn<EvidenceFile, String> kind = new TableColumn<>("What it is");
        kind.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().kind().label()));
        kind.setPrefWidth(170);
        TableColumn<EvidenceFile, String> size = new TableColumn<>("Size");
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(humanSize(c.getValue().size())));
        size.setPrefWidth(90);
        size.setStyle("-fx-alignment: CENTER-RIGHT;");
        TableColumn<EvidenceFile, String> note = new TableColumn<>("Notes");
        note.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().usable() ? c.getValue().detail() : "⚠ " + c.getValue().problem()));
        note.setPrefWidth(420);
        table.getColumns().setAll(List.of(name, kind, size, note));
        table.setItems(model.files());
        table.setId("evidenceTable");
        table.setPlaceholder(new Label("No evidence yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(tv -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(EvidenceFile item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("problem-row");
                setTooltip(null);
                if (!empty && item != null && !item.usable()) {
                    getStyleClass().add("problem-row");
                    setTooltip(new Tooltip(item.name() + " " + item.problem()));
                }
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        bar.setPrefWidth(220);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelEvidence");
        cancel.visibleProperty().bind(model.busyProperty());
        cancel.setOnAction(e -> model.cancel());
        Label status = new Label();
        status.setId("evidenceStatus");
        status.textProperty().bind(model.statusProperty());
        HBox statusRow = new HBox(10, status, bar, cancel);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        root.getChildren().addAll(dropZone, statusRow, table);
        installDropTarget(root);
    }

    public Node root() {
        return root;
    }

    public Node dropZone() {
        return dropZone;
    }

    private void installDropTarget(Node target) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                dropZone.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("armed"), true);
            }
            e.consume();
        });
        target.addEventHandler(DragEvent.DRAG_EXITED, e ->
                dropZone.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("armed"), false));
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            boolean ok = false;
            if (e.getDragboard().hasFiles()) {
                List<Path> paths = e.getDragboard().getFiles().stream().map(File::toPath).toList();
                model.addFiles(paths);
                ok = true;
            }
            dropZone.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("armed"), false);
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format("%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
