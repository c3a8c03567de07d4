package io.jenkins.plugins.casc.model;

/** Stand-in of configuration-as-code's CNode, for compiling the *ITest sources only. */
public interface CNode extends Cloneable {
}
