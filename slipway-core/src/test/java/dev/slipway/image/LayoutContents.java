package dev.slipway.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads what is really inside an OCI layout: its config, and its layers unpacked by the system's tar. */
final class LayoutContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LayoutContents() {}

    static JsonNode manifest(Path layout) throws IOException {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        return JSON.readTree(blob(layout, index.path("manifests").get(0).path("digest").asText()).toFile());
    }

    static JsonNode config(Path layout) throws IOException {
        return JSON.readTree(blob(layout, manifest(layout).path("config").path("digest").asText()).toFile());
    }

    static Path blob(Path layout, String digest) {
        String[] parts = digest.split(":");
        return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    /** Unpacks every layer, in order, into {@code target} (whiteouts ignored: the tests' images have none). */
    static Path unpack(Path layout, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target);
        for (JsonNode layer : manifest(layout).path("layers")) {
            Process tar = new ProcessBuilder("tar", "-x", "-z", "-f", blob(layout, layer.path("digest").asText()).toString(),
                    "-C", target.toString()).redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar failed: " + output);
            }
        }
        return target;
    }

    /** Every byte of the layout: blobs as stored and, for gzip layers, uncompressed. */
    static List<byte[]> allBytes(Path layout) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(layout)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                contents.add(bytes);
                if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        in.transferTo(out);
                        contents.add(out.toByteArray());
                    }
                }
            }
        }
        return contents;
    }

    static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
