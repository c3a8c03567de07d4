package io.jenkins.plugins.casc;

/** Stand-in of configuration-as-code's ConfigurationContext, for compiling the *ITest sources only. */
public class ConfigurationContext implements ConfiguratorRegistry {
    public ConfigurationContext(ConfiguratorRegistry registry) {
        throw new UnsupportedOperationException("stand-in");
    }
}
