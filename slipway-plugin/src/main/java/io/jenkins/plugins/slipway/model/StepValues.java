package io.jenkins.plugins.slipway.model;

import dev.slipway.support.InvalidInputException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How step fields are normalised, once for every step: what a user leaves blank is {@code null} or empty. */
public final class StepValues {
    private StepValues() {
    }

    /** Trimmed text, or {@code null} when blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Trimmed, non-blank entries in order; never null. */
    public static List<String> list(Collection<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().filter(Objects::nonNull).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /**
     * Entries with trimmed, non-blank keys, in the given order; values kept as given ({@code ""} for null), since a
     * build argument may be deliberately empty. Never null, unmodifiable.
     */
    public static Map<String, String> map(Map<String, String> values) {
        if (values == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            String name = text(key);
            if (name != null) {
                copy.put(name, value == null ? "" : value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * {@code NAME=value} lines (one per line; blank lines and lines starting with {@code #} are skipped) as a map in
     * order. A line without {@code =} or with an empty name is refused, naming the field and the line.
     */
    public static Map<String, String> pairs(String field, String lines) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (lines == null) {
            return pairs;
        }
        int number = 0;
        for (String line : lines.split("\\R")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0 || trimmed.substring(0, equals).isBlank()) {
                throw new InvalidInputException(field, "line " + number + " is not NAME=value",
                        "write one NAME=value per line");
            }
            pairs.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1));
        }
        return pairs;
    }

    /** Splits a field of tags written as one string ("1.4, latest" or one per line). */
    public static List<String> splitTags(String value) {
        if (value == null) {
            return List.of();
        }
        return list(List.of(value.split("[,\\s]+")));
    }
}
