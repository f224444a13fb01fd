/**
 * State: what Teleform last applied and observed, per resource, with a lineage and serial; its
 * versioned JSON file format; and the git store that keeps it (commits without a working tree,
 * compare-and-swap on the branch). Never holds secrets, and never lets the credentials of a remote's URL
 * into a message. Depends on {@code addr}, {@code json} and {@code diag}.
 */
package dev.teleform.engine.state;
