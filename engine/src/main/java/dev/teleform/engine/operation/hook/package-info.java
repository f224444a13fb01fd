/**
 * What a caller of the operations layer implements or is handed while an apply runs: the events of each
 * step ({@link dev.teleform.engine.operation.hook.ApplyEvents}, which the command line's views implement),
 * where invite links go ({@link dev.teleform.engine.operation.hook.InviteDelivery}, each link an
 * {@link dev.teleform.engine.operation.hook.Invitation}; {@link dev.teleform.engine.operation.hook.ProgramDelivery}
 * hands them to a program of the stack's), and how the apply ended
 * ({@link dev.teleform.engine.operation.hook.ApplyResult}). Depends on {@code plan} (its data types),
 * {@code provider} (the link a provider issued), {@code state}, {@code addr} and {@code diag}.
 */
package dev.teleform.engine.operation.hook;
