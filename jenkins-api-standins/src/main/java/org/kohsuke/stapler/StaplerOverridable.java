package org.kohsuke.stapler;

/** Stand-in of stapler org.kohsuke.stapler.StaplerOverridable. */
public interface StaplerOverridable {
}
