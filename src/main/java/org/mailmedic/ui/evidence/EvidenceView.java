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
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.mailmedic.engine.bounce.BounceFileResult;
import org.mailmedic.engine.diagnosis.EvidenceSet;
import org.mailmedic.engine.evidence.EvidenceFile;

/**
 * The Evidence screen: a large drop zone, then the list of files with what each turned out to
 * be, and under it what the selected file says: a bounce's cards, or the summary of all logs
 * read (per-destination table, daily chart, throttle/TLS patterns). Files may also be dropped
 * anywhere on the screen. The detail comes from the view-model's one analysis per change.
 */
public final class EvidenceView {

    private final EvidenceViewModel model;
    private final VBox root = new VBox(12);
    private final StackPane dropZone = new StackPane();
    private final TableView<EvidenceFile> table = new TableView<>();
    private final StackPane detail = new StackPane();
    private final LogSummaryView logSummary;

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
        table.setPrefHeight(130);
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

        logSummary = new LogSummaryView(new LogSummaryViewModel(model.executor()));
        detail.setId("evidenceDetail");
        detail.setMinHeight(120);
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.18);
        VBox.setVgrow(split, Priority.ALWAYS);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showDetail());
        model.analysisProperty().addListener((o, was, now) -> {
            if (now.logs() != null) {
                logSummary.model().show(now.logs());
            }
            if (table.getSelectionModel().getSelectedItem() == null && !table.getItems().isEmpty()) {
                table.getSelectionModel().select(firstWorthShowing(now, table.getItems()));
            } else {
                showDetail();
            }
        });
        // Once there is something to show, the drop zone shrinks to one line and the detail gets the room.
        Runnable compact = () -> {
            boolean some = !model.files().isEmpty();
            small.setVisible(!some);
            small.setManaged(!some);
            big.setText(some ? "Drop more bounces or logs here" : "Drop a bounce email or a mail server log here");
            big.setStyle(some ? "-fx-font-size: 14px;" : "");
            inner.setSpacing(some ? 4 : 10);
            dropZone.setMinHeight(some ? javafx.scene.layout.Region.USE_PREF_SIZE : 170);
            dropZone.setPadding(some ? new javafx.geometry.Insets(4) : javafx.geometry.Insets.EMPTY);
        };
        model.files().addListener((javafx.collections.ListChangeListener<EvidenceFile>) c -> compact.run());
        model.busyProperty().addListener((o, was, now) -> showDetail());
        showDetail();

        root.getChildren().addAll(dropZone, statusRow, split);
        installDropTarget(root);
    }

    /** The log if there is one (it tells the most), else the first usable file. */
    static EvidenceFile firstWorthShowing(EvidenceSet set, List<EvidenceFile> files) {
        return files.stream().filter(f -> f.usable() && f.kind().isLog() && set.logs() != null).findFirst()
                .or(() -> files.stream().filter(EvidenceFile::usable).findFirst())
                .orElse(files.get(0));
    }

    private void showDetail() {
        EvidenceFile f = table.getSelectionModel().getSelectedItem();
        EvidenceSet set = model.analysisProperty().get();
        Node shown;
        if (f == null) {
            shown = hint(model.files().isEmpty() ? "" : model.busyProperty().get() ? "Reading the evidence…"
                    : "Select a file above to see what it says.");
        } else if (!f.usable()) {
            shown = hint(f.name() + ": " + f.problem());
        } else if (f.kind().isLog()) {
            shown = set.logs() == null || set.files().stream().noneMatch(x -> x.path().equals(f.path()))
                    ? hint("Reading " + f.name() + "…") : logSummary.root();
        } else if (f.kind().isMessage()) {
            BounceFileResult b = set.bounces().stream().filter(x -> x.file().equals(f.path())).findFirst().orElse(null);
            shown = b == null ? hint("Reading " + f.name() + "…") : new BounceCardView(b).root();
        } else {
            shown = hint(f.name() + " is " + f.kind().label().toLowerCase(java.util.Locale.ROOT)
                    + ": MailMedic lists it but has nothing more to show for it.");
        }
        detail.getChildren().setAll(shown);
    }

    private static Node hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("drop-hint");
        StackPane p = new StackPane(l);
        p.setAlignment(Pos.TOP_LEFT);
        p.setPadding(new javafx.geometry.Insets(12));
        return p;
    }

    public LogSummaryView logSummary() {
        return logSummary;
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
