package org.mailmedic.ui.export;

import java.awt.Desktop;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Export: a preview of the report's first page, the options (redaction; the full report or an
 * evidence pack for one provider), "Export PDF…", "Export JSON…", progress, and "Open the PDF"
 * when done.
 */
public final class ExportView {

    private final HBox root = new HBox(16);
    private final ExportViewModel model;
    private final Window owner;
    private final Label openedPath = new Label();

    public ExportView(ExportViewModel model, Window owner) {
        this.model = model;
        this.owner = owner;
        root.getStyleClass().add("screen");
        root.setPadding(new Insets(12));

        Label title = new Label("Report");
        title.getStyleClass().add("screen-title");
        Label intro = new Label("A PDF you can send to your boss, a client or your provider's postmaster: what was "
                + "wrong, the proof, the fix and whether it now passes.");
        intro.setWrapText(true);

        CheckBox redact = new CheckBox("Hide people's addresses and message subjects (for sending outside the company)");
        redact.setId("redact");
        redact.setWrapText(true);
        redact.selectedProperty().bindBidirectional(model.redactProperty());

        ToggleGroup variant = new ToggleGroup();
        RadioButton full = new RadioButton("Full report");
        full.setId("variantFull");
        full.setToggleGroup(variant);
        full.setSelected(!model.providerPackProperty().get());
        RadioButton pack = new RadioButton("Evidence pack for one provider:");
        pack.setId("variantPack");
        pack.setToggleGroup(variant);
        pack.setSelected(model.providerPackProperty().get());
        variant.selectedToggleProperty().addListener((o, a, b) -> model.providerPackProperty().set(b == pack));
        ComboBox<String> destination = new ComboBox<>(model.destinations());
        destination.setId("destination");
        destination.setEditable(true);
        destination.valueProperty().bindBidirectional(model.destinationProperty());
        destination.disableProperty().bind(model.providerPackProperty().not());
        pack.disableProperty().bind(Bindings.isEmpty(model.destinations()));
        Label packHint = new Label("Only the findings about that provider, the log lines that show them, and a "
                + "request to its postmaster.");
        packHint.setWrapText(true);
        packHint.getStyleClass().add("hint");

        Button pdf = new Button("Export PDF…");
        pdf.setId("exportPdf");
        pdf.setDefaultButton(true);
        pdf.setOnAction(e -> choosePdf());
        Button json = new Button("Export JSON…");
        json.setId("exportJson");
        json.setOnAction(e -> chooseJson());
        Button refresh = new Button("Update preview");
        refresh.setId("refreshPreview");
        refresh.setOnAction(e -> model.refreshPreview());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelExport");
        cancel.visibleProperty().bind(model.busyProperty());
        cancel.setOnAction(e -> model.cancel());
        pdf.disableProperty().bind(model.busyProperty());
        json.disableProperty().bind(model.busyProperty());

        ProgressBar bar = new ProgressBar();
        bar.setId("exportProgress");
        bar.progressProperty().bind(Bindings.when(model.busyProperty())
                .then(Bindings.when(model.progressProperty().greaterThan(0)).then(model.progressProperty()).otherwise(-1.0))
                .otherwise(0.0));
        bar.visibleProperty().bind(model.busyProperty());
        Label status = new Label();
        status.setId("exportStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());

        Button open = new Button("Open the PDF");
        open.setId("openPdf");
        open.visibleProperty().bind(model.lastPdfProperty().isNotNull());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(e -> openPdf(model.lastPdfProperty().get()));
        openedPath.setId("openedPath");
        openedPath.setWrapText(true);

        VBox options = new VBox(10, title, intro, redact, full, new HBox(8, pack, destination), packHint,
                new HBox(8, pdf, json, refresh, cancel), bar, status, open, openedPath);
        options.setPrefWidth(420);
        options.setMinWidth(320);

        ImageView preview = new ImageView();
        preview.setId("preview");
        preview.setPreserveRatio(true);
        preview.setFitWidth(420);
        preview.imageProperty().bind(Bindings.createObjectBinding(() -> {
            byte[] png = model.previewProperty().get();
            return png == null ? null : new Image(new ByteArrayInputStream(png));
        }, model.previewProperty()));
        Label previewLabel = new Label("First page");
        previewLabel.getStyleClass().add("hint");
        ScrollPane previewPane = new ScrollPane(new VBox(6, previewLabel, preview));
        previewPane.setFitToWidth(true);
        root.getChildren().addAll(options, previewPane);

        model.redactProperty().addListener((o, a, b) -> model.refreshPreview());
        model.providerPackProperty().addListener((o, a, b) -> model.refreshPreview());
    }

    public Node root() {
        return root;
    }

    private void choosePdf() {
        FileChooser c = new FileChooser();
        c.setTitle("Export the report as PDF");
        c.setInitialFileName("mailmedic-report.pdf");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        File f = c.showSaveDialog(owner);
        if (f != null) {
            model.exportPdf(f.toPath());
        }
    }

    private void chooseJson() {
        FileChooser c = new FileChooser();
        c.setTitle("Export the report as JSON");
        c.setInitialFileName("mailmedic-report.json");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        File f = c.showSaveDialog(owner);
        if (f != null) {
            model.exportJson(f.toPath());
        }
    }

    /** Opens the PDF with the system's viewer, off the FX thread; shows the path when it cannot. */
    private void openPdf(Path pdf) {
        if (pdf == null) {
            return;
        }
        Thread t = new Thread(() -> {
            String problem = null;
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
                    Desktop.getDesktop().open(pdf.toFile());
                } else {
                    problem = "This computer offers no way to open files from MailMedic.";
                }
            } catch (Exception | Error e) {
                problem = "The PDF could not be opened (" + e.getMessage() + ").";
            }
            String shown = problem == null ? "" : problem + " It is at " + pdf;
            Platform.runLater(() -> openedPath.setText(shown));
        }, "mailmedic-open-pdf");
        t.setDaemon(true);
        t.start();
    }
}
