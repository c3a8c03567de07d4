package dev.slipway.testsupport.proxy;

/**
 * One request seen by the {@link FaultProxy}, in arrival order.
 *
 * @param connection the client connection it came on, numbered from 1 in accept order (keep-alive
 *     shows as several requests on one connection)
 * @param method the HTTP method
 * @param target the request target as sent (path and query; absolute URL or {@code host:port} of a CONNECT
 *     through a forward proxy)
 * @param status the status the client got (from upstream or a fault); 0 when the connection was
 *     reset or closed before a response
 * @param fault the fault applied, or empty
 */
public record RecordedRequest(int connection, String method, String target, int status, String fault) {
    /** The target without its query. */
    public String path() {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        int scheme = path.indexOf("://");
        if (scheme > 0) { // a forward proxy's absolute-form target
            int slash = path.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : path.substring(slash);
        }
        return path;
    }

    /** The {@code host:port} a forward proxy request named (CONNECT or absolute form), or empty. */
    public String authority() {
        if (method.equals("CONNECT")) {
            return target;
        }
        int scheme = target.indexOf("://");
        if (scheme < 0) {
            return "";
        }
        int end = target.indexOf('/', scheme + 3);
        return end < 0 ? target.substring(scheme + 3) : target.substring(scheme + 3, end);
    }

    /** {@code METHOD path}, handy for order assertions. */
    public String line() {
        return method + " " + path();
    }

    @Override
    public String toString() {
        return "#" + connection + " " + method + " " + target + " -> " + (status == 0 ? "reset" : status) + (fault.isEmpty() ? "" : " [" + fault + "]");
    }
}
