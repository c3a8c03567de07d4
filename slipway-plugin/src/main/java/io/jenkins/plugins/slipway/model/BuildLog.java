package io.jenkins.plugins.slipway.model;

import java.io.PrintStream;
import java.io.Serializable;

/**
 * Where the agent-side work writes its log. In a build it is the step's {@code TaskListener} (which is serializable
 * and writes back through the channel); tests hand in a stream of their own.
 */
@FunctionalInterface
public interface BuildLog extends Serializable {
    PrintStream stream();
}
