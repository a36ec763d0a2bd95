package org.mailmedic.ui;

import java.io.File;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javafx.application.Platform;
import javafx.geometry.Side;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.mailmedic.engine.Version;
import org.mailmedic.engine.evidence.SampleCase;
import org.mailmedic.engine.evidence.SampleCases;
import org.mailmedic.ui.check.CheckView;
import org.mailmedic.ui.check.CheckViewModel;
import org.mailmedic.ui.evidence.EvidenceView;
import org.mailmedic.ui.evidence.EvidenceViewModel;
import org.mailmedic.engine.session.Settings;
import org.mailmedic.ui.export.ExportView;
import org.mailmedic.ui.export.ExportViewModel;
import org.mailmedic.ui.export.ReportSource;
import org.mailmedic.ui.export.SessionController;
import org.mailmedic.ui.findings.FindingsView;
import org.mailmedic.ui.findings.FindingsViewModel;
import org.mailmedic.ui.forecast.ForecastView;

/**
 * The main window's layout: menu bar, one tab per permanent place (Evidence, Findings, Live
 * check, Forecast, Export) and a status bar.
 */
public final class MainView {

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final EvidenceViewModel evidence;
    private final FindingsViewModel findings;
    private final Window owner;
    private final StatusBar statusBar = new StatusBar();
    private final CheckViewModel check;
    private final ForecastView forecast;
    private final DiagnosisWiring wiring;

    public MainView(ExecutorService executor, Window owner) {
        this(executor, owner, new CheckViewModel(executor));
    }

    /** @param check the Live check's model (tests inject one with loopback DNS and SMTP) */
    public MainView(ExecutorService executor, Window owner, CheckViewModel check) {
        this.owner = owner;
        this.evidence = new EvidenceViewModel(executor);
        this.findings = new FindingsViewModel(executor, null);
        this.check = check;
        this.forecast = new ForecastView(executor);
        EvidenceView evidenceView = new EvidenceView(evidence, this::openFiles, this::showSampleMenu);
        Tab findingsTab = tab("Findings", "findingsTab", new FindingsView(findings).root());
        tabs.getTabs().addAll(
                tab("Evidence", "evidenceTab", evidenceView.root()),
                findingsTab,
                tab("Live check", "checkTab", new CheckView(check).root()),
                tab("Forecast", "forecastTab", forecast.root()),
                tab("Export", "exportTab", exportScreen(executor)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("mainTabs");
        findingsTab.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> findings.findings().isEmpty() ? "Findings" : "Findings (" + findings.findings().size() + ")",
                findings.findings()));
        this.wiring = new DiagnosisWiring(evidence, findings, check, forecast.viewModel(), java.time.Clock.systemUTC());

        statusBar.textProperty().bind(evidence.statusProperty());
        statusBar.progressProperty().bind(javafx.beans.binding.Bindings.when(evidence.busyProperty())
                .then(evidence.progressProperty()).otherwise(0.0));

        root.setTop(menuBar());
        root.setCenter(tabs);
        root.setBottom(statusBar);
        root.setId("mainView");
    }

    public Parent root() {
        return root;
    }

    public EvidenceViewModel evidence() {
        return evidence;
    }

    public FindingsViewModel findings() {
        return findings;
    }

    public CheckViewModel check() {
        return check;
    }

    public ForecastView forecast() {
        return forecast;
    }

    public DiagnosisWiring wiring() {
        return wiring;
    }

