package dev.teleform.cli.contract;

import dev.teleform.engine.addr.ResourceKind;
import dev.teleform.engine.addr.Address;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The stack a generated scenario declares, as plain data: workload clusters, and roles and users in the
 * parent or in one or more clusters. It renders itself as the YAML a user would write, and every edit
 * returns a new model that is still a valid stack (a user names only roles that exist where it lives).
 *
 * @param clusters     workload cluster names
 * @param admin        clusters for which the stack names an identity file that may delete, once one is
 *                     issued (until then, and elsewhere, the bot, which may not delete)
 * @param roles        declared roles
 * @param users        declared users
 * @param presets      where the stack declares Teleport's preset role {@code auditor} exactly as Teleport has
 *                     it ({@code ""} the parent): adopted, and forgotten (never deleted) when dropped
 * @param secret       the first role carries a label from a sensitive variable, {@link #SECRET}
 */
record StackModel(List<String> clusters, Set<String> admin, List<Role> roles, List<User> users,
        List<String> presets, boolean secret) {

    /** Roles every cluster has, which a user may hold without the stack declaring them. */
    static final String PRESET = "access";
    /** The sensitive variable the stack may read. */
    static final String SECRET = "CONTRACT_SECRET";

    StackModel(List<String> clusters, Set<String> admin, List<Role> roles, List<User> users) {
        this(clusters, admin, roles, users, List.of(), false);
    }

    StackModel {
        clusters = List.copyOf(clusters);
        admin = Set.copyOf(admin);
        roles = List.copyOf(roles);
        users = List.copyOf(users);
        presets = List.copyOf(presets);
    }

    /**
     * @param where  {@code ""} for the parent, or one or more workload clusters ({@code cluster: [a, b]})
     * @param ttl    {@code options.max_session_ttl} as written ({@code 8h} or {@code 8h0m0s}), or null
     */
    record Role(String name, List<String> where, List<String> logins, Map<String, String> labels, String ttl,
            boolean preventDestroy) {
        Role {
            where = List.copyOf(where);
            logins = List.copyOf(logins);
            labels = Map.copyOf(labels);
        }
    }

    /**
     * @param invite       the invite TTL in hours, or 0 for {@code invite: false}
     * @param ignoreTraits {@code lifecycle.ignore_changes: [/spec/traits]}
     */
    record User(String name, List<String> where, List<String> roles, List<String> logins, int invite,
            boolean ignoreTraits, boolean preventDestroy) {
        User {
            where = List.copyOf(where);
            roles = List.copyOf(roles);
            logins = List.copyOf(logins);
        }
    }

    /** Every address the model declares. */
    Set<Address> addresses() {
        Set<Address> out = new LinkedHashSet<>();
        clusters.forEach(c -> out.add(Address.inParent(ResourceKind.WORKLOAD_CLUSTER, c)));
        roles.forEach(r -> r.where().forEach(c -> out.add(Address.in(ResourceKind.ROLE, r.name(), c))));
        presets.forEach(c -> out.add(Address.in(ResourceKind.ROLE, "auditor", c)));
        users.forEach(u -> u.where().forEach(c -> out.add(Address.in(ResourceKind.USER, u.name(), c))));
        return out;
    }

    /** Roles a user in all of {@code where} may hold: declared in each of them, or the preset. */
    List<String> rolesAvailableIn(List<String> where) {
        List<String> out = new ArrayList<>(List.of(PRESET));
        for (Role role : roles) {
            if (role.where().containsAll(where)) {
                out.add(role.name());
            }
        }
        return out;
    }

    StackModel withRoles(List<Role> next) {
        return new StackModel(clusters, admin, next, users, presets, secret).consistent();
    }

    StackModel withUsers(List<User> next) {
        return new StackModel(clusters, admin, roles, next, presets, secret).consistent();
    }

    StackModel withPresets(List<String> next) {
        return new StackModel(clusters, admin, roles, users, next.stream().distinct().toList(), secret);
    }

    StackModel withSecret(boolean next) {
        return new StackModel(clusters, admin, roles, users, presets, next);
    }

    StackModel withAdmin(String cluster) {
        Set<String> next = new LinkedHashSet<>(admin);
        next.add(cluster);
        return new StackModel(clusters, next, roles, users, presets, secret);
    }

    StackModel withCluster(String cluster) {
        List<String> next = new ArrayList<>(clusters);
        next.add(cluster);
        return new StackModel(next, admin, roles, users, presets, secret);
    }

    /** Without the cluster, and without what lived only there (a resource in several keeps the others). */
    StackModel withoutCluster(String cluster) {
        List<String> next = new ArrayList<>(clusters);
        next.remove(cluster);
        Set<String> nextAdmin = new LinkedHashSet<>(admin);
        nextAdmin.remove(cluster);
        UnaryOperator<List<String>> drop = where -> where.stream().filter(c -> !c.equals(cluster)).toList();
        List<Role> nextRoles = roles.stream().map(r -> new Role(r.name(), drop.apply(r.where()), r.logins(), r.labels(),
                r.ttl(), r.preventDestroy())).filter(r -> !r.where().isEmpty()).toList();
        List<User> nextUsers = users.stream().map(u -> new User(u.name(), drop.apply(u.where()), u.roles(), u.logins(),
                u.invite(), u.ignoreTraits(), u.preventDestroy())).filter(u -> !u.where().isEmpty()).toList();
        return new StackModel(next, nextAdmin, nextRoles, nextUsers,
                presets.stream().filter(c -> !c.equals(cluster)).toList(), secret).consistent();
    }

    /** Users hold only roles that exist where they live, as Teleport requires. */
    private StackModel consistent() {
        List<User> fixed = users.stream().map(u -> {
            List<String> available = rolesAvailableIn(u.where());
            List<String> kept = u.roles().stream().filter(available::contains).toList();
            return new User(u.name(), u.where(), kept.isEmpty() ? List.of(PRESET) : kept, u.logins(), u.invite(),
                    u.ignoreTraits(), u.preventDestroy());
        }).toList();
        return new StackModel(clusters, admin, roles, fixed, presets, secret);
    }

    /** The stack's files, by name. */
    Map<String, String> files(String stackName, Map<String, String> identityFiles) {
        return files(stackName, identityFiles, false);
    }

    /** The stack's files, by name; {@code denyBotList}: the simulator refuses each new cluster's bot {@code list}. */
    Map<String, String> files(String stackName, Map<String, String> identityFiles, boolean denyBotList) {
        Map<String, String> files = new TreeMap<>();
        StringBuilder stack = new StringBuilder("""
                kind: stack
                version: v1
                metadata: {name: %s}
                spec:
                  provider: simulator
                  simulator: {provisioning_delay: 0s, deny_bot_list: %s}
                  environment: [{name: %s, sensitive: true}]
                """.formatted(stackName, denyBotList, SECRET));
        List<String> named = admin.stream().filter(identityFiles::containsKey).sorted().toList();
        if (!named.isEmpty()) {
            stack.append("  clusters:\n");
            named.forEach(c -> stack.append("    ").append(c).append(": {identity_file: ")
                    .append(identityFiles.get(c)).append("}\n"));
        }
        files.put("stack.yaml", stack.toString());
        StringBuilder docs = new StringBuilder();
        for (String cluster : clusters) {
            docs.append("""
                    kind: workload_cluster
                    version: v1
                    metadata: {name: %s}
                    spec:
                      regions: [{name: us-west-2}]
                      bot: {name: %s-bot}
                      token:
                        join_method: iam
                        allow: [{aws_account: "123456789012", aws_arn: "arn:aws:iam::123456789012:role/teleform-sim"}]
                    ---
                    """.formatted(cluster, cluster));
        }
        for (String where : presets) {
            docs.append("kind: role\nversion: v7\nmetadata: {name: auditor}\n");
            where(docs, List.of(where));
            docs.append("spec:\n  allow:\n    rules: [{resources: [session, event], verbs: [list, read]}]\n---\n");
        }
        for (Role role : roles) {
            docs.append("kind: role\nversion: v7\nmetadata:\n  name: ").append(role.name()).append('\n');
            Map<String, String> labels = new TreeMap<>(role.labels());
            if (secret && role == roles.getFirst()) {
                labels.put("secret", "\"${env:" + SECRET + "}\"");
            }
            if (!labels.isEmpty()) {
                docs.append("  labels: ").append(flow(labels)).append('\n');
            }
            where(docs, role.where());
            if (role.preventDestroy()) {
                docs.append("lifecycle: {prevent_destroy: true}\n");
            }
            docs.append("spec:\n  allow: {logins: ").append(list(role.logins())).append("}\n");
            if (role.ttl() != null) {
                docs.append("  options: {max_session_ttl: ").append(role.ttl()).append("}\n");
            }
            docs.append("---\n");
        }
        for (User user : users) {
            docs.append("kind: user\nversion: v2\nmetadata: {name: ").append(user.name()).append("}\n");
            where(docs, user.where());
            List<String> lifecycle = new ArrayList<>();
            if (user.preventDestroy()) {
                lifecycle.add("prevent_destroy: true");
            }
            if (user.ignoreTraits()) {
                lifecycle.add("ignore_changes: [/spec/traits]");
            }
            if (!lifecycle.isEmpty()) {
                docs.append("lifecycle: {").append(String.join(", ", lifecycle)).append("}\n");
            }
            docs.append("invite: ").append(user.invite() == 0 ? "false" : "{ttl: " + user.invite() + "h}").append('\n');
            docs.append("spec:\n  roles: ").append(list(user.roles())).append('\n');
            if (!user.logins().isEmpty()) {
                docs.append("  traits: {logins: ").append(list(user.logins())).append("}\n");
            }
            docs.append("---\n");
        }
        if (!docs.isEmpty()) {
            files.put("resources.yaml", docs.toString());
        }
        return files;
    }

    private static void where(StringBuilder docs, List<String> where) {
        if (where.size() == 1 && where.getFirst().isEmpty()) {
            return;
        }
        docs.append("cluster: ").append(where.size() == 1 ? where.getFirst() : list(where)).append('\n');
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }

    private static String flow(Map<String, String> map) {
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(map).forEach((k, v) -> pairs.add(k + ": " + v));
        return "{" + String.join(", ", pairs) + "}";
    }

    @Override
    public String toString() {
        return files("scenario", Map.of()).values().stream().reduce("", String::concat);
    }
}
