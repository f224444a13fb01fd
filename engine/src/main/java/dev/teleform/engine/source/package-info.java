/**
 * Stack files as source: reading YAML safely (size, encoding, aliases, depth limits) into JSON
 * trees that remember the file, line and column of every key and value, and naming fields for
 * messages. Depends only on {@code diag}.
 */
package dev.teleform.engine.source;
