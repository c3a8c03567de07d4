package org.kohsuke.stapler;

/** Stand-in of stapler org.kohsuke.stapler.StaplerProxy. */
public interface StaplerProxy {
}
