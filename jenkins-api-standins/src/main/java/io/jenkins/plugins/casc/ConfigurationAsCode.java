package io.jenkins.plugins.casc;

/**
 * Stand-in of configuration-as-code's ConfigurationAsCode, for compiling the *ITest sources only (its ManagementLink
 * superclass is left out).
 */
public class ConfigurationAsCode {
    private ConfigurationAsCode() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static ConfigurationAsCode get() {
        throw new UnsupportedOperationException("stand-in");
    }

    public void configure(String... configParameters) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }
}
