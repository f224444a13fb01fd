/**
 * Rendering plans for people and programs: Terraform-like text (colour only when asked), JSON, and
 * markdown for pull-request comments, where no value may escape the place it is put in, and no
 * sensitive value is shown at all. Pure functions from a plan to a string; nothing here prints.
 */
package dev.teleform.engine.render;
