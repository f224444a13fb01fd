/**
 * Planning as a pure function: diff desired (stack) against last-applied (state) and live (a snapshot
 * the operations layer read) field by field, and order the resulting actions into a graph with the
 * refusals a reviewer must see. Also the plan's data types, which the command line shows. No provider,
 * no state store, no clock: everything here is a function of its inputs. Depends on {@code stack},
 * {@code state} (its data), {@code resource}, {@code schema}, {@code source}, {@code provider} (its data
 * types), {@code addr} and {@code diag}.
 */
package dev.teleform.engine.plan;
