/**
 * State: what Teleform last applied and observed, per resource, with a lineage and serial; its
 * versioned JSON file format; and the git store that keeps it (commits without a working tree,
 * compare-and-swap on the branch), shared through a remote (over SSH with a key of the stack's or
 * ssh-agent's, hosts checked against known_hosts). Never holds secrets, and never lets the credentials of a
 * remote's URL, or an SSH key, into a message. Depends on {@code addr}, {@code json} and {@code diag}.
 */
package dev.teleform.engine.state;
