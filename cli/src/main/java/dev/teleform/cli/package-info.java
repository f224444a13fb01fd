/**
 * The {@code teleform} command line: picocli commands that parse options, ask what only a person can
 * answer (confirmation), call the engine's operations layer and show what it returns, through
 * {@code Problems} (every problem, and the exit status it means) and the views of {@code cli.view}.
 * A plan, apply's progress and listings go to stdout (a machine format, {@code --format json} or
 * {@code --json-events}, alone when asked for); problems and warnings go to stderr. Uses only the engine's {@code operation},
 * {@code render}, {@code diag} and {@code addr} packages and the plan's data types; providers are found
 * at run time, never imported.
 */
package dev.teleform.cli;
