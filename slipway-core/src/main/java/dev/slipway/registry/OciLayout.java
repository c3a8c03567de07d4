package dev.slipway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.image.Digest;
import dev.slipway.support.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An OCI image layout (image-spec {@code image-layout.md}): a folder, or an OCI archive (tar of one), which is
 * unpacked into a private temp folder streamed entry by entry and deleted on {@link #close()}.
 * Manifests are read as bytes (they are small); blobs are only ever opened as files.
 */
final class OciLayout implements Closeable {
    /** Manifests and indexes above this size are refused: the distribution spec lets registries refuse > 4 MiB. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path unpacked;
    private final String field;

    /** A descriptor: media type, digest and size of a blob or manifest. */
    record Descriptor(String mediaType, Digest digest, long size) { }

    private OciLayout(Path root, Path unpacked, String field) {
        this.root = root;
        this.unpacked = unpacked;
        this.field = field;
    }

    static OciLayout open(Path path, String field) {
        if (!Files.exists(path)) {
            throw new InvalidInputException(field, path + " does not exist", "give the OCI layout folder or OCI archive the build wrote");
        }
        if (Files.isDirectory(path)) {
            return new OciLayout(path, null, field).check();
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory("slipway-oci-");
            untar(path, temp, field);
            return new OciLayout(temp, temp, field).check();
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new InvalidInputException(field, "cannot unpack OCI archive " + path + ": " + e.getMessage(),
                    "give an OCI archive (tar) or the layout folder");
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private OciLayout check() {
        if (!Files.isRegularFile(root.resolve("oci-layout")) || !Files.isRegularFile(root.resolve("index.json"))) {
            throw new InvalidInputException(field, "is not an OCI image layout (no oci-layout and index.json)",
                    "give the folder or archive written by buildah/skopeo/the build as oci:<path>");
        }
        return this;
    }

    /** The image of the layout: the only entry of {@code index.json}. */
    Descriptor rootDescriptor() {
        JsonNode index = readJson(root.resolve("index.json"));
        JsonNode manifests = index.path("manifests");
        if (!manifests.isArray() || manifests.isEmpty()) {
            throw new InvalidInputException(field, "index.json lists no image", "build the image into this layout first");
        }
        if (manifests.size() > 1) {
            throw new InvalidInputException(field, "index.json lists " + manifests.size() + " images; Slipway pushes one",
                    "write one image (or one multi-platform index) per layout");
        }
        return descriptor(manifests.get(0));
    }

    Descriptor descriptor(JsonNode node) {
        String digest = node.path("digest").asText(null);
        if (digest == null) {
            throw new InvalidInputException(field, "a descriptor has no digest", "rebuild the layout");
        }
        return new Descriptor(node.path("mediaType").asText(""), Digest.parse(field, digest), node.path("size").asLong(-1));
    }

    /** The file of a blob, checked to exist and to have the size its descriptor says. */
    Path blob(Descriptor descriptor) {
        Path file = root.resolve("blobs").resolve(descriptor.digest().algorithm()).resolve(descriptor.digest().hex());
        try {
            long size = Files.size(file);
            if (descriptor.size() >= 0 && size != descriptor.size()) {
                throw new InvalidInputException(field, "blob " + descriptor.digest() + " has " + size + " bytes, its descriptor says "
                        + descriptor.size(), "the layout is damaged; build it again");
            }
            return file;
        } catch (IOException e) {
            throw new InvalidInputException(field, "blob " + descriptor.digest() + " is missing from the layout",
                    "the layout is incomplete; build it again");
        }
    }

    /** A manifest's exact bytes, checked against its digest. */
    byte[] manifestBytes(Descriptor descriptor) {
        Path file = blob(descriptor);
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new InvalidInputException(field, "manifest " + descriptor.digest() + " is larger than 4 MiB",
                        "registries refuse such manifests; check the layout");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (!RegistryClient.sha256(bytes).equals(descriptor.digest())) {
                throw new InvalidInputException(field, "manifest " + descriptor.digest() + " does not match its digest",
                        "the layout is damaged; build it again");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidInputException(field, "cannot read manifest " + descriptor.digest() + ": " + e.getMessage(),
                    "check the layout's permissions");
        }
    }

    private JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(field, file.getFileName() + " is not valid JSON: " + e.getMessage(),
                    "the layout is damaged; build it again");
        }
    }

    @Override
    public void close() {
        deleteQuietly(unpacked);
    }

    /** Unpacks a (ustar/pax) tar, files and folders only, refusing paths that leave {@code into}. */
    private static void untar(Path archive, Path into, String field) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            byte[] header = new byte[512];
            String paxPath = null;
            while (true) {
                if (in.readNBytes(header, 0, 512) < 512) {
                    return;
                }
                if (isZero(header)) {
                    return;
                }
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                if (type == 'x') {
                    String pax = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                    in.skipNBytes(padded - size);
                    for (String line : pax.split("\n")) {
                        int space = line.indexOf(' ');
                        if (space > 0 && line.startsWith("path=", space + 1)) {
                            paxPath = line.substring(space + 6);
                        }
                    }
                    continue;
                }
                if (paxPath != null) {
                    name = paxPath;
                    paxPath = null;
                }
                Path target = into.resolve(name).normalize();
                if (!target.startsWith(into)) {
                    throw new InvalidInputException(field, "the archive has an entry outside its root: " + name,
                            "give an OCI archive written by buildah or skopeo");
                }
                if (type == '5') {
                    Files.createDirectories(target);
                } else if (type == '0' || type == '\0') {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the archive ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    static void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp folder left behind holds no secret
        }
    }
}
