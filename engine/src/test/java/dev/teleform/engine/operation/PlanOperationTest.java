package dev.teleform.engine.operation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.stack.LoadOptions;
import dev.teleform.engine.stack.ProviderConfigs;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.stack.StackSettings;
import dev.teleform.engine.state.State;
import dev.teleform.engine.state.StateError;
import dev.teleform.engine.state.StateStore;
import io.vavr.control.Either;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan reads state while its provider starts; the read is over when the plan is, whatever happened. */
class PlanOperationTest {

    @TempDir
    Path dir;

    @Test
    void theStateReadEndsBeforeAPlanWhoseProviderCannotStartReturns() throws Exception {
        Files.writeString(dir.resolve("stack.yaml"), """
                kind: stack
                version: v1
                metadata: {name: s}
                spec: {provider: simulator}
                """);
        Stack read = ((StackResult.Valid) new StackReader(LoadOptions.defaults()).read(dir)).stack();
        StackSettings s = read.settings();
        Stack stack = new Stack(read.dir(), new StackSettings(s.name(), "no-such-provider", s.parent(), s.state(),
                s.bootstrap(), s.waitTimeout(), s.clusters(), s.simulator(), s.include(), s.deliverInvites()), read.resources(),
                read.digest(), read.redaction());
        AtomicBoolean readOver = new AtomicBoolean();
        StateStore slow = new StateStore() {
            @Override
            public Either<StateError, Snapshot> read() {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                readOver.set(true);
                return Either.right(new Snapshot(State.empty("s"), Optional.empty()));
            }

            @Override
            public Either<StateError, Snapshot> write(State state, Optional<String> readAt, String message) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Either<StateError, List<Entry>> history(int limit) {
                return Either.right(List.of());
            }
        };
        Workspace workspace = new Workspace(stack, slow, ProviderConfigs.of(stack, InstantSource.system()), null);
        Outcome<PlanOperation.Result> planned = PlanOperation.run(workspace, PlanOptions.normal(), 4);
        assertFalse(planned.succeeded());
        assertTrue(readOver.get(), "the plan returned while its state read went on");
    }
}
