package dev.teleform.cli;

import dev.teleform.engine.operation.ProviderTools;
import java.io.PrintWriter;

/** Process entry point: runs {@link TeleformCli} on the real console and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // Not for a provider's stand-in tool (tests start hundreds): watching the heap costs ~15 ms of start-up.
        if (args.length == 0 || ProviderTools.all().stream().noneMatch(tool -> tool.name().equals(args[0]))) {
            HeapGuard.install(err, System::exit);
        }
        int status;
        try {
            status = TeleformCli.run(args, out, err);
        } catch (OutOfMemoryError e) {
            err.println("teleform: the Java heap (at most " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MB) is too small for this stack. " + HeapGuard.ADVICE);
            status = TeleformCli.ERROR;
        }
        // Auto-flush covers println only; a command that ends with print() must not lose its output.
        out.flush();
        err.flush();
        System.exit(status);
    }
}
