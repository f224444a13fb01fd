package dev.teleform.engine.plan;

import dev.teleform.engine.addr.Address;

/**
 * A resource whose changes a plan leaves out because of {@code --exclude}: named there, or needing one that was.
 *
 * @param cause the address named with {@code --exclude} that this one depends on; itself when it was named
 */
public record Exclusion(Address address, Address cause) {

    /** Whether {@code --exclude} named this resource itself. */
    public boolean named() {
        return address.equals(cause);
    }
}
