package dev.teleform.engine;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.JunitReporter;

/** ApprovalTests settings for the engine's tests: a mismatch fails with an ordinary JUnit diff. */
public class PackageSettings {
    public static ApprovalFailureReporter UseReporter = JunitReporter.INSTANCE;
}
