package dev.teleform.provider.simulator;

import org.approvaltests.core.ApprovalFailureReporter;
import org.approvaltests.reporters.JunitReporter;

/** ApprovalTests settings for the simulator's tests: a mismatch fails with an ordinary JUnit diff. */
public class PackageSettings {
    public static ApprovalFailureReporter UseReporter = JunitReporter.INSTANCE;
}
