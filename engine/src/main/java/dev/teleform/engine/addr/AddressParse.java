package dev.teleform.engine.addr;

/** The outcome of {@link Address#parse(String)}: an address or the reason the text is not one. */
public sealed interface AddressParse {

    /** The text named an address. */
    record Parsed(Address address) implements AddressParse {}

    /** The text did not; {@code message} says how to write one. */
    record Invalid(String text, String message) implements AddressParse {}
}
