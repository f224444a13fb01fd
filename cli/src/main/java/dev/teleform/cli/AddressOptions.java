package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The arguments of commands that act on one resource of a stack: {@code ADDR [DIR] [--var NAME=VALUE]...}. */
final class AddressOptions {

    @Parameters(index = "0", paramLabel = "ADDR", description = "kind/name in the parent cluster, kind/name@CLUSTER "
            + "in a workload cluster.")
    String address;

    @Parameters(index = "1", arity = "0..1", defaultValue = ".", paramLabel = "DIR",
            description = "Stack directory (default: the current directory).")
    Path dir;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Value for $${var:NAME} in the stack files; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The parsed address, or why it is not one. */
    Either<String, Address> parsed() {
        return switch (Address.parse(address)) {
            case AddressParse.Parsed parsed -> Either.right(parsed.address());
            case AddressParse.Invalid invalid -> Either.left(invalid.message());
        };
    }

    StackOptions stack() {
        return StackOptions.of(dir, vars, command);
    }
}
