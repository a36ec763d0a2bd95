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
import org.mailmedic.ui.export.SessionScreens;
import org.mailmedic.engine.session.SessionStore;
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
        recentMenu.setId("recentMenu");
        refreshRecentMenu();
        Menu file = new Menu("File", null, open, samples, recentMenu, new SeparatorMenuItem(), openSession,
                saveSession, exportReport, new SeparatorMenuItem(), clear, new SeparatorMenuItem(), quit);
        file.setId("fileMenu");

        MenuItem preferences = new MenuItem("Preferences…");
        preferences.setId("preferencesItem");
        preferences.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        preferences.setOnAction(e -> showPreferences());
        Menu edit = new Menu("Edit", null, preferences);
        edit.setId("editMenu");

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
        MenuBar bar = new MenuBar(file, edit, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    // ---- Export, sessions and settings (File menu) ----

    private ExportViewModel exportModel;
    private SessionController sessions;

    /**
     * The Export screen and File &gt; Save session, fed from what the window holds now: the
     * evidence (already analysed when the analysis is of the files listed), the findings with the
     * chosen server and their verify results, the last live check, and the forecast on show.
     */
    private Node exportScreen(ExecutorService executor) {
        ReportSource source = this::snapshot;
        exportModel = new ExportViewModel(executor, source, java.time.Clock.systemUTC());
        sessions = new SessionController(executor, source, () -> screens().capture(), exportModel,
                java.time.Clock.systemUTC(), Settings.defaultFile());
        sessions.settingsProperty().addListener((o, was, now) -> applySettings(was, now));
        sessions.loadSettings(problem -> statusMessage(problem));
        return new ExportView(exportModel, owner).root();
    }

    // ---- Settings: Edit > Preferences and File > Open recent ----

    private final Menu recentMenu = new Menu("Open recent");

    /** Puts changed settings to use: the next live check's resolver, HELO name and blocklists; the recent files. */
    private void applySettings(Settings was, Settings now) {
        if (now == null) {
            return;
        }
        if (was == null || !was.dnsResolver().equals(now.dnsResolver())) {
            check.dnsServerProperty().set(now.dnsResolver());
        }
        check.heloNameProperty().set(now.heloName());
        check.dnsblsProperty().set(now.dnsbls());
        refreshRecentMenu();
    }

    private void refreshRecentMenu() {
        List<String> recent = sessions == null ? List.of() : sessions.settingsProperty().get().recentFiles();
        recentMenu.getItems().clear();
        for (int i = 0; i < recent.size(); i++) {
            java.nio.file.Path p = java.nio.file.Path.of(recent.get(i));
            MenuItem item = new MenuItem((i + 1) + "  " + p.getFileName() + "  —  " + p.getParent());
            item.setMnemonicParsing(false);
            item.setId("recent-" + i);
            item.setOnAction(e -> openRecent(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recent.isEmpty());
    }

    /**
     * Opens a recent file: a saved session (.json) as a session, anything else as evidence. A
     * file that is gone is said so by the task that reads it (never checked on the FX thread).
     */
    public void openRecent(java.nio.file.Path p) {
        if (p.getFileName() != null && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            openSession(p);
        } else {
            tabs.getSelectionModel().select(0);
            sessions.remember(p);
            evidence.addFiles(List.of(p));
        }
    }

    /** Edit &gt; Preferences: edits the settings; OK applies them to the next live check and keeps them. */
    public void showPreferences() {
        org.mailmedic.ui.settings.PreferencesDialog d = new org.mailmedic.ui.settings.PreferencesDialog(owner,
                sessions.settingsProperty().get());
        d.showAndWait().ifPresent(sessions.settingsProperty()::set);
    }

    /** The recent files menu (File &gt; Open recent). */
    public Menu recentMenu() {
        return recentMenu;
    }

    private SessionScreens screens;

    private SessionScreens screens() {
        if (screens == null) {
            screens = new SessionScreens(findings, check, forecast.viewModel());
        }
        return screens;
    }

    /** The window's state for a report or a saved session (FX thread; copies references only). */
    ReportSource.Snapshot snapshot() {
        List<org.mailmedic.engine.evidence.EvidenceFile> files = List.copyOf(evidence.files());
        org.mailmedic.engine.diagnosis.EvidenceSet analysed = evidence.analysisProperty().get();
        if (analysed != null && !sameFiles(analysed.files(), files)) {
            analysed = null; // out of date: the export reads the listed files again
        }
        String domain = check.domainProperty().get() == null ? "" : check.domainProperty().get().strip();
        return new ReportSource.Snapshot(domain, files, analysed, List.copyOf(findings.findings()),
                findings.serverProperty().get(), findings.verifyResults(), check.lastResultProperty().get(),
                check.lastSmtpProperty().get(), forecast.viewModel().forecastProperty().get());
    }

    private static boolean sameFiles(List<org.mailmedic.engine.evidence.EvidenceFile> a,
            List<org.mailmedic.engine.evidence.EvidenceFile> b) {
        return a.stream().map(f -> f.path().toAbsolutePath().normalize()).collect(java.util.stream.Collectors.toSet())
                .equals(b.stream().map(f -> f.path().toAbsolutePath().normalize())
                        .collect(java.util.stream.Collectors.toSet()));
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

    public SessionController sessions() {
        return sessions;
    }

    private void saveSession() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the session");
        chooser.setInitialFileName("mailmedic-session.json");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MailMedic session", "*.json"));
        File f = chooser.showSaveDialog(owner);
        if (f != null) {
            saveSession(f.toPath());
        }
    }

    /** Saves the session to {@code out} in the background; the outcome is told in a dialog. */
    public javafx.concurrent.Task<java.nio.file.Path> saveSession(java.nio.file.Path out) {
        return sessions.save(out, problem -> statusMessage(problem == null ? "Session saved to " + out : problem));
    }

    private void openSession() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a saved session");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("MailMedic session", "*.json"));
        File f = chooser.showOpenDialog(owner);
        if (f != null) {
            openSession(f.toPath());
        }
    }

    /**
     * Opens a saved session in the background, then puts it on every screen: the evidence files
     * still there as saved are read again; the findings, fix progress, verify results, live check
     * and forecast come back as saved. Files that moved or changed are named, one per line; a
     * session that cannot be opened is explained and the window is left as it was.
     */
    public javafx.concurrent.Task<SessionStore.Loaded> openSession(java.nio.file.Path in) {
        return sessions.open(in, this::restore, problem -> {
            Alert a = new Alert(Alert.AlertType.ERROR);
            a.initOwner(owner);
            a.setTitle("Open session");
            a.setHeaderText("The session was not opened; nothing in the window has changed");
            a.setContentText(problem);
            a.show();
        });
    }

    private void restore(SessionStore.Loaded loaded) {
        List<java.nio.file.Path> usable = loaded.usableFiles();
        wiring.restore(usable, () -> {
            evidence.clear();
            screens().restore(loaded.session());
        });
        if (!usable.isEmpty()) {
            evidence.addFiles(usable);
        }
        tabs.getSelectionModel().select(1);
        if (!loaded.warnings().isEmpty()) {
            Alert a = new Alert(Alert.AlertType.WARNING);
            a.initOwner(owner);
            a.setTitle("Open session");
            a.setHeaderText("Some evidence files are not as they were when the session was saved");
            a.setContentText(String.join("\n", loaded.warnings()));
            a.getDialogPane().setId("sessionWarnings");
            a.show();
        }
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
            // Offered like a domain the evidence names: a domain the user typed stays.
            check.suggestDomain(c.domain(), "the sample case \u201c" + c.title() + "\u201d");
        }
        evidence.openSample(c);
    }

    /**
     * Files opened from outside ("Open with", macOS's open-file event): shown on the Evidence
     * tab and read there, as File &gt; Open does.
     */
    public void openWith(List<java.nio.file.Path> files) {
        tabs.getSelectionModel().select(0);
        evidence.addFiles(files);
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
            chosen.forEach(f -> sessions.remember(f.toPath()));
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
