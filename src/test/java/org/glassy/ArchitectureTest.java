package org.glassy;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture the folders show: no package cycles, arrows pointing from the studies down to
 * the shared pieces (core ← model ← observable ← dynamics ← path ← study), never back.
 */
class ArchitectureTest {

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.glassy");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.glassy.(**)").should().beFreeOfCycles().check(library);
    }

    @Test
    void theCoreVocabularyDependsOnNothingElseOfGlassy() {
        noClasses().that().resideInAPackage("org.glassy.core..").should().dependOnClassesThat()
                .resideInAnyPackage("org.glassy.model..", "org.glassy.observable..", "org.glassy.dynamics..",
                        "org.glassy.path..", "org.glassy.theory..", "org.glassy.study..", "org.glassy.display..",
                        "org.glassy.cli..", "org.glassy.data..")
                .check(library);
    }

    @Test
    void sharedPackagesDoNotDependOnStudiesOrTheCommandLine() {
        noClasses().that().resideInAnyPackage("org.glassy.core..", "org.glassy.model..", "org.glassy.observable..",
                        "org.glassy.dynamics..", "org.glassy.path..", "org.glassy.theory..", "org.glassy.data..",
                        "org.glassy.display..", "org.glassy.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("org.glassy.study..", "org.glassy.cli..")
                .check(library);
    }

    @Test
    void theTheoryDoesNotDependOnSimulations() {
        noClasses().that().resideInAPackage("org.glassy.theory..").should().dependOnClassesThat()
                .resideInAnyPackage("org.glassy.dynamics..", "org.glassy.observable..", "org.glassy.path..")
                .check(library);
    }
}
