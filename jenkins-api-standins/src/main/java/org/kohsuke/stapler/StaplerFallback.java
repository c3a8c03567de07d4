package org.kohsuke.stapler;

/** Stand-in of stapler org.kohsuke.stapler.StaplerFallback. */
public interface StaplerFallback {
}
