package dev.teleform.engine.provider;

import java.util.List;

/**
 * How a Machine ID bot joins a cluster: tbot's {@code onboarding.join_method} and the name of the join token
 * that admits it ({@code spec.parent.join} for the parent; a workload cluster's bot joins with {@code iam} and the
 * token Teleport Cloud named after it). A token's name may be a secret (for tbot's {@code token} method, which a
 * stack may not name, it is), so {@link #toString()} never shows a token.
 *
 * @param method a join method tbot knows, one of {@link #METHODS}
 * @param token  the join token's name
 */
public record BotJoin(String method, String token) {

    /**
     * The methods a stack may name: those of tbot's own list (Teleport's {@code lib/tbot/bot/onboarding}
     * {@code SupportedJoinMethods}) that prove the machine's identity and whose proof tbot finds where Teleform lets
     * it look: cloud and host metadata ({@code iam}, {@code gcp}, {@code azure}, {@code oracle}, {@code tpm}) or the
     * CI variables Teleform passes on to tbot ({@code github}, {@code gitlab}, {@code kubernetes}). Not {@code token}:
     * Teleport deletes a bot's token-method join token after its first use, so a one-shot tbot could join once only
     * (the schema says so to a stack that names it). Kept in step with {@code schemas/stack.schema.json}.
     */
    public static final List<String> METHODS = List.of("azure", "gcp", "github", "gitlab", "iam", "kubernetes",
            "oracle", "tpm");

    /** The IAM join a workload cluster's bot makes (TELEPORT.md §5): the token is named after the bot. */
    public static BotJoin iam(String bot) {
        return new BotJoin("iam", bot);
    }

    /** Who joined, for messages: the method only, since a token's name may be its secret. */
    public String describe() {
        return "Machine ID bot (" + method + " join)";
    }

    @Override
    public String toString() {
        return "BotJoin[method=" + method + "]";
    }
}
