package dev.teleform.cli;

import dev.teleform.engine.addr.Address;
import dev.teleform.engine.addr.AddressParse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            description = StackOptions.DIR)
    Path dir;

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "Value for $${var:NAME} in the stack files; repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The address given; text that is not one stops the command, saying how to write one. */
    Address parsed(Problems problems) {
        return parse(address, problems);
    }

    static Address parse(String text, Problems problems) {
        return switch (Address.parse(text)) {
            case AddressParse.Parsed parsed -> parsed.address();
            case AddressParse.Invalid invalid -> throw problems.fail(invalid.message());
        };
    }

    /** Every address of a repeatable option. */
    static Set<Address> all(List<String> texts, Problems problems) {
        Set<Address> out = new HashSet<>();
        texts.forEach(text -> out.add(parse(text, problems)));
        return out;
    }

    StackOptions stack() {
        return StackOptions.of(dir, vars, command);
    }
}
