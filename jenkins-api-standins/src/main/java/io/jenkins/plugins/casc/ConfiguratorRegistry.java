package io.jenkins.plugins.casc;

/** Stand-in of configuration-as-code's ConfiguratorRegistry, for compiling the *ITest sources only. */
public interface ConfiguratorRegistry {
    static ConfiguratorRegistry get() {
        throw new UnsupportedOperationException("stand-in");
    }
}
