package dev.teleform.provider.teleport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a tool, fully described: no shell ever sees it.
 *
 * @param tool        the setting that names the binary, for messages ({@code spec.bootstrap.tctl})
 * @param argv        the binary and its arguments
 * @param environment the whole environment the process gets (nothing is inherited)
 * @param stdin       bytes to write to its standard input, then closed; empty closes it at once
 * @param timeout     how long it may run before it is killed
 */
record ToolCommand(String tool, List<String> argv, Map<String, String> environment, Optional<byte[]> stdin,
        Duration timeout) {

    ToolCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    String binary() {
        return argv.getFirst();
    }

    /** {@code tctl get roles --format json}: the binary's file name and the arguments, never stdin. */
    String describe() {
        return java.nio.file.Path.of(binary()).getFileName() + (argv.size() > 1
                ? " " + String.join(" ", argv.subList(1, argv.size())) : "");
    }
}
