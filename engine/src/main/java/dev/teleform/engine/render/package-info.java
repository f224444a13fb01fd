/**
 * Rendering plans for people and programs: Terraform-like text (colour only when asked), JSON, and
 * markdown for pull-request comments, where no value may escape the place it is put in, and no
 * sensitive value is shown at all; graphs of a plan's steps; and the small forms views share (a JSON
 * line, a duration). Pure functions from values to strings; nothing here prints. Depends on
 * {@code plan}, {@code json}, {@code resource}, {@code source}, {@code provider} (its data types),
 * {@code addr} and {@code diag}.
 */
package dev.teleform.engine.render;
