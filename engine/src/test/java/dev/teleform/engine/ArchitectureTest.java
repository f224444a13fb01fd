package dev.teleform.engine;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package contracts of each package-info.java, enforced. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.teleform.engine");

    @Test
    void packagesFormNoCycles() {
        slices().matching("dev.teleform.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void diagnosticsAndAddressesDependOnNoOtherEnginePackage() {
        for (String leaf : new String[] {"diag", "addr"}) {
            noClasses().that().resideInAPackage("dev.teleform.engine." + leaf + "..")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.teleform.engine.stack..",
                            "dev.teleform.engine.schema..", "dev.teleform.engine.source..",
                            "dev.teleform.engine.resource..")
                    .check(ENGINE);
        }
    }

    @Test
    void sourceReadingKnowsNothingOfStacksOrSchemas() {
        noClasses().that().resideInAPackage("dev.teleform.engine.source..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.teleform.engine.stack..",
                        "dev.teleform.engine.schema..", "dev.teleform.engine.resource..")
                .check(ENGINE);
    }

    @Test
    void theProviderSpiDependsOnlyOnAddressesAndDiagnostics() {
        noClasses().that().resideInAPackage("dev.teleform.engine.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.teleform.engine.stack..",
                        "dev.teleform.engine.schema..", "dev.teleform.engine.source..",
                        "dev.teleform.engine.resource..")
                .check(ENGINE);
    }

    @Test
    void networkntStaysInsideTheSchemaPackage() {
        noClasses().that().resideOutsideOfPackage("dev.teleform.engine.schema..")
                .should().dependOnClassesThat().resideInAPackage("com.networknt..")
                .check(ENGINE);
    }

    @Test
    void theEngineNeverUsesTheCommandLineLibrary() {
        noClasses().should().dependOnClassesThat().resideInAPackage("picocli..").check(ENGINE);
    }
}
