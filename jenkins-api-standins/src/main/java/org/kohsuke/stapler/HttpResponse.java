package org.kohsuke.stapler;

/** Stand-in of stapler org.kohsuke.stapler.HttpResponse. */
public interface HttpResponse {
}
