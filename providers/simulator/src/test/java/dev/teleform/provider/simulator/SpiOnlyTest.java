package dev.teleform.provider.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** A provider depends on the engine's SPI package (with the addresses it names) and nothing else of the engine (DESIGN.md §2). */
class SpiOnlyTest {

    private static final DescribedPredicate<JavaClass> ENGINE_OUTSIDE_SPI = DescribedPredicate.describe(
            "engine classes outside the provider SPI", c -> c.getPackageName().startsWith("dev.teleform.engine")
                    && !c.getPackageName().equals("dev.teleform.engine.provider")
                    && !c.getPackageName().equals("dev.teleform.engine.addr")
                    && !c.getPackageName().equals("dev.teleform.engine.diag"));

    @Test
    void theSimulatorUsesOnlyTheProviderSpi() {
        noClasses().should().dependOnClassesThat(ENGINE_OUTSIDE_SPI)
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.teleform.provider.simulator"));
    }
}
