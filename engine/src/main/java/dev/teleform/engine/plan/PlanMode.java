package dev.teleform.engine.plan;

/** What a plan is for. */
public enum PlanMode {
    /** Bring live in line with the stack. */
    NORMAL,
    /** Delete everything the stack manages ({@code --destroy}). */
    DESTROY,
    /** Only report drift, to accept live values into state ({@code --refresh-only}). */
    REFRESH_ONLY
}
