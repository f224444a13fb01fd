package dev.teleform.engine.operation.apply;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.provider.LiveResource;
import dev.teleform.engine.provider.ProviderError;
import io.vavr.control.Either;
import java.util.List;
import java.util.Map;

/** One resource out of a read of several ({@link dev.teleform.engine.provider.Provider#getNamed}). */
final class Found {

    private Found() {
    }

    /** The resource at {@code address} in what {@code read} found, or why it is not there. */
    static Either<ProviderError, LiveResource> in(Either<ProviderError, Map<ResourceKind, List<LiveResource>>> read,
            Address address) {
        return read.flatMap(found -> found.getOrDefault(address.kind(), List.of()).stream()
                .filter(resource -> resource.name().equals(address.name())).findFirst()
                .<Either<ProviderError, LiveResource>>map(Either::right)
                .orElseGet(() -> Either.left(new ProviderError.NotFound(address.kind().kind() + " \""
                        + address.name() + "\" is not found"))));
    }
}
