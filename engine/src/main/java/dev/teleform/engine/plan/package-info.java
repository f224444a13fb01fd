/**
 * Planning: refresh live state through a provider, diff desired (stack) against last-applied
 * (state) and live (provider) field by field, and order the resulting actions into a graph with the
 * refusals a reviewer must see. Everything but {@link dev.teleform.engine.plan.Refresh} is a pure
 * function of its inputs.
 */
package dev.teleform.engine.plan;
