package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** Stand-in of stapler's StaplerRequest2. */
public interface StaplerRequest2 extends HttpServletRequest {
    <T> List<T> bindJSONToList(Class<T> type, Object src);
}
