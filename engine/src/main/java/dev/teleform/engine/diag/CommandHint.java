package dev.teleform.engine.diag;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a message writes a {@code teleform} command for the person to run next, so that it can be copied as it is:
 * with the stack's directory when that is not the directory the person is in. A stack given as {@code examples/fleet}
 * gets {@code teleform unlock ID examples/fleet}; one given as {@code .} gets {@code teleform unlock ID}.
 *
 * @param stackDir the stack's directory as the command was given it: relative to the current directory, or absolute
 */
public record CommandHint(Path stackDir) {

    /** For a stack in the current directory, and where no stack is known. */
    public static final CommandHint HERE = new CommandHint(Path.of(""));

    /** What a shell takes as one word without quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    /**
     * {@code teleform COMMAND [DIR] [OPTIONS]}: the stack directory after the command's own arguments and before its
     * options, where every command that takes one has it.
     *
     * @param command the command and its arguments ({@code "unlock " + id})
     * @param options what follows the directory ({@code "--force"}), if anything
     */
    public String teleform(String command, String... options) {
        StringBuilder line = new StringBuilder("teleform ").append(command);
        dir().ifPresent(dir -> line.append(' ').append(dir));
        for (String option : options) {
            line.append(' ').append(option);
        }
        return line.toString();
    }

    /** The directory as the person can type it, shell-quoted when it must be; none for the current directory. */
    private Optional<String> dir() {
        Path here = Path.of("").toAbsolutePath().normalize();
        Path absolute = here.resolve(stackDir).normalize();
        if (absolute.equals(here)) {
            return Optional.empty();
        }
        Path shown = !stackDir.isAbsolute() ? stackDir.normalize()
                : absolute.startsWith(here) ? here.relativize(absolute) : absolute;
        return Optional.of(word(shown.toString()));
    }

    /** {@code text} as a shell takes it for one word: as it is, or in single quotes when it must be. */
    public static String word(String text) {
        return PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
