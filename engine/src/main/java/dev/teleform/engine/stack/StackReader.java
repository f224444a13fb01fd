package dev.teleform.engine.stack;

import java.nio.file.Path;

/** Reads and validates a stack directory: the entry point for every command that needs a stack. */
public final class StackReader {

    private final LoadOptions options;

    public StackReader(LoadOptions options) {
        this.options = options;
    }

    public StackResult read(Path dir) {
        return new StackValidator().validate(new StackLoader(options).load(dir));
    }
}
