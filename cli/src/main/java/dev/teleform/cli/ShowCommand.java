package dev.teleform.cli;

import dev.teleform.engine.planfile.PlanFile;
import dev.teleform.engine.planfile.PlanFileCodec;
import dev.teleform.engine.render.JsonPlanRenderer;
import dev.teleform.engine.render.MarkdownPlanRenderer;
import dev.teleform.engine.render.TextPlanRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code teleform show PLANFILE}: print a saved plan. */
@Command(name = "show", description = "Print a plan saved with 'teleform plan --out FILE'.")
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PLANFILE")
    Path file;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("text", "json", "markdown").contains(format)) {
            err.println("teleform: --format takes text, json or markdown, not " + format);
            return TeleformCli.ERROR;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println("teleform: cannot read " + file + ": " + e.getMessage());
            return TeleformCli.ERROR;
        }
        var read = PlanFileCodec.read(bytes);
        if (read.isLeft()) {
            err.println("teleform: " + file + ": " + read.getLeft());
            return TeleformCli.ERROR;
        }
        PlanFile planFile = read.get();
        Path base = Path.of("").toAbsolutePath();
        switch (format) {
            case "json" -> out.print(new JsonPlanRenderer(base).render(planFile.plan(), planFile.stackName()));
            case "markdown" -> out.print(new MarkdownPlanRenderer(base).render(planFile.plan(), planFile.stackName()));
            default -> {
                out.print(new TextPlanRenderer(Terminal.colour()).render(planFile.plan()));
                if (!planFile.plan().problems().all().isEmpty()) {
                    err.println(planFile.plan().problems().format(base));
                }
            }
        }
        return TeleformCli.OK;
    }
}
