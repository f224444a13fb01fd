package dev.teleform.engine.source;

/**
 * Caps that keep a hostile or broken stack from exhausting memory or time while it is read.
 *
 * @param maxFileBytes  largest stack file read
 * @param maxDepth      deepest nesting of mappings and sequences in a document
 * @param maxAliasNodes most nodes that YAML aliases may add to one file when expanded
 * @param maxFiles      most YAML files in one stack
 */
public record LoadLimits(long maxFileBytes, int maxDepth, int maxAliasNodes, int maxFiles) {

    /** Generous for real stacks (a 10,000-resource stack stays far below them), tight for attacks. */
    public static final LoadLimits DEFAULT = new LoadLimits(16L * 1024 * 1024, 64, 100_000, 10_000);

    public LoadLimits {
        if (maxFileBytes <= 0 || maxDepth <= 0 || maxAliasNodes < 0 || maxFiles <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
