/**
 * Rendering plans for people and programs: Terraform-like text (colour only when asked), and later
 * JSON and markdown. Pure functions from a plan to a string; nothing here prints.
 */
package dev.teleform.engine.render;
