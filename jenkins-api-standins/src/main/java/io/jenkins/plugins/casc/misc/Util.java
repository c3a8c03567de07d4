package io.jenkins.plugins.casc.misc;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;

/** Stand-in of configuration-as-code's test-harness Util, for compiling the *ITest sources only. */
public class Util {
    public Util() {
        throw new UnsupportedOperationException("stand-in");
    }

    public static Mapping getUnclassifiedRoot(ConfigurationContext context) throws Exception {
        throw new UnsupportedOperationException("stand-in");
    }

    public static String toYamlString(CNode rootNode) throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in");
    }
}
