package dev.teleform.cli;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.JunitReporter;

/** ApprovalTests settings for the CLI's tests: a mismatch fails with an ordinary JUnit diff. */
public class PackageSettings {
    public static ApprovalFailureReporter UseReporter = JunitReporter.INSTANCE;
}
