package io.jenkins.plugins.casc.model;

import java.util.HashMap;

/** Stand-in of configuration-as-code's Mapping, for compiling the *ITest sources only. */
public final class Mapping extends HashMap<String, CNode> implements CNode {
    public Mapping() {
        throw new UnsupportedOperationException("stand-in");
    }
}
