package dev.teleform.engine.stack;

import dev.teleform.engine.source.FieldPaths;
import dev.teleform.engine.source.ParsedFileCache;
import dev.teleform.engine.source.SourceDocument;
import dev.teleform.engine.source.StackFileReader;
import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Redaction;
import dev.teleform.engine.resource.SensitiveFields;
import dev.teleform.engine.diag.SourcePosition;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Reads a stack directory into documents: every {@code *.yaml}/{@code *.yml} directly in it, plus
 * the files that the stack document's {@code spec.include} globs name below it, then substitutes
 * variables. Semantic meaning is {@link StackValidator}'s job.
 */
public final class StackLoader {

    /**
     * All documents of a stack, in file order, with the problems met while reading them.
     *
     * @param complete      false when some file could not be read to its end, so documents may be missing, or a
     *                      value could not be substituted, so what it names is unknown (an unset variable in a
     *                      workload cluster's name would make every role and user in that cluster an error): rules
     *                      across documents would report false problems
     * @param sensitive     by document (identity: documents are compared by content otherwise), the fields
     *                      that took a sensitive variable's value
     * @param redaction     the sensitive variables' values, which no message may show
     * @param schemaChecked documents (by identity) that passed their schema check in an earlier run, as read
     *                      from the {@link ParsedFileCache}
     * @param worthKeeping  the files parsed in this run that the cache may keep
     * @param itemDependent the places in {@code for_each} templates whose values items fill in
     */
    public record LoadedDocuments(Path dir, List<SourceDocument> documents, List<Diagnostic> problems,
            boolean complete, String digest, Map<SourceDocument, SensitiveFields> sensitive, Redaction redaction,
            Set<SourceDocument> schemaChecked, List<StackFileReader.FileContent> worthKeeping,
            Set<SourcePosition> itemDependent) {
        public LoadedDocuments {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
            sensitive = Collections.unmodifiableMap(new IdentityHashMap<>(sensitive));
            Set<SourceDocument> checked = Collections.newSetFromMap(new IdentityHashMap<>());
            checked.addAll(schemaChecked);
            schemaChecked = Collections.unmodifiableSet(checked);
            worthKeeping = List.copyOf(worthKeeping);
            itemDependent = Set.copyOf(itemDependent);
        }

        /** What was read before a problem stopped the loading. */
        static LoadedDocuments stopped(Path dir, List<SourceDocument> documents, List<Diagnostic> problems) {
            return new LoadedDocuments(dir, documents, problems, false, "", Map.of(), Redaction.NONE, Set.of(),
                    List.of(), Set.of());
        }

        public SensitiveFields sensitiveIn(SourceDocument document) {
            return sensitive.getOrDefault(document, SensitiveFields.NONE);
        }
    }

    private final LoadOptions options;

    public StackLoader(LoadOptions options) {
        this.options = options;
    }

    public LoadedDocuments load(Path dir) {
        List<Diagnostic> problems = new ArrayList<>();
        SourcePosition whole = SourcePosition.wholeFile(dir);
        if (!Files.isDirectory(dir)) {
            String why = Files.exists(dir) ? "is not a directory: a stack is a directory of YAML files"
                    : "does not exist";
            problems.add(Diagnostic.error(whole, "", "stack directory " + why));
            return LoadedDocuments.stopped(dir, List.of(), problems);
        }
        List<Path> topLevel;
        try {
            topLevel = topLevelYaml(dir);
        } catch (IOException e) {
            problems.add(Diagnostic.error(whole, "", "cannot list stack directory: " + e.getMessage()));
            return LoadedDocuments.stopped(dir, List.of(), problems);
        }
        if (topLevel.isEmpty()) {
            problems.add(Diagnostic.error(whole, "", "no *.yaml or *.yml files here: a stack is a directory of YAML "
                    + "files, one of which holds a \"kind: stack\" document (see examples/quickstart)"));
            return LoadedDocuments.stopped(dir, List.of(), problems);
        }
        if (topLevel.size() > options.limits().maxFiles()) {
            problems.add(tooManyFiles(whole, topLevel.size()));
            return LoadedDocuments.stopped(dir, List.of(), problems);
        }
        Collected collected = new Collected(dir, problems);
        List<StackFileReader.FileContent> topContents = readAll(topLevel);
        Interpolation interpolation = new Interpolation(options.vars(), options.env(),
                declaredEnvironment(topContents, problems));
        collected.add(topLevel, substituted(topContents, interpolation));
        Set<Path> included = new LinkedHashSet<>(includedFiles(dir, collected.read, problems));
        included.removeAll(topLevel);
        if (topLevel.size() + included.size() > options.limits().maxFiles()) {
            problems.add(tooManyFiles(whole, topLevel.size() + included.size()));
            LoadedDocuments soFar = collected.loaded();
            return LoadedDocuments.stopped(dir, soFar.documents(), soFar.problems());
        }
        List<Path> more = List.copyOf(included);
        collected.add(more, substituted(readAll(more), interpolation));
        return collected.loaded();
    }

