package dev.slipway.testsupport.proxy;

/**
 * One request seen by the {@link FaultProxy}, in arrival order.
 *
 * @param connection the client connection it came on, numbered from 1 in accept order (keep-alive
 *     shows as several requests on one connection)
 * @param method the HTTP method
 * @param target the request target as sent (path and query)
 * @param status the status the client got (from upstream or a fault); 0 when the connection was
 *     reset or closed before a response
 * @param fault the fault applied, or empty
 */
public record RecordedRequest(int connection, String method, String target, int status, String fault) {
    /** The target without its query. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
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
