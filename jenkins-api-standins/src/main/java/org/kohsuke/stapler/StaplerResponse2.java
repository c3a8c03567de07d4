package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Stand-in of stapler org.kohsuke.stapler.StaplerResponse2 (only what jakarta.servlet-api declares is used). */
public interface StaplerResponse2 extends HttpServletResponse {
}
