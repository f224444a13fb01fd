package dev.teleform.cli;

import dev.teleform.cli.view.StackReport;
import dev.teleform.engine.plan.PlanOptions;
import dev.teleform.engine.plan.Planning;
import dev.teleform.engine.provider.Provider;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.Providers;
import dev.teleform.engine.stack.ProviderConfigs;
import dev.teleform.engine.stack.Stack;
import dev.teleform.engine.stack.StackReader;
import dev.teleform.engine.stack.StackResult;
import dev.teleform.engine.state.GitLocks;
import dev.teleform.engine.state.GitStateStore;
import dev.teleform.engine.state.StateStore;
import dev.teleform.engine.state.UrlCredentials;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/** What a command that works on a stack opens: the validated stack, its state store, its provider settings. */
record Workspace(Stack stack, StateStore state, ProviderConfig providerConfig, GitLocks locks) {

    /** The workspace of the stack in {@code options.dir}, or empty after printing why there is none. */
    static Optional<Workspace> open(StackOptions options, PrintWriter out, PrintWriter err, InstantSource clock) {
        StackResult result = new StackReader(options.loadOptions()).read(options.dir);
        if (!(result instanceof StackResult.Valid valid)) {
            StackReport.print(result, out, err);
            return Optional.empty();
        }
        if (!valid.diagnostics().all().isEmpty()) {
            err.println(valid.diagnostics().format(java.nio.file.Path.of("").toAbsolutePath()));
        }
        Stack stack = valid.stack();
        var state = stack.settings().state();
        Path repo = stack.dir().resolve(state.repo());
        StateStore store;
        GitLocks locks;
        if (state.remote().isPresent()) {
            // The local repository is then only a cache: state and lock live in the remote.
            try {
                store = GitStateStore.shared(repo, state.branch(), state.file(), stack.settings().name(), clock,
                        state.remote().get());
                locks = GitLocks.shared(repo, stack.settings().name(), clock, state.remote().get());
            } catch (java.net.URISyntaxException e) {
                err.println("teleform: spec.state.remote: \"" + UrlCredentials.mask(state.remote().get())
                        + "\" is not a git URL (" + e.getReason() + ")");
                return Optional.empty();
            }
        } else {
            store = new GitStateStore(repo, state.branch(), state.file(), stack.settings().name(), clock);
            locks = new GitLocks(repo, stack.settings().name(), clock);
        }
        return Optional.of(new Workspace(stack, store, ProviderConfigs.of(stack, clock), locks));
    }

    /** Refreshes and plans with the stack's provider, closed afterwards. */
    Either<String, Planning.Result> plan(PlanOptions options, int parallelism) {
        return provider().flatMap(opened -> {
            try (Provider provider = opened) {
                return Planning.run(stack, state, provider, providerConfig, options, parallelism);
            }
        });
    }

    /** Opens the stack's provider; the caller closes it. */
    Either<String, Provider> provider() {
        return Providers.factory(stack.settings().provider()).map(factory -> factory.open(providerConfig));
    }
}
