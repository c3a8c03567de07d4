package org.kohsuke.stapler;

/** Stand-in of stapler org.kohsuke.stapler.HttpDeletable. */
public interface HttpDeletable {
}
