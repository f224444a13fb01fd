package dev.teleform.engine.planfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teleform.engine.diag.Diagnostic;
import dev.teleform.engine.diag.Diagnostics;
import dev.teleform.engine.diag.SourcePosition;
import dev.teleform.engine.plan.Plan;
import dev.teleform.engine.plan.PlanMode;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A saved plan's problems read back as they were made. */
class PlanFileProblemsTest {

    private static final Path STACK = Path.of("/stack");

    private static Plan read(Diagnostic problem) {
        Plan plan = new Plan(PlanMode.NORMAL, List.of(), List.of(), Diagnostics.of(List.of(problem)), 0);
        PlanFile file = new PlanFile("prod", STACK, "sha256:x", "lineage", 3, Optional.empty(), "simulator", "/sim",
                List.of(), List.of(), plan);
        String written = PlanFileCodec.write(file, new StackLocation(StackLocation.Base.ABSOLUTE, "/stack"));
        return PlanFileCodec.read(written.getBytes(), location -> Either.right(Path.of(location.path()))).get().plan();
    }

    @Test
    void aProblemInAStampedDocumentKeepsItsItem() {
        SourcePosition item = new SourcePosition(STACK.resolve("tenants.yaml"), 2, 1);
        Diagnostic problem = Diagnostic.warning(new SourcePosition(STACK.resolve("tenant.yaml"), 6, 12,
                new SourcePosition.Stamp("globex", item)), "invite.ttl", "shortened");
        assertEquals(List.of(problem), read(problem).problems().all());
    }

    @Test
    void aProblemElsewhereHasNone() {
        Diagnostic problem = Diagnostic.warning(new SourcePosition(STACK.resolve("roles.yaml"), 3, 1), "", "x");
        assertEquals(List.of(problem), read(problem).problems().all());
    }
}
