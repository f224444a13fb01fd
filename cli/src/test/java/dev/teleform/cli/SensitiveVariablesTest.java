package dev.teleform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import dev.teleform.engine.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 9b: a value read from a sensitive variable of {@code spec.environment} reaches Teleport and
 * nothing else: no plan in any format, plan file, apply output, event, state entry or state commit
 * holds it, while a plan still sees it change. The quickstart's child role takes a login from it.
 */
class SensitiveVariablesTest {

    private static final String SECRET = "s3cr3t-login-7f2c";
    private static final String ROTATED = "r0tated-login-91ab";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>(Map.of("SECRET_LOGIN", SECRET, "TEAM_LOGIN",
            "deploy"));
    /** Everything Teleform printed, to be searched for the secret at the end. */
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void quickstartWithASensitiveLogin() throws IOException {
        CliRun.copyQuickstart(dir, true);
        edit("stack.yaml", "  provider: simulator\n", """
                  provider: simulator
                  environment:
                    - {name: SECRET_LOGIN, sensitive: true}
                    - TEAM_LOGIN
                """);
        edit("roles.yaml", "  name: example\n", "  name: example\n  description: \"on call as ${env:SECRET_LOGIN}\"\n");
        edit("roles.yaml", "logins: [ubuntu]", "logins: [ubuntu, \"${env:SECRET_LOGIN}\", \"${env:TEAM_LOGIN}\"]");
    }

    private void edit(String file, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(file));
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(dir.resolve(file), text.replace(from, to));
    }

    private CliRun teleform(String... args) {
        CliRun run = CliRun.in(environment, args);
        printed.add(run.out());
        printed.add(run.err());
        return run;
    }

    private CliRun succeeds(int exit, String... args) {
        CliRun run = teleform(args);
        assertEquals(exit, run.exit(), run.out() + run.err());
        return run;
    }

    /** Teleport's side, which does hold the value: what it prints is not searched for it. */
    private CliRun sim(String... args) {
        return CliRun.sim(environment, dir, args);
    }

    private String live(String address) {
        return sim("get", address).out();
    }

    private static void assertValidPlanJson(String json) {
        List<Error> errors = PlanScenariosTest.PLAN_SCHEMA.validate(CanonicalJson.mapper().readTree(json));
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), json);
    }

    @Test
    void aSensitiveValueReachesTeleportAndNothingElse() throws IOException {
        String stack = dir.toString();
        succeeds(0, "validate", stack);
        String text = succeeds(0, "plan", stack).out();
        assertTrue(text.contains("+ spec.allow.logins = [\"ubuntu\",\"(sensitive)\",\"deploy\"]"), text);
        assertTrue(text.contains("+ metadata.description = (sensitive)"), text);
        String json = succeeds(0, "plan", stack, "--format", "json").out();
        assertValidPlanJson(json);
        assertTrue(json.contains("\"/spec/allow/logins/1\"") && json.contains("\"/metadata/description\""), json);
        assertTrue(succeeds(0, "plan", stack, "--format", "markdown").out().contains("(sensitive)"));

        Path plan = dir.resolve("plan.json");
        succeeds(0, "plan", stack, "--out", plan.toString());
        assertTrue(succeeds(0, "show", plan.toString()).out().contains("+ metadata.description = (sensitive)"));
        assertValidPlanJson(succeeds(0, "show", plan.toString(), "--format", "json").out());
        String planFile = Files.readString(plan);
        succeeds(0, "apply", plan.toString(), "--json-events", "--invites-out", dir.resolve("invites.jsonl").toString());
        String created = live("role/example@child");
        assertTrue(created.contains("- " + SECRET) && created.contains("on call as " + SECRET), "Teleport has it:\n"
                + created);

        String state = succeeds(0, "state", "show", "role/example@child", stack).out();
        assertTrue(state.contains("\"description\": \"(sensitive)\""), state);
        assertTrue(state.contains("\"ubuntu\"") && state.contains("\"deploy\""), "other values stay readable:\n" + state);
        assertTrue(succeeds(0, "plan", stack, "--detailed-exitcode").out().startsWith("No changes."));

        environment.put("SECRET_LOGIN", ROTATED);
        String rotated = succeeds(PlanCommand.CHANGES, "plan", stack, "--detailed-exitcode").out();
        assertTrue(rotated.contains("~ spec.allow.logins: (sensitive) -> (sensitive)"), rotated);
        assertTrue(rotated.contains("~ metadata.description: (sensitive) -> (sensitive)"), rotated);
        String rotatedJson = succeeds(0, "plan", stack, "--format", "json").out();
        assertValidPlanJson(rotatedJson);
        assertTrue(rotatedJson.contains("\"sensitive\": true"), rotatedJson);
        Path update = dir.resolve("update.json");
        succeeds(0, "plan", stack, "--out", update.toString());
        String updateFile = Files.readString(update);
        succeeds(0, "apply", update.toString(), "--json-events");
        assertTrue(live("role/example@child").contains("- " + ROTATED), "a saved update sends the stack's value");
        assertTrue(succeeds(0, "plan", stack, "--detailed-exitcode").out().startsWith("No changes."));

        assertEquals(0, sim("edit", "role/example@child", "--set", "metadata.description=changed by hand").exit());
        String restore = succeeds(0, "plan", stack).out();
        assertTrue(restore.contains("~ metadata.description: (sensitive) -> (sensitive)"), restore);
        assertFalse(restore.contains("changed by hand") || restore.contains("drift"), "no drift on a placeholder:\n"
                + restore);

        edit("roles.yaml", "  description: \"on call as ${env:SECRET_LOGIN}\"\n", "");
        edit("roles.yaml", ", \"${env:SECRET_LOGIN}\"", "");
        String dropped = succeeds(0, "plan", stack).out();
        assertTrue(dropped.contains("- metadata.description: (sensitive) -> (absent)"), dropped);
        assertTrue(dropped.contains("~ spec.allow.logins: (sensitive) -> (sensitive)"), dropped);
        succeeds(0, "apply", stack, "--auto-approve", "--json-events");
        String role = live("role/example@child");
        assertFalse(role.contains(ROTATED) || role.contains("description"), "dropped fields are removed:\n" + role);
        assertTrue(succeeds(0, "plan", stack, "--detailed-exitcode").out().startsWith("No changes."));

        List<String> stored = new ArrayList<>(printed);
        stored.add(planFile);
        stored.add(updateFile);
        stored.addAll(SecretsScanTest.stateHistory(dir.resolve(".teleform/state.git")));
        for (String secret : List.of(SECRET, ROTATED)) {
            for (String found : stored) {
                assertFalse(found.contains(secret), "found " + secret + " in:\n" + found);
            }
        }
    }

    @Test
    void aDeclaredVariableThatIsNotSensitiveShowsItsValue() {
        String text = succeeds(0, "plan", dir.toString()).out();
        assertTrue(text.contains("\"deploy\""), text);
        String json = succeeds(0, "plan", dir.toString(), "--format", "json").out();
        assertTrue(json.contains("\"deploy\""), json);
        assertFalse(json.contains("\"/spec/allow/logins/2\""), "only the sensitive login is marked:\n" + json);
    }
}
