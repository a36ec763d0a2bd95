import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds this OS's MailMedic installer(s) into {@code target/installer/}. Run by
 * {@code mvn -Pinstaller package} (after the jar and its libraries are in {@code target/app/}),
 * from the project folder, as a single-file program:
 * {@code java installer/BuildInstallers.java VERSION [TYPES]}, TYPES being "all" (the default)
 * or a comma-separated subset such as "deb" ({@code -Dinstaller.types=deb} in Maven).
 *
 * <p>It holds the steps, not the options: every jpackage option lives in {@code jpackage.cfg}
 * and {@code installer/<os>/*.cfg}. The steps:
 * <ol>
 *   <li>stage {@code target/app/} into {@code target/installer/work/}: JavaFX jars apart (they
 *       become modules of the jlinked runtime; on Linux the one holding native libraries as a
 *       jmod, so that the libraries land in the runtime's {@code lib/}), the rest as the class
 *       path;</li>
 *   <li>on Linux, record the classes that starting the window loads
 *       ({@code -XX:DumpLoadedClassList}); the package's postinst turns that list into a
 *       class-data-sharing archive at the installed paths ({@code installer/linux/install-hooks.sh},
 *       staged next to the jars, does it for the .deb and the .rpm alike);</li>
 *   <li>for each {@code installer/<os>/<type>.cfg} (deb, rpm, msi, dmg) whose tools are here, run
 *       {@code jpackage @jpackage.cfg @installer/<os>/common.cfg @installer/<os>/<type>.cfg}.</li>
 * </ol>
 * A plain Java program rather than a shell script so that the same command works on Windows.
 * Maven starts it with the {@code java} on the PATH; it is kept to Java 11 syntax so that an
 * older {@code java} there gets a clear message instead of compile errors.
 */
public final class BuildInstallers {

    private static final Path APP = Path.of("target", "app");
    private static final Path OUT = Path.of("target", "installer");
    private static final Path WORK = OUT.resolve("work");
    private static final Path INPUT = WORK.resolve("input");
    private static final Path JAVAFX = WORK.resolve("javafx");
    private static final Path JAVAFX_JARS = WORK.resolve("javafx-jars");
    private static final String CLASS_LIST = "mailmedic.classlist";
    private static final String INSTALL_HOOKS = "install-hooks.sh";

    private static final Path WINDOWS_RESOURCES = WORK.resolve("windows-resources");
    private static final String OPEN_WITH_GROUP = "MailMedicOpenWith";

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--wix-open-with")) {
            // java installer/BuildInstallers.java --wix-open-with TEMPLATE.wxs OUT.wxs (tests, or by hand)
            Files.writeString(Path.of(args[2]), withOpenWith(Files.readString(Path.of(args[1])),
                    Files.readString(Path.of("installer", "windows", "open-with.wxs"))));
            return;
        }
        if (args.length < 1 || args.length > 2 || args[0].isBlank()) {
            fail("usage: java installer/BuildInstallers.java VERSION [all|TYPE,...]   (run from the project folder)");
        }
        String wanted = args.length == 2 && !args[1].isBlank() ? args[1].strip() : "all";
        if (Runtime.version().feature() < 17) {
            fail("this needs JDK 17 (with jpackage), but the `java` on the PATH is " + Runtime.version()
                    + " at " + System.getProperty("java.home") + ": put JDK 17's bin first on the PATH");
        }
        String os = currentOs();
        String version = appVersion(args[0], os);
        if (!Files.isRegularFile(APP.resolve("mailmedic.jar"))) {
            fail(APP.resolve("mailmedic.jar") + " is missing: run `mvn package` first (or `mvn -Pinstaller package`)");
        }
        Path osDir = Path.of("installer", os);
        List<String> types = packageTypes(osDir, wanted);
        if (types.isEmpty()) {
            fail("nothing to build: the packaging tools are missing (on Debian/Ubuntu: sudo scripts/install-build-deps.sh)");
        }

        stage(os);
        if (os.equals("windows")) {
            writeWindowsMainWxs();
        }
        if (os.equals("linux")) {
            // Run by the .deb's postinst/prerm and the .rpm's scriptlets, from lib/app/.
            Files.copy(osDir.resolve(INSTALL_HOOKS), INPUT.resolve(INSTALL_HOOKS));
            recordClassList();
        }
        for (String type : types) {
            deleteOldPackages(type);
            List<String> cmd = new ArrayList<>(List.of(tool("jpackage"),
                    "@jpackage.cfg", "@" + osDir.resolve("common.cfg"), "@" + osDir.resolve(type + ".cfg"),
                    "--app-version", version, "--dest", OUT.toString()));
            step("building the ." + type + " (" + String.join(" ", cmd) + ")");
            long start = System.nanoTime();
            int rc = run(cmd, 0);
            if (rc != 0) {
                fail("jpackage failed (exit " + rc + ") building the ." + type);
            }
            step(String.format(Locale.ROOT, "built the .%s in %.0f s", type, (System.nanoTime() - start) / 1e9));
        }
        try (Stream<Path> s = Files.list(OUT)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                step(String.format(Locale.ROOT, "%s  %.1f MB", p, Files.size(p) / 1e6));
            }
        }
    }

    /**
     * Windows: the .msi's main.wxs, written to {@code target/installer/work/windows-resources/}
     * (common.cfg's {@code --resource-dir}): jpackage's own template, read from the JDK that runs
     * jpackage, with the "Open with" component group of {@code installer/windows/open-with.wxs}.
     * Read at build time rather than copied into this repository, it always matches the jpackage
     * in use.
     */
    private static void writeWindowsMainWxs() throws IOException {
        Path template;
        try {
            template = java.nio.file.FileSystems.getFileSystem(java.net.URI.create("jrt:/"))
                    .getPath("modules", "jdk.jpackage", "jdk", "jpackage", "internal", "resources", "main.wxs");
        } catch (RuntimeException e) {
            fail("cannot read this JDK's modules (jrt:/): " + e.getMessage());
            return;
        }
        if (!Files.isRegularFile(template)) {
            fail("this JDK's jpackage has no Windows main.wxs at jrt:/" + template
                    + ": build the .msi with a Windows JDK 17");
        }
        Files.createDirectories(WINDOWS_RESOURCES);
        Path out = WINDOWS_RESOURCES.resolve("main.wxs");
        Files.writeString(out, withOpenWith(Files.readString(template),
                Files.readString(Path.of("installer", "windows", "open-with.wxs"))));
        step("wrote " + out + ": jpackage's main.wxs with the \"Open with\" registration for .eml and .msg");
    }

    /**
     * {@code template} (a WiX main.wxs: one {@code <Product>} with one {@code <Feature>}) with the
     * {@code <Fragment>} of {@code openWith} added before {@code </Wix>} and a reference to its
     * component group added at the end of the Feature. Fails, rather than returning the template
     * unchanged, when either place is not found exactly once.
     */
    static String withOpenWith(String template, String openWithFile) {
        String openWith = openWithFile.replaceAll("(?s)<!--.*?-->", ""); // its comments may name elements
        int fs = openWith.indexOf("<Fragment>");
        int fe = openWith.indexOf("</Fragment>");
        if (fs < 0 || fe < fs || !openWith.contains("<ComponentGroup Id=\"" + OPEN_WITH_GROUP + "\"")) {
            fail("installer/windows/open-with.wxs must hold one <Fragment> with the component group " + OPEN_WITH_GROUP);
        }
        String fragment = openWith.substring(fs, fe + "</Fragment>".length());
        int feature = template.indexOf("</Feature>");
        int wix = template.lastIndexOf("</Wix>");
        if (feature < 0 || feature != template.lastIndexOf("</Feature>") || wix < feature
                || template.indexOf("</Wix>") != wix) {
            fail("jpackage's main.wxs no longer has the one <Feature> and </Wix> that MailMedic's \"Open with\""
                    + " registration is added to: see installer/windows/open-with.wxs");
        }
        String ref = "  <ComponentGroupRef Id=\"" + OPEN_WITH_GROUP + "\"/><!-- MailMedic: Open with (open-with.wxs) -->\n    ";
        return template.substring(0, feature) + ref + template.substring(feature, wix)
                + "  <!-- MailMedic: installer/windows/open-with.wxs -->\n  " + fragment + "\n" + template.substring(wix);
    }

    /** The folder name under installer/ for this OS. */
    static String currentOs() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac")) {
            return "macos";
        }
        if (name.startsWith("linux")) {
            return "linux";
        }
        fail("no installer is defined for " + System.getProperty("os.name"));
        return null;
    }

    /**
     * jpackage on macOS rejects a version whose first number is 0 (CFBundleVersion), so a 0.x
     * version is packaged as 1.0.0 there; `mailmedic --version` still tells the real one.
     */
    static String appVersion(String pomVersion, String os) {
        String v = pomVersion.strip();
        if (!v.matches("\\d+(\\.\\d+){0,2}")) {
            fail("the installer needs a plain version such as 1.2.3, not \"" + v + "\" (set -Dinstaller.app-version=...)");
        }
        if (os.equals("macos") && v.matches("0(\\..*)?")) {
            step("macOS does not accept a version starting with 0: the bundle says 1.0.0 for " + v);
            return "1.0.0";
        }
        return v;
    }

    /**
     * The package types with a cfg file for this OS (all of them, or those in the comma-separated
     * {@code wanted}), less those whose tools are missing.
     */
    static List<String> packageTypes(Path osDir, String wanted) throws IOException {
        List<String> types = new ArrayList<>();
        try (Stream<Path> s = Files.list(osDir)) {
            for (Path p : s.sorted().collect(Collectors.toList())) {
                String file = p.getFileName().toString();
                if (file.endsWith(".cfg") && !file.equals("common.cfg")) {
                    types.add(file.substring(0, file.length() - ".cfg".length()));
                }
            }
        }
        if (!wanted.equals("all")) {
            List<String> asked = List.of(wanted.split("\\s*,\\s*"));
            for (String t : asked) {
                if (!types.contains(t)) {
                    fail("no installer type \"" + t + "\" for this OS (there are: " + String.join(", ", types) + ")");
                }
            }
            types.retainAll(asked);
        }
        List<String> usable = new ArrayList<>();
        for (String type : types) {
            List<String> missing = type.equals("deb") ? missing("dpkg-deb", "fakeroot")
                    : type.equals("rpm") ? missing("rpmbuild")
                    : List.of();
            if (missing.isEmpty()) {
                usable.add(type);
            } else {
                step("skipping the ." + type + ": " + String.join(", ", missing) + " not found on PATH");
            }
        }
        return usable;
    }

    private static void stage(String os) throws IOException, InterruptedException {
        step("staging " + APP + " into " + WORK);
        deleteTree(WORK);
        Files.createDirectories(INPUT.resolve("lib"));
        Files.createDirectories(JAVAFX);
        Files.createDirectories(JAVAFX_JARS);
        copyStored(APP.resolve("mailmedic.jar"), INPUT.resolve("mailmedic.jar"));
        try (Stream<Path> s = Files.list(APP.resolve("lib"))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                String name = jar.getFileName().toString();
                // JavaFX: the OS jars (javafx-base-21-linux.jar) are modules for jlink; the
                // classifier-less ones are empty placeholders and do no harm on the module path.
                if (name.startsWith("javafx-")) {
                    Files.copy(jar, JAVAFX_JARS.resolve(name));
                    if (!(os.equals("linux") && nativeLibsAsJmod(jar))) {
                        Files.copy(jar, JAVAFX.resolve(name));
                    }
                } else {
                    copyStored(jar, INPUT.resolve("lib").resolve(name));
                }
            }
        }
    }

    /**
     * Linux: a JavaFX jar holding native libraries (javafx-graphics: libglass.so, libprism_es2.so,
     * ...) goes to jlink as a jmod, {@code work/javafx/<jar name>.jmod}, whose libraries are
     * native-library entries rather than resources; false (nothing written) for a jar without any.
     *
     * <p>Why: JavaFX's NativeLibLoader first looks for a library as a file in the runtime
     * ({@code $java.home/lib} on Linux, for JavaFX linked into the runtime), and only then as a
     * resource of the module, which it copies to {@code ~/.openjfx/cache} and, on every start,
     * compares with the copy there by an MD5 of both (about 6% of a start's CPU samples). jlink
     * writes a jmod's native libraries into the runtime's {@code lib/}, so the first look finds
     * them: no cache, no digest, nothing written into the user's home. The libraries are left out
     * of the module's classes, so the runtime does not hold them twice.
     *
     * <p>Linux only, the one OS where this is built and checked ({@code scripts/check-deb.sh}).
     * On macOS jlink's {@code lib/} is where the loader looks too; on Windows jlink puts libraries
     * in {@code bin/} while the loader looks in {@code bin\javafx} first, and whether the
     * libraries' own dependencies (msvcp140.dll ...) are found from there is untried.
     */
    static boolean nativeLibsAsJmod(Path jar) throws IOException, InterruptedException {
        Path scratch = WORK.resolve("jmod-" + jar.getFileName());
        Path libs = scratch.resolve("lib");
        Path classes = scratch.resolve("classes.jar");
        Files.createDirectories(libs);
        int nativeLibs = copyJar(jar, classes, name -> !isRootNativeLib(name), (name, data) -> {
            if (isRootNativeLib(name)) {
                Files.write(libs.resolve(name), data);
            }
        });
        if (nativeLibs == 0) {
            deleteTree(scratch);
            return false;
        }
        Path jmod = JAVAFX.resolve(jar.getFileName().toString().replaceFirst("\\.jar$", ".jmod"));
        List<String> cmd = List.of(tool("jmod"), "create", "--class-path", classes.toString(),
                "--libs", libs.toString(), jmod.toString());
        int rc = run(cmd, 300);
        if (rc != 0) {
            fail("jmod failed (exit " + rc + ") turning " + jar + " into " + jmod);
        }
        step("JavaFX native libraries go into the runtime's lib/: " + jmod.getFileName() + " (" + nativeLibs + " libraries)");
        deleteTree(scratch);
        return true;
    }

    private static boolean isRootNativeLib(String entry) {
        return entry.indexOf('/') < 0 && (entry.endsWith(".so") || entry.endsWith(".dylib") || entry.endsWith(".dll"));
    }

    /** What copyJar does with an entry it leaves out: given its name and bytes. */
    interface LeftOut {
        void accept(String name, byte[] data) throws IOException;
    }

    /**
     * Copies a jar with its entries stored, not deflated, in the same order (the manifest stays
     * first; signatures cover the uncompressed bytes, so they stay valid). The installers
     * compress their payload as a whole (xz, LZX, ...), and it compresses raw class files far
     * better than already deflated ones: measured on the class path here, 21.4 MB of xz with
     * the jars as published, 11.6 MB with them stored. The installed jars are larger (24 -> 53
     * MB) and read without inflating.
     */
    static void copyStored(Path from, Path to) throws IOException {
        copyJar(from, to, name -> true, (name, data) -> { });
    }

    /**
     * Copies the entries of a jar that {@code keep} accepts, stored (see copyStored), handing the
     * others to {@code leftOut}; returns how many were left out.
     */
    static int copyJar(Path from, Path to, java.util.function.Predicate<String> keep, LeftOut leftOut) throws IOException {
        int skipped = 0;
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(from));
                java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            out.setMethod(java.util.zip.ZipOutputStream.STORED);
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (!keep.test(e.getName())) {
                    leftOut.accept(e.getName(), data);
                    skipped++;
                    continue;
                }
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(data);
                java.util.zip.ZipEntry copy = new java.util.zip.ZipEntry(e.getName());
                copy.setMethod(java.util.zip.ZipEntry.STORED);
                copy.setSize(data.length);
                copy.setCompressedSize(data.length);
                copy.setCrc(crc.getValue());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        return skipped;
    }

    /**
     * Starts the window once with the build's JDK, laid out like the installed app (JavaFX as
     * modules, the rest on the class path), and records the classes it loads. Needs a display:
     * $DISPLAY, or Xvfb through xvfb-run. Without one the package is built without the list.
     */
    private static void recordClassList() throws IOException, InterruptedException {
        Path list = INPUT.resolve(CLASS_LIST);
        List<String> cmd = new ArrayList<>();
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            if (missing("xvfb-run", "Xvfb", "xauth").isEmpty()) {
                cmd.addAll(List.of("xvfb-run", "--auto-servernum", "--server-args=-screen 0 1280x800x24 -nolisten tcp"));
            } else {
                step("no display and no xvfb-run: building without a class list (MailMedic will start slower)");
                return;
            }
        }
        StringBuilder cp = new StringBuilder("mailmedic.jar");
        try (Stream<Path> s = Files.list(INPUT.resolve("lib"))) {
            s.sorted().forEach(p -> cp.append(java.io.File.pathSeparator).append("lib/").append(p.getFileName()));
        }
        cmd.addAll(List.of(tool("java"), "-XX:DumpLoadedClassList=" + CLASS_LIST, "-Xshare:off",
                "--module-path", JAVAFX_JARS.toAbsolutePath().toString(), "--add-modules", "javafx.controls",
                "-Xlog:disable", "-Xlog:all=error:stderr",
                "-cp", cp.toString(), "org.mailmedic.Main", "--smoke-test-window"));
        step("recording the classes the window loads, for class-data sharing");
        int rc = runIn(INPUT, cmd, 180);
        if (rc != 0 || !Files.isRegularFile(list)) {
            Files.deleteIfExists(list);
            step("the window did not start (exit " + rc + "): building without a class list (MailMedic will start slower)");
            return;
        }
        try (Stream<String> lines = Files.lines(list)) {
            step("class list: " + lines.filter(l -> !l.startsWith("#") && !l.startsWith("@")).count() + " classes");
        }
    }

    private static void deleteOldPackages(String type) throws IOException {
        try (Stream<Path> s = Files.list(OUT)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith("." + type)).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    private static List<String> missing(String... programs) {
        List<String> out = new ArrayList<>();
        for (String p : programs) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .filter(d -> !d.isEmpty())
                    .anyMatch(d -> Files.isExecutable(Path.of(d, p)));
            if (!found) {
                out.add(p);
            }
        }
        return out;
    }

    /** A JDK tool of the JDK running this program (the one Maven runs on). */
    private static String tool(String name) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path p = Path.of(System.getProperty("java.home"), "bin", windows ? name + ".exe" : name);
        if (!Files.isExecutable(p)) {
            fail(p + " not found: build with a full JDK 17 (jpackage is part of it)");
        }
        return p.toString();
    }

    private static int run(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        return runIn(Path.of(""), cmd, timeoutSeconds);
    }

    /** Runs cmd in dir with this program's stdout/stderr; 0 = no timeout. */
    private static int runIn(Path dir, List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        if (!dir.toString().isEmpty()) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        if (timeoutSeconds <= 0) {
            return p.waitFor();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
            step(cmd.get(0) + " did not finish within " + timeoutSeconds + " s; stopped it");
            return -1;
        }
        return p.exitValue();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void step(String message) {
        System.out.println("[installer] " + message);
        System.out.flush();
    }

    private static void fail(String message) {
        System.err.println("[installer] ERROR: " + message);
        System.exit(1);
    }
}
