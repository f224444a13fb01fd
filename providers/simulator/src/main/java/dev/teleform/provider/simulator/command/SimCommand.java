package dev.teleform.provider.simulator.command;

import dev.teleform.engine.provider.GoDuration;
import dev.teleform.engine.provider.ProviderConfig;
import dev.teleform.engine.provider.ProviderTool;
import dev.teleform.provider.simulator.cloud.SimConsole;
import io.vavr.control.Either;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root of {@code teleform sim}: which data directory, then one of the subcommands. */
@Command(name = "teleform sim",
        description = {"Inspect and perturb the embedded Teleport Cloud simulator of a stack.",
            "Changes made here happen \"outside Teleform\": the next plan shows them as drift."},
        subcommands = {SimStatusCommand.class, SimGetCommand.class, SimEditCommand.class, SimDeleteCommand.class,
            SimFaultsCommand.class, SimIdentityCommand.class, SimAdminMfaCommand.class, SimResetCommand.class,
            SimTctlCommand.class, SimStandInsCommand.class, SimTbotCommand.class})
final class SimCommand implements Callable<Integer> {

    // Inherited, so that "teleform sim faults --help" works as the usage-error message promises.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-C", "--stack"}, paramLabel = "DIR", defaultValue = ".",
            description = "Stack directory whose simulator to use (default: the current directory).")
    Path stack;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Use this simulator data directory instead of the stack's spec.simulator.dir.")
    Path dataDir;

    // With --data-dir no stack is read, which is what makes a stand-in tctl process cheap.
    @Option(names = "--provisioning-delay", paramLabel = "DURATION", defaultValue = "5s",
            description = "With --data-dir: how long a new workload cluster takes to become active (default 5s).")
    String provisioningDelay;

    @Option(names = "--provisioning-reads", paramLabel = "N", defaultValue = "0",
            description = "With --data-dir: a new workload cluster is active at the Nth read of it rather than after "
                    + "the delay (for tests; default 0, by time).")
    int provisioningReads;

    @Option(names = "--aws-arn", paramLabel = "ARN", defaultValue = DEFAULT_AWS_ARN,
            description = "With --data-dir: the AWS identity an IAM join presents (default " + DEFAULT_AWS_ARN + ").")
    String awsArn;

    @Option(names = "--deny-bot-list",
            description = "With --data-dir: refuse the bot of each new workload cluster list on users and roles.")
    boolean denyBotList;

    static final String DEFAULT_AWS_ARN = "arn:aws:iam::123456789012:role/teleform-sim";

    @Spec
    CommandSpec spec;

    private final ProviderTool.Context context;

    SimCommand(ProviderTool.Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return 1;
    }

    ProviderTool.Context context() {
        return context;
    }

    /** The simulator of the chosen stack or data directory, or the reason there is none. */
    Either<String, SimConsole> console() {
        if (dataDir != null) {
            return console(dataDir, provisioningDelay, provisioningReads, awsArn, denyBotList, context.clock());
        }
        return context.stackConfig().apply(stack).map(SimConsole::new);
    }

    /** The simulator of a data directory, with the settings a stack would give it ({@code --data-dir} and its options). */
    static Either<String, SimConsole> console(Path dataDir, String provisioningDelay, int provisioningReads,
            String awsArn, boolean denyBotList, InstantSource clock) {
        Optional<Duration> delay = GoDuration.parse(provisioningDelay);
        String[] arn = awsArn.split(":");
        if (delay.isEmpty() || arn.length < 6 || !arn[0].equals("arn")) {
            return Either.left("--provisioning-delay takes a duration such as 5s, --aws-arn an ARN such as "
                    + DEFAULT_AWS_ARN);
        }
        ProviderConfig config = new ProviderConfig(dataDir.toAbsolutePath().getParent(), "sim", Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), new ProviderConfig.Tools("tctl", "tbot"),
                new ProviderConfig.SimulatorOptions(dataDir.toAbsolutePath(), delay.get(), arn[4], awsArn,
                        denyBotList, Math.max(0, provisioningReads)),
                clock);
        return Either.right(new SimConsole(config));
    }

    /** Exit status 0 after {@code report} prints the success, or 1 after printing the error to stderr. */
    <T> int outcome(Either<String, T> result, java.util.function.Consumer<T> report) {
        if (result.isLeft()) {
            context.err().println(result.getLeft());
            return 1;
        }
        report.accept(result.get());
        return 0;
    }

    /** Runs {@code action} on the console, or prints why there is none; returns the exit status. */
    int withConsole(java.util.function.Function<SimConsole, Integer> action) {
        Either<String, SimConsole> console = console();
        return console.isLeft() ? outcome(console, ignored -> { }) : action.apply(console.get());
    }
}
