package dev.slipway.gitops;

import dev.slipway.support.Provenance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Git trailers that make a GitOps commit traceable and let the downgrade guard compare builds:
 * {@code Slipway-Source} (source commit), {@code Slipway-Source-Repository}, {@code Slipway-Build} (build URL),
 * {@code Slipway-Build-Number}, {@code Slipway-Image} (image@digest) and {@code Slipway-Delivery} (delivery id).
 */
public record Trailers(Map<String, String> values) {
    public static final String SOURCE = "Slipway-Source";
    public static final String SOURCE_REPOSITORY = "Slipway-Source-Repository";
    public static final String BUILD = "Slipway-Build";
    public static final String BUILD_NUMBER = "Slipway-Build-Number";
    public static final String IMAGE = "Slipway-Image";
    public static final String DELIVERY = "Slipway-Delivery";

    public Trailers {
        values = Map.copyOf(values);
    }

    public static Trailers of(Provenance provenance, String image) {
        Map<String, String> values = new LinkedHashMap<>();
        if (provenance != null) {
            put(values, SOURCE, provenance.sourceCommit());
            put(values, SOURCE_REPOSITORY, provenance.sourceRepository());
            put(values, BUILD, provenance.buildUrl());
            put(values, BUILD_NUMBER, provenance.buildNumber() == null ? null : provenance.buildNumber().toString());
            put(values, DELIVERY, provenance.deliveryId());
        }
        put(values, IMAGE, image);
        return new Trailers(values);
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value.replaceAll("[\\r\\n]+", " ").trim());
        }
    }

    /** Reads the Slipway trailers of a commit message (the last paragraph's {@code Key: value} lines). */
    public static Trailers parse(String message) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] paragraphs = message.strip().split("\\R\\s*\\R");
        String last = paragraphs[paragraphs.length - 1];
        for (String line : last.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.startsWith("Slipway-")) {
                values.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return new Trailers(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The trailer block, keys in a fixed order, to append after a blank line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (String key : new String[] {SOURCE, SOURCE_REPOSITORY, BUILD, BUILD_NUMBER, IMAGE, DELIVERY}) {
            String value = values.get(key);
            if (value != null) {
                out.append(key).append(": ").append(value).append('\n');
            }
        }
        return out.toString();
    }
}
