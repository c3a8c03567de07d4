package dev.slipway.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes OCI image layouts with generated layers for tests: pseudo-random bytes (a seed makes them distinct),
 * streamed to disk while hashing, so a 1 GiB image costs no heap. Layers are opaque to registries, so they
 * need not be real tar files.
 */
final class TestLayouts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was written: the root manifest's digest and media type, and every blob. */
    record Written(Path layout, Digest digest, String mediaType, List<Digest> blobs) { }

    private TestLayouts() {
    }

    static Written image(Path layout, long seed, long... layerSizes) {
        return image(layout, seed, MediaTypes.OCI_MANIFEST, layerSizes);
    }

    /** A single-platform image with the given layer sizes, in OCI or Docker v2 media types. */
    static Written image(Path layout, long seed, String manifestType, long... layerSizes) {
        try {
            init(layout);
            boolean docker = manifestType.equals(MediaTypes.DOCKER_MANIFEST);
            Map<String, Object> manifest = manifestOf(layout, seed, docker, "amd64", layerSizes);
            byte[] bytes = JSON.writeValueAsBytes(manifest);
            Digest digest = writeBlob(layout, bytes);
            writeIndex(layout, manifestType, digest, bytes.length);
            List<Digest> blobs = new ArrayList<>(blobsOf(manifest));
            blobs.add(digest);
            return new Written(layout, digest, manifestType, blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A two-platform index (amd64, arm64), each image with one small layer. */
    static Written index(Path layout, long seed) {
        try {
            init(layout);
            List<Map<String, Object>> children = new ArrayList<>();
            List<Digest> blobs = new ArrayList<>();
            for (String arch : List.of("amd64", "arm64")) {
                Map<String, Object> manifest = manifestOf(layout, seed + arch.hashCode(), false, arch, 4096, 2048);
                byte[] bytes = JSON.writeValueAsBytes(manifest);
                Digest digest = writeBlob(layout, bytes);
                blobs.addAll(blobsOf(manifest));
                blobs.add(digest);
                Map<String, Object> descriptor = descriptor(MediaTypes.OCI_MANIFEST, digest, bytes.length);
                descriptor.put("platform", Map.of("architecture", arch, "os", "linux"));
                children.add(descriptor);
            }
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            index.put("manifests", children);
            byte[] bytes = JSON.writeValueAsBytes(index);
            Digest digest = writeBlob(layout, bytes);
            writeIndex(layout, MediaTypes.OCI_INDEX, digest, bytes.length);
            blobs.add(digest);
            return new Written(layout, digest, MediaTypes.OCI_INDEX, blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Packs a layout into an OCI archive with the system's tar. */
    static Path archive(Path layout, Path archive) {
        try {
            Process tar = new ProcessBuilder("tar", "-cf", archive.toString(), "-C", layout.toString(), ".")
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar failed: " + output);
            }
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Digest> blobsOf(Map<String, Object> manifest) {
        List<Digest> blobs = new ArrayList<>();
        blobs.add(Digest.parse((String) ((Map<String, Object>) manifest.get("config")).get("digest")));
        for (Map<String, Object> layer : (List<Map<String, Object>>) manifest.get("layers")) {
            blobs.add(Digest.parse((String) layer.get("digest")));
        }
        return blobs;
    }

    private static Map<String, Object> manifestOf(Path layout, long seed, boolean docker, String arch, long... layerSizes)
            throws IOException {
        List<Map<String, Object>> layers = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layerSizes.length; i++) {
            Digest digest = writeRandomBlob(layout, seed * 31 + i, layerSizes[i]);
            layers.add(descriptor(docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                    : "application/vnd.oci.image.layer.v1.tar", digest, layerSizes[i]));
            diffIds.add(digest.toString());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", arch);
        config.put("os", "linux");
        config.put("config", Map.of("Labels", Map.of("seed", Long.toString(seed))));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        Digest configDigest = writeBlob(layout, configBytes);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST);
        manifest.put("config", descriptor(docker ? "application/vnd.docker.container.image.v1+json"
                : "application/vnd.oci.image.config.v1+json", configDigest, configBytes.length));
        manifest.put("layers", layers);
        return manifest;
    }

    private static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest.toString());
        descriptor.put("size", size);
        return descriptor;
    }

    private static void init(Path layout) throws IOException {
        Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    private static void writeIndex(Path layout, String mediaType, Digest digest, long size) throws IOException {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("manifests", List.of(descriptor(mediaType, digest, size)));
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    static Digest writeBlob(Path layout, byte[] bytes) throws IOException {
        Digest digest = RegistryClient.sha256(bytes);
        Files.write(layout.resolve("blobs").resolve("sha256").resolve(digest.hex()), bytes);
        return digest;
    }

    private static Digest writeRandomBlob(Path layout, long seed, long size) throws IOException {
        Path temp = Files.createTempFile(layout.resolve("blobs"), "layer", ".tmp");
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // one random buffer per blob, made distinct per chunk by a counter: cheap to generate at 1 GiB
        byte[] buffer = new byte[1 << 16];
        new Random(seed).nextBytes(buffer);
        try (OutputStream out = Files.newOutputStream(temp)) {
            long left = size;
            long chunk = 0;
            while (left > 0) {
                java.nio.ByteBuffer.wrap(buffer).putLong(0, chunk++);
                int n = (int) Math.min(buffer.length, left);
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        Digest digest = Digest.sha256(HexFormat.of().formatHex(sha256.digest()));
        Files.move(temp, layout.resolve("blobs").resolve("sha256").resolve(digest.hex()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return digest;
    }
}