    /**
     * What the files read so far hold, in file order. When all are read, {@link #loaded()} sets the data files
     * that {@code for_each} templates name apart (they hold items, not documents), stamps the templates' documents,
     * and digests the stack.
     */
    private final class Collected {
        private final Path dir;
        private final List<Diagnostic> problems;
        /** Every document read, templates as written: {@code spec.include} is read from these. */
        private final List<SourceDocument> read = new ArrayList<>();
        private final List<Path> files = new ArrayList<>();
        private final List<Substituted> contents = new ArrayList<>();

        Collected(Path dir, List<Diagnostic> problems) {
            this.dir = dir;
            this.problems = problems;
        }

        void add(List<Path> files, List<Substituted> contents) {
            this.files.addAll(files);
            this.contents.addAll(contents);
            contents.forEach(file -> read.addAll(file.content().documents()));
        }

        LoadedDocuments loaded() {
            ContentDigest digest = new ContentDigest(dir);
            List<SourceDocument> documents = new ArrayList<>();
            Map<SourceDocument, SensitiveFields> sensitive = new IdentityHashMap<>();
            Set<String> secrets = new HashSet<>();
            Set<Interpolation.Read> reads = new HashSet<>();
            Set<SourceDocument> schemaChecked = Collections.newSetFromMap(new IdentityHashMap<>());
            List<StackFileReader.FileContent> worthKeeping = new ArrayList<>();
            boolean complete = true;
            ForEach forEach = new ForEach(dir, new StackFileReader(options.limits()));
            Set<Path> dataFiles = new HashSet<>();
            read.stream().filter(ForEach::isTemplate).forEach(template -> forEach.dataFile(template)
                    .ifPresent(dataFiles::add));
            for (int i = 0; i < files.size(); i++) {
                Substituted file = contents.get(i);
                if (dataFiles.contains(files.get(i).toAbsolutePath().normalize())) {
                    // Read as a data file below, and digested as one. A file that also holds resources would lose them
                    // silently (and a plan would delete them): that is an error.
                    file.content().documents().stream().filter(document -> !document.text("kind").isEmpty()).findFirst()
                            .ifPresent(document -> problems.add(Diagnostic.error(document.at("/kind"), "kind",
                                    "this file is the data of a for_each (file: ...), so it is not read for resources, "
                                            + "yet it declares a " + document.text("kind") + ": keep the for_each data in "
                                            + "a file of its own")));
                    continue;
                }
                digest.add(files.get(i), file.asWritten());
                problems.addAll(file.content().problems());
                complete &= file.content().complete();
                // Never the file with the stack's settings: they may hold a credential written out (a state remote's
                // URL with a token in it), which must not outlive its removal from the file in a cache; and it is small.
                if (file.content().worthKeeping() && file.content().documents().stream()
                        .noneMatch(document -> StackValidator.STACK_KIND.equals(document.text("kind")))) {
                    worthKeeping.add(file.content());
                }
                if (file.content().schemaChecked()) {
                    schemaChecked.addAll(file.content().documents());
                }
                for (int d = 0; d < file.content().documents().size(); d++) {
                    SourceDocument document = file.content().documents().get(d);
                    Interpolation.Substitution substitution = file.substitutions().get(d);
                    problems.addAll(substitution.problems());
                    complete &= substitution.problems().isEmpty();
                    secrets.addAll(substitution.secrets());
                    reads.addAll(substitution.reads());
                    List<SourceDocument> stamped = List.of(document);
                    if (ForEach.isTemplate(document)) {
                        stamped = forEach.expand(document, problems);
                    } else if (file.content().mentionsDollar()) {
                        ForEach.refuseOutsideTemplate(document, problems);
                    }
                    for (SourceDocument each : stamped) {
                        documents.add(each);
                        if (!substitution.sensitive().isEmpty()) {
                            sensitive.put(each, SensitiveFields.of(substitution.sensitive()));
                        }
                    }
                }
            }
            // A data file changes the stamps, so the stack digest holds its bytes, in file order after the rest.
            forEach.dataDigests().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(data -> digest.addData(data.getKey(), data.getValue()));
            digest.addValues(reads);
            complete &= forEach.complete();
            return new LoadedDocuments(dir, documents, problems, complete, digest.finish(), sensitive,
                    Redaction.of(secrets), schemaChecked, worthKeeping, forEach.itemDependent());
        }
    }

