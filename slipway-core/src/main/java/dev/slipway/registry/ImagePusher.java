package dev.slipway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.Digest;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Pushes an OCI layout to a registry: each blob unless the registry has it (HEAD), streamed from its file;
 * each manifest by digest (children of an index first), checking the digest the registry reports; only then the tags.
 */
public final class ImagePusher {
    static final long PROGRESS_STEP = 16L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineContext context;
    private final Events events;

    public ImagePusher(EngineContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.events = context.events();
    }

    public PushResult push(PushRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.target() == null) {
            throw new InvalidInputException("image", "no target repository given", "give the repository to push to, e.g. myacr.azurecr.io/shop/web");
        }
        ImageRef target = request.target().withoutDigest().withoutTag();
        List<String> tags = checkedTags(request.tags(), target);
        Path layoutPath = workspacePath(request.layout());
        RegistrySession session = new RegistrySession(request.transport(), context.network(), events, Event.Phase.PUSH);
        RegistryClient client = session.client(target.registry(), request.auth());
        return push(layoutPath, target, tags, client);
    }

    PushResult push(Path layoutPath, ImageRef target, List<String> tags, RegistryClient client) {
        events.started(Event.Phase.PUSH, target.name(), "pushing " + layoutPath.getFileName() + " to " + target.name());
        try (OciLayout layout = OciLayout.open(layoutPath, "layout")) {
            Counts counts = new Counts();
            OciLayout.Descriptor root = layout.rootDescriptor();
            byte[] rootBytes = layout.manifestBytes(root);
            String mediaType = mediaType(root, rootBytes);
            pushManifest(layout, client, target, root.digest(), mediaType, rootBytes, counts);
            ImageRef pushed = target.withDigest(root.digest());
            for (String tag : tags) {
                Digest tagged = client.putManifest(target.repository(), tag, mediaType, rootBytes,
                        RegistryClient.pullPush(target.repository()));
                checkDigest(client, target, tag, root.digest(), tagged);
                events.info(Event.Phase.PUSH, target.name() + ":" + tag, "tagged " + tag);
            }
            events.finished(Event.Phase.PUSH, pushed.reference(), "pushed " + pushed.reference() + " (" + counts.uploaded
                    + " blobs uploaded, " + counts.skipped + " already there" + (tags.isEmpty() ? "" : ", tags " + String.join(", ", tags)) + ")");
            return new PushResult(pushed, tags, counts.bytes, counts.uploaded, counts.skipped, counts.mounted);
        } catch (SlipwayException e) {
            events.failed(Event.Phase.PUSH, target.name(), e.getMessage());
            throw e;
        }
    }

    private void pushManifest(OciLayout layout, RegistryClient client, ImageRef target, Digest digest, String mediaType,
            byte[] bytes, Counts counts) {
        JsonNode json = readJson(bytes);
        String repository = target.repository();
        if (MediaTypes.isIndex(mediaType)) {
            for (JsonNode child : json.path("manifests")) {
                OciLayout.Descriptor descriptor = layout.descriptor(child);
                byte[] childBytes = layout.manifestBytes(descriptor);
                pushManifest(layout, client, target, descriptor.digest(), mediaType(descriptor, childBytes), childBytes, counts);
            }
        } else {
            List<OciLayout.Descriptor> blobs = new ArrayList<>();
            if (json.has("config")) {
                blobs.add(layout.descriptor(json.get("config")));
            }
            for (JsonNode layer : json.path("layers")) {
                blobs.add(layout.descriptor(layer));
            }
            for (OciLayout.Descriptor blob : blobs) {
                pushBlob(layout, client, repository, blob, counts);
            }
        }
        Digest reported = client.putManifest(repository, digest.toString(), mediaType, bytes, RegistryClient.pullPush(repository));
        checkDigest(client, target, digest.toString(), digest, reported);
        events.info(Event.Phase.PUSH, target.name() + "@" + digest, "manifest " + digest.shortHex() + " pushed");
    }

    private void pushBlob(OciLayout layout, RegistryClient client, String repository, OciLayout.Descriptor blob, Counts counts) {
        if (!counts.seen.add(blob.digest())) {
            return;
        }
        Path file = layout.blob(blob);
        long size = blob.size() >= 0 ? blob.size() : sizeOf(file);
        counts.bytes += size;
        List<String> scopes = RegistryClient.pullPush(repository);
        if (client.blobExists(repository, blob.digest(), scopes)) {
            counts.skipped++;
            events.info(Event.Phase.PUSH, blob.digest().toString(), "blob " + blob.digest().shortHex() + " already in the registry");
            return;
        }
        String subject = blob.digest().toString();
        Supplier<InputStream> content = () -> {
            try {
                return new ProgressInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), PROGRESS_STEP,
                        done -> events.progress(Event.Phase.PUSH, subject, "uploading " + blob.digest().shortHex(), done, size));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        client.uploadBlob(repository, blob.digest(), size, content, scopes, null);
        counts.uploaded++;
        events.info(Event.Phase.PUSH, subject, "blob " + blob.digest().shortHex() + " uploaded (" + size + " bytes)");
    }

    static void checkDigest(RegistryClient client, ImageRef target, String reference, Digest expected, Digest reported) {
        if (!expected.equals(reported)) {
            throw new RegistryException("registry " + client.registry() + " stored " + target.name() + " " + reference
                    + " as " + reported + " but its content is " + expected + "; no tag was written",
                    "the registry rewrote the manifest; push to a registry that stores manifests unchanged");
        }
    }

    static List<String> checkedTags(List<String> tags, ImageRef target) {
        Set<String> unique = new LinkedHashSet<>();
        for (String tag : tags) {
            target.withTag(tag); // throws InvalidImageReferenceException naming the tag and the rule
            unique.add(tag);
        }
        return List.copyOf(unique);
    }

    private Path workspacePath(String layout) {
        if (layout == null || layout.isBlank()) {
            throw new InvalidInputException("layout", "is empty", "give the OCI layout folder or archive the build wrote");
        }
        Path resolved = context.workspace().resolve(layout).normalize();
        if (!resolved.startsWith(context.workspace())) {
            throw new InvalidInputException("layout", "'" + layout + "' is outside the workspace " + context.workspace(),
                    "give a path inside the workspace");
        }
        return resolved;
    }

    static String mediaType(OciLayout.Descriptor descriptor, byte[] bytes) {
        String own = RegistryClient.mediaTypeOf(bytes);
        if (MediaTypes.isManifest(own)) {
            return own;
        }
        if (MediaTypes.isManifest(descriptor.mediaType())) {
            return descriptor.mediaType();
        }
        throw new InvalidInputException("layout", "manifest " + descriptor.digest() + " has media type '" + own
                + "', which is not an OCI or Docker v2 image manifest or index", "push an image layout");
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidInputException("layout", "a manifest is not JSON", "the layout is damaged; build it again");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Counts {
        final Set<Digest> seen = new LinkedHashSet<>();
        long bytes;
        int uploaded;
        int skipped;
        int mounted;
    }
}
