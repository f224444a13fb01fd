package dev.teleform.engine.provider;

/** Creates providers; registered in {@code META-INF/services/dev.teleform.engine.provider.ProviderFactory}. */
public interface ProviderFactory {

    /** The value of {@code spec.provider} that selects this provider ({@code teleport}, {@code simulator}). */
    String name();

    Provider open(ProviderConfig config);
}
