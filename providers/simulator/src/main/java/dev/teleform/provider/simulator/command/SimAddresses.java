package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.SimAddress;
import dev.teleform.provider.simulator.cloud.SimConsole;
import java.util.Optional;
import java.util.function.BiFunction;

/** Resolves a command's ADDR argument and the console together, reporting either failure. */
final class SimAddresses {

    private SimAddresses() {
    }

    static int with(SimCommand root, String text, BiFunction<SimConsole, SimAddress, Integer> action) {
        Optional<SimAddress> address = SimAddress.parse(text);
        if (address.isEmpty()) {
            root.context().err().println("\"" + text + "\" is not an address: write kind/name or kind/name@cluster, "
                    + "e.g. role/example@child");
            return 1;
        }
        return root.withConsole(console -> action.apply(console, address.get()));
    }
}
