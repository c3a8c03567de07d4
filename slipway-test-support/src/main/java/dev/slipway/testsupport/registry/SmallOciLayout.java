package dev.slipway.testsupport.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A tiny single-platform OCI image layout (one config blob, one layer of opaque bytes) for tests that need
 * something to push and care about the digest, not the content: a delivery, a record. Registries never look
 * inside layers, so the layer need not be a real tar.
 */
public final class SmallOciLayout {
    private SmallOciLayout() {}

    /**
     * Writes the layout into {@code folder}; {@code content} makes the image distinct (same content, same digest).
     *
     * @return the manifest's digest, {@code sha256:<hex>}
     */
    public static String write(Path folder, String content) {
        try {
            Files.createDirectories(folder.resolve("blobs/sha256"));
            Files.writeString(folder.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            byte[] layer = content.getBytes(StandardCharsets.UTF_8);
            String layerDigest = blob(folder, layer);
            byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                    + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
            String configDigest = blob(folder, config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                    + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                    + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
            String manifestDigest = blob(folder, manifest);
            Files.writeString(folder.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
                    + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest + "\",\"size\":"
                    + manifest.length + "}]}");
            return manifestDigest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blob(Path folder, byte[] bytes) throws IOException {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Files.write(folder.resolve("blobs/sha256").resolve(hex), bytes);
            return "sha256:" + hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
