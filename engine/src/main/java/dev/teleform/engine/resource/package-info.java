/**
 * The resource model Teleform reconciles: the kinds it manages and their versions, a declared
 * resource with its Teleform settings (cluster, lifecycle, invite), and the facts about Teleport
 * that validation relies on (preset roles). Depends on {@code addr}, {@code diag} and {@code source}.
 */
package dev.teleform.engine.resource;
