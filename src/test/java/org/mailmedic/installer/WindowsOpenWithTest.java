package org.mailmedic.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Windows .msi's "Open with MailMedic" for .eml and .msg. The .msi is built only on Windows,
 * so this checks what can be checked here: the WiX fragment (installer/windows/open-with.wxs)
 * offers MailMedic under both extensions' OpenWithProgids, with a ProgId that opens the launcher,
 * and NEVER writes an extension's default value (that would make MailMedic its default program);
 * and BuildInstallers' insertion of it into a main.wxs puts the component group in the Feature,
 * or stops the build when the template has no single Feature to put it in.
 */
class WindowsOpenWithTest {

    private static final String WIX = "http://schemas.microsoft.com/wix/2006/wi";
    private static final Path FRAGMENT = Path.of("installer", "windows", "open-with.wxs");

    @TempDir
    Path dir;

    record Value(String root, String key, String name, String value, boolean keyPath) {
    }

    @ParameterizedTest
    @ValueSource(strings = {".eml", ".msg"})
    void offersMailMedicUnderOpenWithProgidsAndNeverBecomesTheDefault(String ext) throws Exception {
        List<Value> values = values(parse(FRAGMENT));
        String progId = "MailMedic" + ext;
        assertThat(values).filteredOn(v -> v.key().equals("Software\\Classes\\" + ext + "\\OpenWithProgids"))
                .singleElement().satisfies(v -> {
                    assertThat(v.name()).isEqualTo(progId);
                    assertThat(v.value()).isEmpty();
                });
        assertThat(values).filteredOn(v -> v.key().equals("Software\\Classes\\" + progId + "\\shell\\open\\command"))
                .singleElement().satisfies(v -> assertThat(v.value()).isEqualTo("\"[INSTALLDIR]MailMedic.exe\" \"%1\""));
        assertThat(values).anyMatch(v -> v.key().equals("Software\\Classes\\" + progId) && "FriendlyTypeName".equals(v.name()));
        assertThat(values).anyMatch(v -> v.key().equals("Software\\Classes\\Applications\\MailMedic.exe\\SupportedTypes")
                && ext.equals(v.name()));
        // The default value of the extension's own key names the program a double-click opens.
        assertThat(values).noneMatch(v -> v.key().equalsIgnoreCase("Software\\Classes\\" + ext) && v.name() == null);
        assertThat(values).allMatch(v -> v.root().equals("HKCU"), "per user, as the install is");
        assertThat(values).filteredOn(Value::keyPath).hasSize(1); // ICE38: one HKCU key path
    }

    @Test
    void noWixFileTypeElementsWhichWouldWriteTheDefault() throws Exception {
        Document d = parse(FRAGMENT);
        assertThat(d.getElementsByTagNameNS(WIX, "ProgId").getLength()).isZero();
        assertThat(d.getElementsByTagNameNS(WIX, "Extension").getLength()).isZero();
        assertThat(((Element) d.getElementsByTagNameNS(WIX, "Component").item(0)).getAttribute("Guid"))
                .matches("\\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}}");
    }

    @Test
    void theBuildAddsTheComponentGroupToTheTemplatesFeature() throws Exception {
        Path template = dir.resolve("main.wxs");
        Files.writeString(template, """
                <?xml version="1.0" encoding="utf-8"?>
                <Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
                  <Product Id="*" Name="App" Language="1033" Version="1.0.0" Manufacturer="M" UpgradeCode="{2F50EE99-39D4-4FC8-9165-A13E3996FEA3}">
                    <Feature Id="DefaultFeature" Title="App" Level="1">
                      <ComponentGroupRef Id="Files"/>
                    </Feature>
                  </Product>
                </Wix>
                """);
        Path out = dir.resolve("out.wxs");
        Run r = build("--wix-open-with", template.toString(), out.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        Document d = parse(out);
        Element feature = (Element) d.getElementsByTagNameNS(WIX, "Feature").item(0);
        List<String> refs = new ArrayList<>();
        NodeList nodes = feature.getElementsByTagNameNS(WIX, "ComponentGroupRef");
        for (int i = 0; i < nodes.getLength(); i++) {
            refs.add(((Element) nodes.item(i)).getAttribute("Id"));
        }
        assertThat(refs).containsExactly("Files", "MailMedicOpenWith");
        NodeList groups = d.getElementsByTagNameNS(WIX, "ComponentGroup");
        assertThat(groups.getLength()).isEqualTo(1);
        assertThat(groups.item(0).getParentNode().getLocalName()).isEqualTo("Fragment");
        assertThat(groups.item(0).getParentNode().getParentNode()).isEqualTo(d.getDocumentElement());
        assertThat(values(d)).isEqualTo(values(parse(FRAGMENT)));
    }

    @Test
    void aTemplateWithoutOneFeatureStopsTheBuildInsteadOfLeavingOpenWithOut() throws Exception {
        Path template = dir.resolve("main.wxs");
        Files.writeString(template, "<Wix xmlns=\"" + WIX + "\"><Product Id=\"*\"/></Wix>\n");
        Run r = build("--wix-open-with", template.toString(), dir.resolve("out.wxs").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Open with").contains("open-with.wxs");
        assertThat(dir.resolve("out.wxs")).doesNotExist();
    }

    record Run(int exit, String err) {
    }

    private static Run build(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "installer/BuildInstallers.java"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), err);
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Value> values(Document d) {
        List<Value> out = new ArrayList<>();
        NodeList nodes = d.getElementsByTagNameNS(WIX, "RegistryValue");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            out.add(new Value(e.getAttribute("Root"), e.getAttribute("Key"), e.hasAttribute("Name") ? e.getAttribute("Name") : null,
                    e.getAttribute("Value"), "yes".equals(e.getAttribute("KeyPath"))));
        }
        return out;
    }
}
