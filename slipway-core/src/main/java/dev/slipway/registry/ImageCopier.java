package dev.slipway.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.delivery.EngineContext;
import dev.slipway.image.Digest;
import dev.slipway.image.ImageRef;
import dev.slipway.support.Event;
import dev.slipway.support.Events;
import dev.slipway.support.InvalidInputException;
import dev.slipway.support.SlipwayException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Copies an image by digest to another repository or registry: blobs the target lacks are mounted (same
 * registry) or streamed from source to target without touching the disk; manifests go by digest, children of
 * an index first, each checked; tags last.
 */
public final class ImageCopier {
    private final Events events;
    private final dev.slipway.support.NetworkSettings network;

    public ImageCopier(EngineContext context) {
        this.events = Objects.requireNonNull(context, "context").events();
        this.network = context.network();
    }

    public CopyResult copy(CopyRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.source() == null) {
            throw new InvalidInputException("from", "no source image given", "give the image to copy, e.g. dev.azurecr.io/shop/web@sha256:…");
        }
        if (request.target() == null) {
            throw new InvalidInputException("to", "no target repository given", "give the repository to copy to");
        }
        ImageRef source = request.source();
        ImageRef target = request.target().withoutDigest().withoutTag();
        List<String> tags = ImagePusher.checkedTags(request.tags(), target);
        RegistrySession session = new RegistrySession(request.transport(), network, events, Event.Phase.COPY);
        boolean sameRegistry = source.registry().equals(target.registry());
        RegistryClient from = session.client(source.registry(), request.sourceAuth());
        RegistryClient to = session.client(target.registry(), request.targetAuth());
        return copy(source, target, tags, from, to, sameRegistry);
    }

    CopyResult copy(ImageRef source, ImageRef target, List<String> tags, RegistryClient from, RegistryClient to,
            boolean sameRegistry) {
        events.started(Event.Phase.COPY, source.reference(), "copying " + source.reference() + " to " + target.name());
        try {
            String reference = source.digest().map(Digest::toString).orElseGet(() -> source.tag().orElse("latest"));
            RegistryClient.Manifest root = from.getManifest(source.repository(), reference, RegistryClient.pull(source.repository()));
            Counts counts = new Counts();
            copyManifest(source, target, root, from, to, sameRegistry, counts);
            ImageRef copied = target.withDigest(root.digest());
            List<String> targetScopes = RegistryClient.pullPush(target.repository());
            for (String tag : tags) {
                Digest tagged = to.putManifest(target.repository(), tag, root.mediaType(), root.bytes(), targetScopes);
                ImagePusher.checkDigest(to, target, tag, root.digest(), tagged);
                events.info(Event.Phase.COPY, target.name() + ":" + tag, "tagged " + tag);
            }
            events.finished(Event.Phase.COPY, copied.reference(), "copied " + source.reference() + " to " + copied.reference()
                    + " (" + counts.copied + " blobs copied, " + counts.mounted + " mounted, " + counts.skipped + " already there)");
            return new CopyResult(copied, tags, counts.copied, counts.mounted, counts.skipped);
        } catch (SlipwayException e) {
            events.failed(Event.Phase.COPY, source.reference(), e.getMessage());
            throw e;
        }
    }

    private void copyManifest(ImageRef source, ImageRef target, RegistryClient.Manifest manifest, RegistryClient from,
            RegistryClient to, boolean sameRegistry, Counts counts) {
        JsonNode json = manifest.json();
        if (MediaTypes.isIndex(manifest.mediaType())) {
            for (JsonNode child : json.path("manifests")) {
                String digest = child.path("digest").asText();
                RegistryClient.Manifest childManifest = from.getManifest(source.repository(), digest,
                        RegistryClient.pull(source.repository()));
                copyManifest(source, target, childManifest, from, to, sameRegistry, counts);
            }
        } else {
            List<JsonNode> blobs = new ArrayList<>();
            if (json.has("config")) {
                blobs.add(json.get("config"));
            }
            json.path("layers").forEach(blobs::add);
            for (JsonNode blob : blobs) {
                copyBlob(source, target, Digest.parse("manifest", blob.path("digest").asText()), blob.path("size").asLong(-1),
                        from, to, sameRegistry, counts);
            }
        }
        Digest reported = to.putManifest(target.repository(), manifest.digest().toString(), manifest.mediaType(),
                manifest.bytes(), RegistryClient.pullPush(target.repository()));
        ImagePusher.checkDigest(to, target, manifest.digest().toString(), manifest.digest(), reported);
    }

    private void copyBlob(ImageRef source, ImageRef target, Digest digest, long size, RegistryClient from, RegistryClient to,
            boolean sameRegistry, Counts counts) {
        if (!counts.seen.add(digest)) {
            return;
        }
        String repository = target.repository();
        List<String> targetScopes = RegistryClient.pullPush(repository);
        if (to.blobExists(repository, digest, targetScopes)) {
            counts.skipped++;
            return;
        }
        URI started = null;
        if (sameRegistry && !source.repository().equals(repository)) {
            List<String> mountScopes = List.of("repository:" + repository + ":pull,push",
                    "repository:" + source.repository() + ":pull");
            Optional<URI> upload = to.startUpload(repository, digest, source.repository(), mountScopes);
            if (upload.isEmpty()) {
                counts.mounted++;
                events.info(Event.Phase.COPY, digest.toString(), "blob " + digest.shortHex() + " mounted from " + source.repository());
                return;
            }
            started = upload.get();
        }
        if (size < 0) {
            throw new SlipwayException("the manifest of " + source.reference() + " gives no size for blob " + digest,
                    "copy an image whose manifest follows the OCI or Docker v2 schema");
        }
        List<String> sourceScopes = RegistryClient.pull(source.repository());
        to.uploadBlob(repository, digest, size, () -> {
            InputStream stream = from.openBlob(source.repository(), digest, sourceScopes);
            return new ProgressInputStream(stream, ImagePusher.PROGRESS_STEP,
                    done -> events.progress(Event.Phase.COPY, digest.toString(), "copying " + digest.shortHex(), done, size));
        }, targetScopes, started);
        counts.copied++;
    }

    private static final class Counts {
        final Set<Digest> seen = new HashSet<>();
        int copied;
        int mounted;
        int skipped;
    }
}
