package dev.teleform.engine.diag;

/** How bad a problem is: errors stop the stage, warnings are reported and let it continue. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** The word printed in {@code file:line:col: <label>: ...}. */
    public String label() {
        return label;
    }
}
