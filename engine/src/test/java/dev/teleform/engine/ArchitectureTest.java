package dev.teleform.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The package contracts of each package-info.java, enforced. */
class ArchitectureTest {

    private static final String ENGINE = "dev.teleform.engine";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ENGINE);

    /** Which other engine packages each package may use, as its package-info.java states. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("addr", Set.of()),
            Map.entry("diag", Set.of()),
            Map.entry("json", Set.of()),
            Map.entry("source", Set.of("diag")),
            Map.entry("provider", Set.of("addr", "diag")),
            Map.entry("retry", Set.of("provider")),
            Map.entry("state", Set.of("addr", "json", "diag")),
            Map.entry("schema", Set.of("addr", "diag", "source")),
            Map.entry("resource", Set.of("addr", "diag", "source")),
            Map.entry("stack", Set.of("addr", "diag", "json", "provider", "resource", "schema", "source")),
            Map.entry("plan", Set.of("addr", "diag", "provider", "resource", "schema", "source", "stack", "state")),
            Map.entry("render", Set.of("addr", "diag", "json", "plan", "provider", "resource", "source")),
            Map.entry("planfile", Set.of("addr", "diag", "json", "plan", "provider", "render", "resource")),
            Map.entry("operation", Set.of("operation.hook", "operation.access", "operation.apply", "addr", "diag",
                    "json", "plan", "planfile", "provider", "resource", "retry", "schema", "stack", "state")),
            Map.entry("operation.hook", Set.of("addr", "diag", "plan", "provider", "state")),
            Map.entry("operation.access", Set.of("addr", "provider", "retry")),
            Map.entry("operation.apply", Set.of("operation.hook", "operation.access", "addr", "diag", "plan",
                    "provider", "resource", "retry", "schema", "state")));

    @Test
    void everyPackageStatesWhatItMayUse() {
        Set<String> packages = new TreeSet<>();
        CLASSES.forEach(c -> packages.add(packageOf(c)));
        packages.remove("");
        assertEquals(new TreeSet<>(MAY_USE.keySet()), packages,
                "a new package needs its line in MAY_USE and its contract in package-info.java");
    }

    @Test
    void eachPackageUsesOnlyThePackagesItsContractNames() {
        MAY_USE.forEach((name, allowed) -> noClasses().that().resideInAPackage(ENGINE + "." + name)
                .should().dependOnClassesThat(DescribedPredicate.describe("engine classes outside " + allowed,
                        (JavaClass c) -> c.getPackageName().startsWith(ENGINE + ".")
                                && !packageOf(c).equals(name) && !allowed.contains(packageOf(c))))
                .check(CLASSES));
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(ENGINE + ".(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * What planning may touch: the engine's data and pure functions, and of the JDK and libraries only values and
     * collections. No provider, no state store, no clock, no files, no network, no threads.
     */
    private static final DescribedPredicate<JavaClass> PURE = DescribedPredicate.describe("data and pure functions",
            (JavaClass c) -> {
                String name = c.getName();
                String pkg = c.getPackageName();
                if (pkg.startsWith(ENGINE + ".")) {
                    return Set.of("plan", "addr", "diag", "resource", "schema", "source", "stack").contains(packageOf(c))
                            || Set.of(ENGINE + ".state.State", ENGINE + ".state.ResourceState",
                                    ENGINE + ".provider.LiveResource", ENGINE + ".provider.Verb",
                                    ENGINE + ".provider.WorkloadClusterStatus", ENGINE + ".provider.PasswordState",
                                    ENGINE + ".provider.GoDuration", ENGINE + ".provider.LinkLimits").contains(name.replaceAll("\\$.*", ""));
                }
                return c.isPrimitive() || c.isArray() || pkg.startsWith("tools.jackson") || pkg.startsWith("io.vavr")
                        || Set.of("java.lang", "java.util", "java.util.function", "java.util.stream", "java.math")
                                .contains(pkg)
                        || Set.of("java.time.Duration", "java.time.Instant", "java.nio.file.Path").contains(name);
            });

    @Test
    void planningIsPureNoProviderNoStateStoreNoClock() {
        classes().that().resideInAPackage(ENGINE + ".plan..").should().onlyDependOnClassesThat(PURE).check(CLASSES);
        noClasses().that().resideInAPackage(ENGINE + ".plan..")
                .should().callMethodWhere(DescribedPredicate.describe("a clock or the system",
                        call -> call.getName().equals("now") || call.getTargetOwner().isEquivalentTo(System.class)
                                || call.getTargetOwner().isEquivalentTo(Thread.class)
                                || call.getTargetOwner().isEquivalentTo(Runtime.class)))
                .check(CLASSES);
    }

    @Test
    void onlyTheOperationsLayerReachesAProviderOrUsesTheApplyMachinery() {
        noClasses().that().resideOutsideOfPackages(ENGINE + ".operation..", ENGINE + ".provider..")
                .should().dependOnClassesThat().haveFullyQualifiedName(ENGINE + ".provider.Provider")
                .orShould().dependOnClassesThat().resideInAPackage(ENGINE + ".operation.apply..")
                .check(CLASSES);
    }

    @Test
    void networkntStaysInsideTheSchemaPackage() {
        noClasses().that().resideOutsideOfPackage(ENGINE + ".schema..")
                .should().dependOnClassesThat().resideInAPackage("com.networknt..")
                .check(CLASSES);
    }

    @Test
    void gitStaysInsideTheStatePackage() {
        noClasses().that().resideOutsideOfPackage(ENGINE + ".state..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .check(CLASSES);
    }

    @Test
    void theEngineNeverUsesTheCommandLineLibraryNorPrints() {
        noClasses().should().dependOnClassesThat().resideInAPackage("picocli..").check(CLASSES);
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(CLASSES);
    }

    @Test
    void aKindIsSpelledOnlyInTheAddressPackage() throws IOException {
        Path sources = Path.of("src/main/java/dev/teleform/engine");
        Pattern kind = Pattern.compile("\"(workload_cluster|role|user)\"");
        try (var files = Files.walk(sources)) {
            var spelled = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(sources.resolve("addr")))
                    .filter(f -> kind.matcher(read(f)).find()).map(Object::toString).toList();
            assertEquals(List.of(), spelled,
                    "name a kind with ResourceKind, not a string");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code plan} for {@code dev.teleform.engine.plan.Planner}, {@code operation.apply} for a class there. */
    private static String packageOf(JavaClass c) {
        return c.getPackageName().startsWith(ENGINE + ".") ? c.getPackageName().substring(ENGINE.length() + 1) : "";
    }
}
