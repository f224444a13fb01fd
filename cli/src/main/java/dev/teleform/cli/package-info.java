/**
 * The {@code teleform} command line: thin picocli commands that read options, call the engine and
 * hand what it returns to a view of {@code dev.teleform.cli.view} (people's output on stderr, machine
 * output on stdout). Depends on the engine; providers are found at run time, never imported.
 */
package dev.teleform.cli;
