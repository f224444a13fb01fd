package dev.teleform.provider.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package contracts of the simulator's package-info.java files, enforced. */
class ArchitectureTest {

    private static final String SIMULATOR = "dev.teleform.provider.simulator";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SIMULATOR);

    private static final DescribedPredicate<JavaClass> ENGINE_OUTSIDE_SPI = DescribedPredicate.describe(
            "engine classes outside the provider SPI", c -> c.getPackageName().startsWith("dev.teleform.engine")
                    && !c.getPackageName().equals("dev.teleform.engine.provider")
                    && !c.getPackageName().equals("dev.teleform.engine.addr")
                    && !c.getPackageName().equals("dev.teleform.engine.diag"));

    @Test
    void eachPackageUsesOnlyThePackagesItsContractNames() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("provider").definedBy(SIMULATOR)
                .layer("command").definedBy(SIMULATOR + ".command..")
                .layer("standin").definedBy(SIMULATOR + ".standin..")
                .layer("cloud").definedBy(SIMULATOR + ".cloud..")
                .layer("store").definedBy(SIMULATOR + ".store..")
                .whereLayer("provider").mayOnlyAccessLayers("cloud", "store")
                .whereLayer("command").mayOnlyAccessLayers("standin", "cloud", "store")
                .whereLayer("standin").mayOnlyAccessLayers("cloud", "store")
                .whereLayer("cloud").mayOnlyAccessLayers("store")
                .whereLayer("store").mayNotAccessAnyLayer()
                .whereLayer("provider").mayNotBeAccessedByAnyLayer()
                .whereLayer("command").mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(SIMULATOR + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theSimulatorUsesOnlyTheEnginesProviderSpi() {
        noClasses().should().dependOnClassesThat(ENGINE_OUTSIDE_SPI).check(CLASSES);
    }

    @Test
    void onlyTheCommandsAndTheStandInsUseTheCommandLineLibrary() {
        noClasses().that().resideOutsideOfPackages(SIMULATOR + ".command..", SIMULATOR + ".standin..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(CLASSES);
    }
}
