package dev.slipway.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Turns an unpacked {@code docker save} archive into an OCI layout. Every Docker version writes
 * {@code manifest.json} (config and uncompressed layer tars); only Docker 25+ adds an OCI index, so Slipway reads
 * {@code manifest.json} and writes the layout itself: layers gzip-compressed (Java's gzip header carries no time,
 * so the same layers give the same digests), OCI media types, one manifest in {@code index.json}.
 */
final class DockerArchives {
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerArchives() {}

    /** Writes the OCI layout of the archive's only image to {@code layout} (which must not exist). */
    static void toOciLayout(Path archive, Path layout, String refName) throws IOException {
        JsonNode images = JSON.readTree(archive.resolve("manifest.json").toFile());
        if (!images.isArray() || images.size() != 1) {
            throw new IllegalStateException("docker save wrote " + images.size() + " images; expected one");
        }
        JsonNode image = images.get(0);
        Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
        Map<String, Object> config = descriptor(CONFIG, copyBlob(inside(archive, image.path("Config").asText()), blobs));
        List<Object> layers = new ArrayList<>();
        for (JsonNode layer : image.path("Layers")) {
            layers.add(descriptor(LAYER_GZIP, gzipBlob(inside(archive, layer.asText()), blobs)));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OciLayout.MANIFEST);
        manifest.put("config", config);
        manifest.put("layers", layers);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestHex = HexFormat.of().formatHex(OciLayout.messageDigest("sha256").digest(manifestBytes));
        Files.write(blobs.resolve(manifestHex), manifestBytes);

        Map<String, Object> entry = descriptor(OciLayout.MANIFEST, new Blob(manifestHex, manifestBytes.length));
        if (refName != null) {
            entry.put("annotations", Map.of("org.opencontainers.image.ref.name", refName));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("manifests", List.of(entry));
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    private record Blob(String hex, long size) { }

    private static Map<String, Object> descriptor(String mediaType, Blob blob) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", "sha256:" + blob.hex());
        descriptor.put("size", blob.size());
        return descriptor;
    }

    /** A path named by manifest.json, refused if it leads out of the archive. */
    private static Path inside(Path archive, String name) {
        Path path = archive.resolve(name).normalize();
        if (name.isEmpty() || !path.startsWith(archive) || !Files.isRegularFile(path)) {
            throw new IllegalStateException("docker save's manifest.json names '" + name + "', which is not a file in the archive");
        }
        return path;
    }

    private static Blob copyBlob(Path source, Path blobs) throws IOException {
        String hex = OciLayout.hex(source, "sha256");
        Files.copy(source, blobs.resolve(hex), StandardCopyOption.REPLACE_EXISTING);
        return new Blob(hex, Files.size(blobs.resolve(hex)));
    }

    private static Blob gzipBlob(Path source, Path blobs) throws IOException {
        Path temporary = Files.createTempFile(blobs, "layer-", ".tmp");
        MessageDigest digest = OciLayout.messageDigest("sha256");
        try (InputStream in = Files.newInputStream(source);
                OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(temporary), digest))) {
            in.transferTo(out);
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        Files.move(temporary, blobs.resolve(hex), StandardCopyOption.REPLACE_EXISTING);
        return new Blob(hex, Files.size(blobs.resolve(hex)));
    }
}