    /** Its content joins the scene when the tab is first selected (a faster start: see {@link Tabs}). */
    private static Tab tab(String text, String id, Node content) {
        return Tabs.attachedWhenSelected(text, id, content);
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> openFiles());
        Menu samples = new Menu("Open sample case");
        samples.setId("sampleMenu");
        for (MenuItem item : sampleItems()) {
            samples.getItems().add(item);
        }
        MenuItem saveSession = new MenuItem("Save session…");
        saveSession.setId("saveSession");
        saveSession.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        saveSession.setOnAction(e -> saveSession());
        MenuItem openSession = new MenuItem("Open session…");
        openSession.setId("openSession");
        openSession.setOnAction(e -> openSession());
        MenuItem exportReport = new MenuItem("Export report…");
        exportReport.setId("exportReport");
        exportReport.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        exportReport.setOnAction(e -> showExport());
        MenuItem clear = new MenuItem("Clear evidence");
        clear.setOnAction(e -> evidence.clear());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File", null, open, samples, new SeparatorMenuItem(), openSession, saveSession,
                exportReport, new SeparatorMenuItem(), clear, new SeparatorMenuItem(), quit);
        file.setId("fileMenu");

        MenuItem about = new MenuItem("About MailMedic");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.initOwner(owner);
            a.setTitle("About MailMedic");
            a.setHeaderText("MailMedic " + Version.get());
            a.setContentText("Finds out why your email is failing, in plain words, and walks you through the fix.");
            a.show();
        });
        Menu help = new Menu("Help", null, about);
        MenuBar bar = new MenuBar(file, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    // ---- Export, sessions and settings (File menu) ----

    private ExportViewModel exportModel;
    private SessionController sessions;

    /**
     * The Export screen, fed from what the window holds now: the evidence files and the
     * findings with the chosen server. Replace this ReportSource to add live checks, verify
     * results and the forecast as the other screens get wired to the engines.
     */
    private Node exportScreen(ExecutorService executor) {
        ReportSource source = () -> ReportSource.Snapshot.of(List.copyOf(evidence.files()),
                List.copyOf(findings.findings()), findings.serverProperty().get());
        exportModel = new ExportViewModel(executor, source, java.time.Clock.systemUTC());
        sessions = new SessionController(executor, source, exportModel, java.time.Clock.systemUTC(),
                Settings.defaultFile());
        sessions.loadSettings(problem -> statusMessage(problem));
        return new ExportView(exportModel, owner).root();
    }

    /** Shows the Export screen and renders its preview. */
    public void showExport() {
        tabs.getTabs().stream().filter(t -> "exportTab".equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
        exportModel.refreshPreview();
    }

    public ExportViewModel exportModel() {
        return exportModel;
    }

    private void saveSession() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the session");
        chooser.setInitialFileName("mailmedic-session.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MailMedic session", "*.json"));
        File f = chooser.showSaveDialog(owner);
        if (f != null) {
            sessions.save(f.toPath(), problem -> statusMessage(problem == null ? "Session saved to " + f : problem));
        }
    }

    private void openSession() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a saved session");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MailMedic session", "*.json"));
        File f = chooser.showOpenDialog(owner);
        if (f == null) {
            return;
        }
        sessions.open(f.toPath(), loaded -> {
            evidence.clear();
            evidence.addFiles(loaded.usableFiles());
            findings.setFindings(loaded.session().findings());
            org.mailmedic.engine.diagnosis.fix.MailServer.fromId(loaded.session().mailServer())
                    .ifPresent(findings.serverProperty()::set);
            if (!loaded.warnings().isEmpty()) {
                Alert a = new Alert(Alert.AlertType.WARNING);
                a.initOwner(owner);
                a.setTitle("Open session");
                a.setHeaderText("Some evidence files are not as they were when the session was saved");
                a.setContentText(String.join("\n", loaded.warnings()));
                a.show();
            }
        }, problem -> statusMessage(problem));
    }

    private void statusMessage(String text) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.setTitle("MailMedic");
        a.setHeaderText(null);
        a.setContentText(text);
        a.show();
    }

    private List<MenuItem> sampleItems() {
        return SampleCases.all().stream().map(c -> {
            MenuItem item = new MenuItem(c.title());
            item.setId("sample-" + c.id());
            item.setOnAction(e -> openSample(c));
            return item;
        }).toList();
    }

    /** Opens a shipped sample case and shows the Evidence tab. */
    public void openSample(SampleCase c) {
        tabs.getSelectionModel().select(0);
        if (c.domain() != null && !c.domain().isBlank()) {
            check.domainProperty().set(c.domain());
        }
        evidence.openSample(c);
    }

    private void openFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open bounces or mail server logs");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Bounces and logs", "*.eml", "*.mbox", "*.msg", "*.txt", "*.log",
                        "*.gz", "maillog*", "mail.log*", "mainlog*", "*.csv", "*"),
                new FileChooser.ExtensionFilter("All files", "*"));
        List<File> chosen = chooser.showOpenMultipleDialog(owner);
        if (chosen != null && !chosen.isEmpty()) {
            tabs.getSelectionModel().select(0);
            evidence.addFiles(chosen.stream().map(File::toPath).toList());
        }
    }

    private void showSampleMenu() {
        ContextMenu menu = new ContextMenu();
        menu.getItems().addAll(sampleItems());
        Node anchor = root.lookup("#openSample");
        if (anchor != null) {
            menu.show(anchor, Side.BOTTOM, 0, 0);
        }
    }
}
