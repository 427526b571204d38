package io.gemhost.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout of docs/ARCHITECTURE.md, checked on the compiled classes (so fully qualified names and
 * annotations count too): features form no cycle, and the two boundaries, web (pages) and api
 * (the gem host API), are leaves that nobody else depends on.
 */
class PackageRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gemhost");
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching("io.gemhost.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingOutsideWebDependsOnWeb() {
        noClasses().that().resideOutsideOfPackage("io.gemhost.web..")
                .should().dependOnClassesThat().resideInAPackage("io.gemhost.web..")
                .check(classes);
    }

    @Test
    void nothingOutsideApiDependsOnApi() {
        noClasses().that().resideOutsideOfPackage("io.gemhost.api..")
                .should().dependOnClassesThat().resideInAPackage("io.gemhost.api..")
                .check(classes);
    }

    @Test
    void featurePackagesDoNotUseTheBoundaries() {
        noClasses().that().resideOutsideOfPackages("io.gemhost.web..", "io.gemhost.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.gemhost.web..", "io.gemhost.api..")
                .check(classes);
    }
}
