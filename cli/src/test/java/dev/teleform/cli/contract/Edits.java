package dev.teleform.cli.contract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What a stack edit does to the model; steps that are not stack edits leave it as it is. */
final class Edits {

    private Edits() {
    }

    static boolean isEdit(Step step) {
        return switch (step) {
            case Step.AddRole s -> true;
            case Step.RemoveRole s -> true;
            case Step.SetLogins s -> true;
            case Step.SetTtl s -> true;
            case Step.SetLabel s -> true;
            case Step.ProtectRole s -> true;
            case Step.AddUser s -> true;
            case Step.RemoveUser s -> true;
            case Step.SetUserRoles s -> true;
            case Step.SetTraits s -> true;
            case Step.SetInvite s -> true;
            case Step.IgnoreTraits s -> true;
            case Step.AddCluster s -> true;
            case Step.RemoveCluster s -> true;
            case Step.GrantDelete s -> true;
            case Step.DeclarePreset s -> true;
            case Step.DropPreset s -> true;
            case Step.RotateSecret s -> false;
            case Step.EditManaged s -> false;
            case Step.EditUnmanaged s -> false;
            case Step.DeleteByHand s -> false;
            case Step.HandMade s -> false;
            case Step.SetPassword s -> false;
            case Step.DeleteClusterByHand s -> false;
            case Step.Apply s -> false;
            case Step.Destroy s -> false;
        };
    }

    static StackModel apply(StackModel stack, Step step) {
        return switch (step) {
            case Step.AddRole s -> stack.roles().stream().anyMatch(r -> r.name().equals(s.name())) ? stack
                    : stack.withRoles(append(stack.roles(), new StackModel.Role(s.name(), where(stack, s.where()),
                            s.logins(), Map.of(), s.ttl(), false)));
            case Step.RemoveRole s -> stack.withRoles(removeAt(stack.roles(), s.index()));
            case Step.SetLogins s -> role(stack, s.index(), r -> new StackModel.Role(r.name(), r.where(), s.logins(),
                    r.labels(), r.ttl(), r.preventDestroy()));
            case Step.SetTtl s -> role(stack, s.index(), r -> new StackModel.Role(r.name(), r.where(), r.logins(),
                    r.labels(), s.ttl(), r.preventDestroy()));
            case Step.SetLabel s -> role(stack, s.index(), r -> {
                Map<String, String> labels = new HashMap<>(r.labels());
                if (s.value() == null) {
                    labels.remove(s.key());
                } else {
                    labels.put(s.key(), s.value());
                }
                return new StackModel.Role(r.name(), r.where(), r.logins(), labels, r.ttl(), r.preventDestroy());
            });
            case Step.ProtectRole s -> role(stack, s.index(), r -> new StackModel.Role(r.name(), r.where(), r.logins(),
                    r.labels(), r.ttl(), s.protect()));
            case Step.AddUser s -> {
                if (stack.users().stream().anyMatch(u -> u.name().equals(s.name()))) {
                    yield stack;
                }
                List<String> where = where(stack, s.where());
                yield stack.withUsers(append(stack.users(), new StackModel.User(s.name(), where,
                        pickRoles(stack, where, s.roleSeed()), List.of(), s.invite(), s.ignoreTraits(), false)));
            }
            case Step.RemoveUser s -> stack.withUsers(removeAt(stack.users(), s.index()));
            case Step.SetUserRoles s -> user(stack, s.index(), u -> new StackModel.User(u.name(), u.where(),
                    pickRoles(stack, u.where(), s.roleSeed()), u.logins(), u.invite(), u.ignoreTraits(),
                    u.preventDestroy()));
            case Step.SetTraits s -> user(stack, s.index(), u -> new StackModel.User(u.name(), u.where(), u.roles(),
                    s.logins(), u.invite(), u.ignoreTraits(), u.preventDestroy()));
            case Step.SetInvite s -> user(stack, s.index(), u -> new StackModel.User(u.name(), u.where(), u.roles(),
                    u.logins(), s.hours(), u.ignoreTraits(), u.preventDestroy()));
            case Step.IgnoreTraits s -> user(stack, s.index(), u -> new StackModel.User(u.name(), u.where(), u.roles(),
                    u.logins(), u.invite(), s.ignore(), u.preventDestroy()));
            case Step.AddCluster s -> stack.clusters().contains(s.name()) ? stack : stack.withCluster(s.name());
            case Step.RemoveCluster s -> stack.clusters().isEmpty() ? stack
                    : stack.withoutCluster(stack.clusters().get(s.index() % stack.clusters().size()));
            case Step.GrantDelete s -> stack.clusters().isEmpty() ? stack
                    : stack.withAdmin(stack.clusters().get(s.index() % stack.clusters().size()));
            case Step.DeclarePreset s -> stack.withPresets(append(stack.presets(),
                    where(stack, List.of(s.where())).getFirst()));
            case Step.DropPreset s -> stack.withPresets(removeAt(stack.presets(), s.index()));
            case Step.RotateSecret s -> stack;
            case Step.EditManaged s -> stack;
            case Step.EditUnmanaged s -> stack;
            case Step.DeleteByHand s -> stack;
            case Step.HandMade s -> stack;
            case Step.SetPassword s -> stack;
            case Step.DeleteClusterByHand s -> stack;
            case Step.Apply s -> stack;
            case Step.Destroy s -> stack;
        };
    }

    /** Cluster indexes to names: -1, or a model without clusters, is the parent. */
    static List<String> where(StackModel stack, List<Integer> indexes) {
        LinkedHashSet<String> where = new LinkedHashSet<>();
        for (int index : indexes) {
            where.add(index < 0 || stack.clusters().isEmpty() ? "" : stack.clusters().get(index % stack.clusters().size()));
        }
        return where.contains("") ? List.of("") : List.copyOf(where);
    }

    private static List<String> pickRoles(StackModel stack, List<String> where, int seed) {
        List<String> available = stack.rolesAvailableIn(where);
        List<String> roles = new ArrayList<>();
        roles.add(available.get(seed % available.size()));
        String second = available.get((seed / 7) % available.size());
        if (seed % 3 == 0 && !roles.contains(second)) {
            roles.add(second);
        }
        return roles;
    }

    private static StackModel role(StackModel stack, int index, UnaryOperator<StackModel.Role> change) {
        return stack.roles().isEmpty() ? stack : stack.withRoles(changeAt(stack.roles(), index, change));
    }

    private static StackModel user(StackModel stack, int index, UnaryOperator<StackModel.User> change) {
        return stack.users().isEmpty() ? stack : stack.withUsers(changeAt(stack.users(), index, change));
    }

    /** The list with its item at {@code index} (modulo its size) changed; the list is not empty. */
    private static <T> List<T> changeAt(List<T> list, int index, UnaryOperator<T> change) {
        List<T> out = new ArrayList<>(list);
        int at = index % out.size();
        out.set(at, change.apply(out.get(at)));
        return out;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    private static <T> List<T> removeAt(List<T> list, int index) {
        if (list.isEmpty()) {
            return list;
        }
        List<T> out = new ArrayList<>(list);
        out.remove(index % out.size());
        return out;
    }
}
