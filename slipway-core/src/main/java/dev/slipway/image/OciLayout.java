package dev.slipway.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads the one image of an OCI image layout (image-spec {@code image-layout.md}): {@code oci-layout},
 * {@code index.json} naming one manifest, {@code blobs/<alg>/<hex>}. The digest is the manifest blob's, checked
 * against its content, so what is pushed later is exactly what was built.
 */
public final class OciLayout {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciLayout() {}

    /** The image in a layout: its manifest digest and the total size of config and layers. */
    public record Image(Digest digest, String mediaType, long sizeBytes) { }

    /** Reads and checks the layout at {@code folder}; an {@link IllegalStateException} says what is wrong. */
    public static Image read(Path folder) {
        try {
            if (!Files.isRegularFile(folder.resolve("oci-layout"))) {
                throw new IllegalStateException(folder + " is not an OCI layout: it has no oci-layout file");
            }
            JsonNode index = JSON.readTree(folder.resolve("index.json").toFile());
            JsonNode manifests = index.path("manifests");
            if (!manifests.isArray() || manifests.size() != 1) {
                throw new IllegalStateException(folder + "/index.json names " + manifests.size()
                        + " manifests; a build writes exactly one");
            }
            JsonNode descriptor = manifests.get(0);
            String mediaType = descriptor.path("mediaType").asText();
            if (!mediaType.equals(MANIFEST) && !mediaType.equals(DOCKER_MANIFEST)) {
                throw new IllegalStateException(folder + "/index.json names a " + mediaType + ", not an image manifest");
            }
            Digest digest = Digest.parse("index.json", descriptor.path("digest").asText());
            Path manifestBlob = blob(folder, digest);
            JsonNode manifest = JSON.readTree(manifestBlob.toFile());
            long size = manifest.path("config").path("size").asLong();
            for (JsonNode layer : manifest.path("layers")) {
                Digest layerDigest = Digest.parse("manifest", layer.path("digest").asText());
                if (!Files.isRegularFile(blob(folder, layerDigest))) {
                    throw new IllegalStateException(folder + " lacks layer blob " + layerDigest);
                }
                size += layer.path("size").asLong();
            }
            return new Image(digest, mediaType, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OCI layout " + folder, e);
        }
    }

    /** The blob file of {@code digest}, its content checked against the digest. */
    static Path blob(Path folder, Digest digest) throws IOException {
        Path blob = folder.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
        if (!Files.isRegularFile(blob)) {
            throw new IllegalStateException(folder + " lacks blob " + digest);
        }
        if (!digest.hex().equals(hex(blob, digest.algorithm()))) {
            throw new IllegalStateException("blob " + digest + " in " + folder + " does not match its digest");
        }
        return blob;
    }

    static String hex(Path file, String algorithm) throws IOException {
        MessageDigest digest = messageDigest(algorithm);
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
