package dev.slipway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.slipway.image.Digest;
import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON document {@code -o json} prints: {@code {"result":…,"exitCode":N}} or
 * {@code {"error":{"kind","field","message","fix"},"exitCode":N}}. Engine results are records; images, digests
 * and paths are written as the strings users type, durations as ISO-8601 ({@code PT1.5S}), and a
 * {@link dev.slipway.support.Secret} as {@code ****} (its own JSON form).
 */
final class JsonOutput {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("slipway-values")
                    .addSerializer(ImageRef.class, ToStringSerializer.instance)
                    .addSerializer(Digest.class, ToStringSerializer.instance)
                    .addSerializer(Path.class, ToStringSerializer.instance))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private JsonOutput() {}

    static String result(Object result, int exitCode) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("result", result);
        document.put("exitCode", exitCode);
        return write(document);
    }

    static String error(SlipwayException error, int exitCode) {
        return error(kindOf(exitCode), error instanceof InvalidInputException input ? input.field() : null, error.getMessage(),
                error.fix(), exitCode);
    }

    static String error(String kind, String field, String message, String fix, int exitCode) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind);
        details.put("field", field);
        details.put("message", message);
        details.put("fix", fix);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("error", details);
        document.put("exitCode", exitCode);
        return write(document);
    }

    /** usage (2), auth (3), timeout (4), failed (1 and anything else). */
    static String kindOf(int exitCode) {
        return switch (exitCode) {
            case EngineCommand.USAGE -> "usage";
            case EngineCommand.AUTH -> "auth";
            case EngineCommand.TIMEOUT -> "timeout";
            default -> "failed";
        };
    }

    private static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            // a result type Jackson cannot write is a bug of ours; say so in JSON rather than print half a document
            return "{\"error\":{\"kind\":\"failed\",\"field\":null,\"message\":\"cannot write the result as JSON: "
                    + e.getOriginalMessage().replace("\"", "'").replace("\\", "/") + "\",\"fix\":null},\"exitCode\":1}";
        }
    }
}