    /**
     * A file's content after substitution, with what substitution found in each of its documents.
     *
     * @param asWritten what the stack digest takes from the file, as it was before substitution
     */
    private record Substituted(StackFileReader.FileContent content, List<Interpolation.Substitution> substitutions,
            byte[] asWritten) {}

    private Diagnostic tooManyFiles(SourcePosition whole, int count) {
        return Diagnostic.error(whole, "", "stack has " + count + " YAML files; at most "
                + options.limits().maxFiles() + " are read");
    }

    /** Reads files in parallel (they are independent, and a large stack has hundreds of them), in file order. */
    private List<StackFileReader.FileContent> readAll(List<Path> files) {
        StackFileReader reader = new StackFileReader(options.limits(), options.cache());
        return files.parallelStream().map(reader::read).toList();
    }

    /**
     * {@code spec.environment} of the first stack document among the top-level files, the one that
     * validation takes as the stack's settings; none declared without one.
     */
    private static DeclaredEnvironment declaredEnvironment(List<StackFileReader.FileContent> contents,
            List<Diagnostic> problems) {
        return contents.stream().flatMap(content -> content.documents().stream())
                .filter(document -> StackValidator.STACK_KIND.equals(document.text("kind")))
                .findFirst()
                .map(stack -> DeclaredEnvironment.read(stack, problems))
                .orElse(DeclaredEnvironment.NONE);
    }

    /**
     * Substitutes variables in each file that mentions one, in parallel; the results keep file order. Substitution
     * changes the documents in place, so what the digest takes from a file is taken first.
     */
    private static List<Substituted> substituted(List<StackFileReader.FileContent> contents,
            Interpolation interpolation) {
        return contents.parallelStream().map(content -> {
            byte[] asWritten = ContentDigest.asWritten(content);
            return new Substituted(content, content.documents().stream()
                    .map(document -> content.mentionsDollar() ? interpolation.apply(document)
                            : Interpolation.Substitution.NONE)
                    .toList(), asWritten);
        }).toList();
    }

    private static List<Path> topLevelYaml(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(StackLoader::isYaml).sorted().toList();
        }
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** Files named by {@code spec.include} of the stack document(s), below the stack directory only. */
    private static List<Path> includedFiles(Path dir, List<SourceDocument> documents, List<Diagnostic> problems) {
        List<Path> found = new ArrayList<>();
        for (SourceDocument document : documents) {
            if (!"stack".equals(document.text("kind"))) {
                continue;
            }
            JsonNode include = document.root().path("spec").path("include");
            for (int i = 0; include.isArray() && i < include.size(); i++) {
                String pattern = include.get(i).asString("");
                String pointer = "/spec/include/" + i;
                if (pattern.isBlank() || pattern.startsWith("/") || pattern.contains("..")) {
                    problems.add(Diagnostic.error(document.at(pointer), FieldPaths.display(pointer),
                            "include patterns are globs relative to the stack directory, without \"..\""));
                    continue;
                }
                List<Path> matches = glob(dir, pattern);
                if (matches.isEmpty()) {
                    problems.add(Diagnostic.warning(document.at(pointer), FieldPaths.display(pointer),
                            "include pattern \"" + pattern + "\" matches no .yaml or .yml file"));
                }
                found.addAll(matches);
            }
        }
        return found;
    }

    private static List<Path> glob(Path dir, String pattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(StackLoader::isYaml)
                    .filter(file -> !hidden(dir.relativize(file)))
                    .filter(file -> matcher.matches(dir.relativize(file)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@code .teleform/} (state, simulator data) and {@code .git/} are never stack content. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
