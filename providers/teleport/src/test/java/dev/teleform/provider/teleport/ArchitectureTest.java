package dev.teleform.provider.teleport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real provider's contract (package-info.java): the engine's provider SPI and nothing else of it. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.teleform.provider.teleport");

    private static final Set<String> SPI = Set.of("dev.teleform.engine.provider", "dev.teleform.engine.addr",
            "dev.teleform.engine.diag");

    @Test
    void theProviderUsesOnlyTheSpiOfTheEngine() {
        noClasses().should().dependOnClassesThat(DescribedPredicate.describe("engine classes outside the provider SPI",
                (JavaClass c) -> c.getPackageName().startsWith("dev.teleform.engine")
                        && !SPI.contains(c.getPackageName()))).check(CLASSES);
    }

    @Test
    void theProviderNeverUsesTheCommandLineLibraryNorTheSimulator() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "dev.teleform.provider.simulator..",
                "dev.teleform.cli..").check(CLASSES);
    }
}
