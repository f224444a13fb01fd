package dev.teleform.engine.stack;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.SourcePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mistake in a {@code for_each} template shows in every document it stamps alike: fifty tenants would give
 * fifty copies of one error. The same problem at the same place of a template is said once, at its first item,
 * with how many more items have it; a problem at a place an item fills in stays one per item, whatever its
 * words, since each names the item to fix (a schema's message does not quote the value).
 */
final class StampedProblems {

    private StampedProblems() {
    }

    /**
     * {@code problems} with each problem repeated across stamps said once, in the order first met.
     *
     * @param itemDependent the templates' places whose values items fill in
     */
    static List<Diagnostic> once(List<Diagnostic> problems, Set<SourcePosition> itemDependent) {
        Map<Object, List<Diagnostic>> alike = new LinkedHashMap<>();
        for (Diagnostic problem : problems) {
            Object key = problem.source().filter(place -> place.stamp() != null)
                    .filter(place -> !itemDependent.contains(new SourcePosition(place.file(), place.line(),
                            place.column())))
                    .<Object>map(place -> List.of(problem.severity(), place.file(), place.line(), place.column(),
                            problem.field(), problem.message()))
                    .orElseGet(Object::new); // outside stamps, every problem is its own
            alike.computeIfAbsent(key, any -> new ArrayList<>()).add(problem);
        }
        List<Diagnostic> said = new ArrayList<>(alike.size());
        for (List<Diagnostic> same : alike.values()) {
            Diagnostic first = same.getFirst();
            said.add(same.size() == 1 ? first : new Diagnostic(first.severity(), first.source(), first.field(),
                    first.message() + " (the same in " + (same.size() - 1) + " more item"
                            + (same.size() == 2 ? "" : "s") + " of this for_each)", first.failure()));
        }
        return said;
    }
}
