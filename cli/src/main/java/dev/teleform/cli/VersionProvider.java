package dev.teleform.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), and the JVM running it. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TeleformCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "teleform " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
