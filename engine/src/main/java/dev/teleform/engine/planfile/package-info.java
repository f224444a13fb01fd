/**
 * Plan files ({@code teleform plan --out FILE}): a plan with what it was made from (stack digest,
 * state lineage, serial and version, provider and target), so {@code teleform show} can print it and
 * apply can refuse it when anything moved. Canonical JSON; never a secret. Depends on {@code plan},
 * {@code render}, {@code json}, {@code resource}, {@code provider} (its data types), {@code addr} and
 * {@code diag}.
 */
package dev.teleform.engine.planfile;
