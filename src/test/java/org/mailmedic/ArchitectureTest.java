package org.mailmedic;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layer rules of DESIGN.md, enforced: the engine and the command line never touch the window. */
@AnalyzeClasses(packages = "org.mailmedic", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineDoesNotUseJavaFx = noClasses().that().resideInAPackage("org.mailmedic.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
            .because("the engine runs headless under the CLI and in tests");

    @ArchTest
    static final ArchRule cliDoesNotUseJavaFx = noClasses().that().resideInAPackage("org.mailmedic.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
            .because("the command line must never load the toolkit");

    @ArchTest
    static final ArchRule engineDoesNotUseUiOrCli = noClasses().that().resideInAPackage("org.mailmedic.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mailmedic.ui..", "org.mailmedic.cli..");

    @ArchTest
    static final ArchRule cliDoesNotUseUi = noClasses().that().resideInAPackage("org.mailmedic.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.mailmedic.ui..");

    @ArchTest
    static final ArchRule mainDoesNotLinkJavaFx = noClasses().that().haveFullyQualifiedName("org.mailmedic.Main")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.mailmedic.ui..")
            .because("Main loads the window by name so that the CLI path never loads JavaFX");
}
