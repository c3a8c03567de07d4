package dev.slipway.testsupport.fakes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request a fake received.
 *
 * @param method  HTTP method
 * @param path    decoded path without the query
 * @param query   raw query string, "" when there is none
 * @param headers header names in lower case → values
 * @param body    body as UTF-8
 */
public record FakeRequest(String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The decoded value of query parameter {@code name}, or null. */
    public String queryParameter(String name) {
        return parse(query).get(name);
    }

    /** The form fields of an {@code application/x-www-form-urlencoded} body. */
    public Map<String, String> form() {
        return parse(body);
    }

    /** The media type of the body without parameters, lower case, or "". */
    public String mediaType() {
        String contentType = header("Content-Type");
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public String bearerToken() {
        String authorization = header("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    static Map<String, String> parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }
}
