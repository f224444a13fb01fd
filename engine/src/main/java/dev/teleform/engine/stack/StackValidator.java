package dev.teleform.engine.stack;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.DidYouMean;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.resource.Resource;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.schema.SchemaCatalog;
import dev.teleform.engine.source.SourceDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks loaded documents: each against its kind's schema, then the stack as a whole against
 * Teleform's rules ({@link StackRules}). Reports every problem, never stops at the first.
 */
final class StackValidator {

    static final String STACK_KIND = "stack";
    /** Fields that name a document's resource; {@code cluster} may also be a list. */
    private static final Set<String> NAMING = Set.of("/kind", "/version", "/metadata/name", "/cluster");

    /** Documents whose schema check found nothing, in this run or (read from the cache) an earlier one. */
    private final Set<SourceDocument> passedSchema = Collections.newSetFromMap(new IdentityHashMap<>());

    StackResult validate(StackLoader.LoadedDocuments loaded) {
        List<Diagnostic> problems = new ArrayList<>(loaded.problems());
        // A value the reader refused (a YAML infinity, say) or could not substitute is reported once, by the loader:
        // what stands in for it is no one's to check, in the template or in any document stamped from it.
        Set<SourcePosition> refused = new HashSet<>();
        loaded.problems().forEach(problem -> problem.source().map(StackValidator::unstamped).ifPresent(refused::add));
        List<SourceDocument> stackDocuments = new ArrayList<>();
        List<Resource> resources = new ArrayList<>();
        // Documents are checked independently, so in parallel; the results keep document order.
        // cluster: globs are matched against every workload cluster, so these are known before any document is built
        ResourceBuilder.WorkloadClusters clusters = ResourceBuilder.WorkloadClusters.of(loaded.documents(),
                loaded.complete());
        for (Checked checked : loaded.documents().parallelStream()
                .map(document -> unreadKind(document, refused) ? Checked.unknown(document)
                        : check(document, loaded.sensitiveIn(document), clusters,
                                loaded.schemaChecked().contains(document))).toList()) {
            checked.problems().stream().filter(problem -> problem.source().map(place -> !refused.contains(unstamped(place)))
                    .orElse(true)).forEach(problems::add);
            if (checked.passedSchema()) {
                passedSchema.add(checked.document());
            }
            resources.addAll(checked.resources());
            if (checked.isStack()) {
                stackDocuments.add(checked.document());
            }
        }
        StackSettings settings = settings(loaded, stackDocuments, problems);
        if (settings != null && loaded.complete()) {
            problems.addAll(new StackRules(settings, stackDocuments.getFirst(), resources).check());
        }
        Diagnostics diagnostics = Diagnostics.of(StampedProblems.once(problems, loaded.itemDependent()).stream().map(loaded.redaction()::apply)
                .toList());
        if (diagnostics.hasErrors() || settings == null) {
            return new StackResult.Invalid(diagnostics);
        }
        return new StackResult.Valid(new Stack(loaded.dir(), settings, resources, loaded.digest(), loaded.redaction()),
                diagnostics);
    }

    /** Whether {@code document}'s schema check found nothing (false for one of unknown kind). */
    boolean passedSchema(SourceDocument document) {
        return passedSchema.contains(document);
    }

    /** One document after its schema check: a stack document, resources (one per cluster it names), or neither. */
    private record Checked(SourceDocument document, boolean isStack, List<Resource> resources,
            List<Diagnostic> problems, boolean passedSchema) {

        /** A document whose kind is unknown because the loader could not read it: nothing in it can be checked. */
        static Checked unknown(SourceDocument document) {
            return new Checked(document, false, List.of(), List.of(), false);
        }
    }

    /**
     * Whether the document's kind is a value the loader refused (an unset variable): asked only of a document
     * without a kind, since a place costs a cached file its parse.
     */
    private static boolean unreadKind(SourceDocument document, Set<SourcePosition> refused) {
        return document.text("kind").isEmpty() && !refused.isEmpty() && refused.contains(unstamped(document.at("/kind")));
    }

    private static SourcePosition unstamped(SourcePosition place) {
        return place.stamp() == null ? place : new SourcePosition(place.file(), place.line(), place.column());
    }

