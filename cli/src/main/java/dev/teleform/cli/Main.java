package dev.teleform.cli;

import java.io.PrintWriter;

/** Process entry point: runs {@link TeleformCli} on the real console and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = TeleformCli.run(args, out, err);
        // Auto-flush covers println only; a command that ends with print() must not lose its output.
        out.flush();
        err.flush();
        System.exit(status);
    }
}
