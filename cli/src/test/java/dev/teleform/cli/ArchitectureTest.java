package dev.teleform.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The command line's contract (package-info.java): it parses, asks and shows; the engine's operations do the work. */
class ArchitectureTest {

    private static final String ENGINE = "dev.teleform.engine";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.teleform.cli");

    /**
     * What the command line may use of the engine: the operations layer's own package (not its apply machinery),
     * rendering, diagnostics, addresses, and the plan's data types (records, enums and sealed interfaces such as
     * {@code Plan}, {@code PlanStep}, {@code Action}), never the planner itself.
     */
    private static final DescribedPredicate<JavaClass> BEYOND_THE_OPERATIONS_LAYER = DescribedPredicate.describe(
            "engine classes other than operation, render, diag, addr and the plan's data types", c -> {
                String pkg = c.getPackageName();
                if (!pkg.startsWith(ENGINE + ".")) {
                    return false;
                }
                if (pkg.equals(ENGINE + ".operation") || pkg.equals(ENGINE + ".render") || pkg.equals(ENGINE + ".diag")
                        || pkg.equals(ENGINE + ".addr")) {
                    return false;
                }
                JavaClass outermost = c.getEnclosingClass().map(ArchitectureTest::outermost).orElse(c);
                return !(pkg.equals(ENGINE + ".plan") && (outermost.isRecord() || outermost.isEnum()
                        || outermost.isInterface()));
            });

    @Test
    void theCommandLineUsesOnlyTheOperationsLayerRenderingDiagnosticsAddressesAndPlanData() {
        noClasses().should().dependOnClassesThat(BEYOND_THE_OPERATIONS_LAYER).check(CLASSES);
    }

    @Test
    void viewsDoNotDependOnTheCommands() {
        noClasses().that().resideInAPackage("dev.teleform.cli.view..")
                .should().dependOnClassesThat().resideInAPackage("dev.teleform.cli")
                .orShould().dependOnClassesThat().resideInAPackage("picocli..")
                .check(CLASSES);
    }

    @Test
    void providersAreFoundAtRunTimeNeverImported() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.teleform.provider..").check(CLASSES);
    }

    private static JavaClass outermost(JavaClass c) {
        return c.getEnclosingClass().map(ArchitectureTest::outermost).orElse(c);
    }
}