    /** {@code schemaChecked}: the document passed its schema check in an earlier run, which need not be repeated. */
    private Checked check(SourceDocument document, SensitiveFields sensitive,
            ResourceBuilder.WorkloadClusters clusters, boolean schemaChecked) {
        String kind = document.text("kind");
        List<Diagnostic> problems = new ArrayList<>(namedBySecret(document, sensitive));
        if (STACK_KIND.equals(kind)) {
            List<Diagnostic> found = schemaChecked ? List.of() : SchemaCatalog.shared().validate(SchemaCatalog.STACK_SCHEMA, document);
            problems.addAll(found);
            return new Checked(document, true, List.of(), problems, found.isEmpty());
        }
        Optional<ResourceKind> resourceKind = ResourceKind.of(kind);
        if (resourceKind.isEmpty()) {
            problems.add(unknownKind(document, kind));
            return new Checked(document, false, List.of(), problems, false);
        }
        List<Diagnostic> found = schemaChecked ? List.of()
                : SchemaCatalog.shared().validate(SchemaCatalog.schemaFile(resourceKind.get()), document);
        problems.addAll(found);
        List<Resource> resources = ResourceBuilder.build(document, resourceKind.get(), sensitive, clusters, problems);
        return new Checked(document, false, resources, problems, found.isEmpty());
    }

    /**
     * What names a resource (or the stack) is printed in every plan, state entry and message, so no
     * sensitive variable may set it.
     */
    private static List<Diagnostic> namedBySecret(SourceDocument document, SensitiveFields sensitive) {
        return sensitive.pointers().stream().filter(pointer -> NAMING.contains(pointer) || pointer.startsWith("/cluster/"))
                .map(pointer -> Diagnostic.error(document.at(pointer), FieldPaths.display(pointer), "takes the value of "
                        + "a sensitive variable, but it names the resource in every plan, state entry and message: "
                        + "set it without one"))
                .toList();
    }

    /**
     * The documents among {@code documents} whose kind Teleform does not know, each as {@link #validate} reports it. A
     * document with no kind is not judged (a {@code for_each} data file, a CI workflow), nor one whose kind is a
     * variable still to be substituted.
     */
    static List<Diagnostic> unknownKinds(List<SourceDocument> documents) {
        return documents.stream().filter(document -> {
            String kind = document.text("kind");
            return !kind.isEmpty() && !kind.contains("${") && !STACK_KIND.equals(kind) && ResourceKind.of(kind).isEmpty();
        }).map(document -> unknownKind(document, document.text("kind"))).toList();
    }

    private static Diagnostic unknownKind(SourceDocument document, String kind) {
        List<String> known = Stream.concat(Stream.of(STACK_KIND),
                Arrays.stream(ResourceKind.values()).map(ResourceKind::kind)).toList();
        if (kind.isEmpty()) {
            return Diagnostic.error(document.start(), "kind",
                    "is required; one of: " + String.join(", ", known));
        }
        return Diagnostic.error(document.at("/kind"), "kind", "unknown kind \"" + kind + "\""
                + DidYouMean.hint(kind, known) + " (Teleform manages " + String.join(", ", known.subList(1, known.size()))
                + ")");
    }

    /** The one stack document's settings, or null (with an error) when there is none or several. */
    private static StackSettings settings(StackLoader.LoadedDocuments loaded, List<SourceDocument> stackDocuments,
            List<Diagnostic> problems) {
        if (stackDocuments.isEmpty()) {
            if (!loaded.documents().isEmpty()) {
                problems.add(Diagnostic.error(SourcePosition.wholeFile(loaded.dir()), "",
                        "no \"kind: stack\" document: one file of the stack must hold its settings "
                                + "(kind: stack, version: v1, metadata.name, spec.provider)"));
            }
            return null;
        }
        SourceDocument first = stackDocuments.getFirst();
        for (SourceDocument extra : stackDocuments.subList(1, stackDocuments.size())) {
            problems.add(Diagnostic.error(extra.at("/kind"), "kind", "a second \"kind: stack\" document; a stack has "
                    + "exactly one (the first is at " + StackRules.shortPlace(loaded.dir(), first.start())
                    + ")"));
        }
        if (stackDocuments.size() != 1) {
            return null;
        }
        refuseOpenSshKey(first, loaded.sensitiveIn(first), problems);
        return SettingsReader.read(first);
    }

    private static final String SSH_KEY = "/spec/state/ssh_key";

    /**
     * A private key written in a stack file is committed with it, and one from a variable not declared sensitive
     * may be shown in messages: {@code spec.state.ssh_key} holds key material only from a sensitive variable (a
     * path to a key file is no secret).
     */
    private static void refuseOpenSshKey(SourceDocument stack, SensitiveFields sensitive, List<Diagnostic> problems) {
        String key = stack.root().at(SSH_KEY).asString("");
        if (key.contains("PRIVATE KEY") && !sensitive.covers(SSH_KEY)) {
            problems.add(Diagnostic.error(stack.at(SSH_KEY), "spec.state.ssh_key", "holds a private key that is "
                    + "written in the stack or comes from a variable not declared sensitive; take it from a sensitive "
                    + "environment variable (spec.environment: [{name: NAME, sensitive: true}], ssh_key: ${env:NAME}) "
                    + "or name a key file"));
        }
    }
}
