package dev.slipway.testsupport.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** What a fake answers: status, content type, body and extra headers. */
public record FakeResponse(int status, String contentType, String body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON answer; {@code body} is serialized with Jackson (maps, lists, strings, numbers). */
    public static FakeResponse json(int status, Object body) {
        try {
            return new FakeResponse(status, "application/json; charset=utf-8", JSON.writeValueAsString(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the fake's answer", e);
        }
    }

    public static FakeResponse empty(int status) {
        return new FakeResponse(status, null, "", Map.of());
    }

    public FakeResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new FakeResponse(status, contentType, body, Map.copyOf(more));
    }
}
