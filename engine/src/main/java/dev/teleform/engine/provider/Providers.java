package dev.teleform.engine.provider;

import io.vavr.control.Either;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds providers and provider tools on the class path. */
public final class Providers {

    private Providers() {
    }

    /** The factory named {@code name}, or a message listing the ones available. */
    public static Either<String, ProviderFactory> factory(String name) {
        List<ProviderFactory> factories = ServiceLoader.load(ProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return factories.stream().filter(f -> f.name().equals(name)).findFirst()
                .<Either<String, ProviderFactory>>map(Either::right)
                .orElseGet(() -> Either.left("no provider \"" + name + "\" in this build; available: "
                        + String.join(", ", factories.stream().map(ProviderFactory::name).sorted().toList())));
    }

    /** Every tool that providers on the class path offer. */
    public static List<ProviderTool> tools() {
        return ServiceLoader.load(ProviderTool.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    public static Optional<ProviderTool> tool(String name) {
        return tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
