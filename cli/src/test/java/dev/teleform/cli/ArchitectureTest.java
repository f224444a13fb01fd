package dev.teleform.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The command line's contract (package-info.java): it parses, asks and shows; the engine's operations do the work. */
class ArchitectureTest {

    private static final String ENGINE = "dev.teleform.engine";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.teleform.cli");

    /**
     * What the command line may use of the engine: the operations layer's own package and the hooks it hands
     * (not its apply machinery nor its cluster access), rendering, diagnostics, addresses, and these data types
     * of a plan, never the planner itself.
     */
    private static final Set<String> PLAN_DATA = Set.of("Plan", "PlanStep", "Action", "PlanMode", "PlanOptions",
            "PlanComparison");

    private static final DescribedPredicate<JavaClass> BEYOND_THE_OPERATIONS_LAYER = DescribedPredicate.describe(
            "engine classes other than operation, operation.hook, render, diag, addr and " + PLAN_DATA, c -> {
                String pkg = c.getPackageName();
                if (!pkg.startsWith(ENGINE + ".")) {
                    return false;
                }
                if (Set.of("operation", "operation.hook", "render", "diag", "addr")
                        .contains(pkg.substring(ENGINE.length() + 1))) {
                    return false;
                }
                return !(pkg.equals(ENGINE + ".plan") && PLAN_DATA.contains(outermost(c).getSimpleName()));
            });

    @Test
    void theCommandLineUsesOnlyTheOperationsLayerItsHooksRenderingDiagnosticsAddressesAndPlanData() {
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
