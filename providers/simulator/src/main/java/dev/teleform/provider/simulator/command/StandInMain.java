package dev.teleform.provider.simulator.command;

import dev.teleform.provider.simulator.cloud.SimConsole;
import dev.teleform.provider.simulator.standin.TbotStandIn;
import dev.teleform.provider.simulator.standin.TctlStandIn;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

/**
 * The process entry point of the {@code tctl} and {@code tbot} scripts {@code teleform sim stand-ins} writes:
 * {@code teleform sim --data-dir DIR [options] tctl|tbot ARGS} without Teleform's command line, whose command tree
 * picocli builds by reflection (picocli's classes are too old for the ahead-of-time cache), about half of what
 * each stand-in process costs, and tests start them by the hundred. It takes exactly the options the scripts are
 * written with and answers as {@link SimTctlCommand} and {@link SimTbotCommand} do.
 */
public final class StandInMain {

    private StandInMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(Arrays.asList(args), out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the stand-in {@code args} name; its exit status. */
    static int run(List<String> args, PrintWriter out, PrintWriter err) {
        Path dataDir = null;
        String delay = "5s";
        int reads = 0;
        String awsArn = SimCommand.DEFAULT_AWS_ARN;
        boolean denyBotList = false;
        int at = 0;
        for (; at < args.size() && args.get(at).startsWith("--"); at++) {
            String option = args.get(at);
            if (option.equals("--deny-bot-list")) {
                denyBotList = true;
                continue;
            }
            if (at + 1 >= args.size()) {
                return usage(err, option + " needs a value");
            }
            String value = args.get(++at);
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--provisioning-delay" -> delay = value;
                case "--provisioning-reads" -> {
                    try {
                        reads = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        return usage(err, "--provisioning-reads takes a number, not " + value);
                    }
                }
                case "--aws-arn" -> awsArn = value;
                default -> {
                    return usage(err, "unknown option " + option);
                }
            }
        }
        if (dataDir == null || at >= args.size() || !List.of("tctl", "tbot").contains(args.get(at))) {
            return usage(err, "expected --data-dir DIR [options] tctl|tbot ARGS");
        }
        String tool = args.get(at);
        List<String> toolArgs = args.subList(at + 1, args.size());
        Either<String, SimConsole> console = SimCommand.console(dataDir, delay, reads, awsArn, denyBotList,
                InstantSource.system());
        if (console.isLeft()) {
            err.println(console.getLeft());
            return 1;
        }
        return tool.equals("tctl") ? new TctlStandIn(console.get(), out, err, System.in).run(toolArgs)
                : new TbotStandIn(console.get(), err, System.getenv()).run(toolArgs);
    }

    private static int usage(PrintWriter err, String problem) {
        err.println("teleform sim stand-in: " + problem + " (the script 'teleform sim stand-ins' writes passes these)");
        return 1;
    }
}
