package dev.slipway.gitops;

import dev.slipway.gitops.GitOpsUpdateRequest.Pin;
import dev.slipway.image.ImageRef;
import dev.slipway.support.EngineMessage;
import dev.slipway.support.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to change in a folder of manifests: the new images (each matched by {@link ImageRef#sameImageAs}), how to
 * pin them, which Helm values keys hold them, and the Flux image policies behind {@code $imagepolicy} markers.
 *
 * <p>Pinning (DESIGN.md): with {@link Pin#DEFAULT} each target writes what it can hold: plain manifests
 * {@code repo:tag@sha256:…}; kustomize {@code newTag} and {@code digest}; Helm the tag and, when a digest key is
 * configured, the digest. {@code TAG} writes only the tag and removes a kustomize {@code digest} (or empties a Helm
 * digest), which would otherwise win; {@code DIGEST} writes {@code repo@sha256:…}, kustomize {@code digest} (a stale
 * {@code newTag} is removed) and the Helm digest key; {@code BOTH} writes both everywhere.
 *
 * @param images        the new images, each with a tag and/or a digest; empty when only Flux markers are updated
 * @param pin           what to write where tag and digest both fit; null means {@link Pin#DEFAULT}
 * @param helm          Helm values layouts (files glob and key paths); also the parameter names looked for in Argo CD
 * @param fluxPolicies  {@code <namespace>:<policy>} to the image it resolved to, as Flux writes it ({@code name:tag[@digest]})
 * @param paths         folders or files below the root to update, '/' separated; empty for the whole root
 * @param maxFileBytes  larger YAML files are refused (the parse is bounded)
 */
public record UpdateSpec(List<ImageRef> images, Pin pin, List<HelmValues> helm, Map<String, String> fluxPolicies,
        List<String> paths, long maxFileBytes) implements EngineMessage {
    private static final long serialVersionUID = 1L;

    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;
    /** snakeyaml-engine counts code points; one code point is at least one byte, so this bounds the parse too. */
    static final long MAX_FILE_BYTES_LIMIT = 64L * 1024 * 1024;

    public UpdateSpec {
        images = images == null ? List.of() : List.copyOf(images);
        pin = pin == null ? Pin.DEFAULT : pin;
        helm = helm == null ? List.of() : List.copyOf(helm);
        fluxPolicies = fluxPolicies == null ? Map.of() : Map.copyOf(new TreeMap<>(fluxPolicies));
        paths = paths == null ? List.of() : List.copyOf(paths);
        if (images.isEmpty() && fluxPolicies.isEmpty()) {
            throw new InvalidInputException("image", "no image is given",
                    "give the new image with its tag and digest, e.g. myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>");
        }
        for (int i = 0; i < images.size(); i++) {
            ImageRef image = images.get(i);
            for (int j = 0; j < i; j++) {
                if (images.get(j).sameImageAs(image)) {
                    throw new InvalidInputException("image", "'" + image.name() + "' is given twice",
                            "give each image once, with the tag and digest to write");
                }
            }
            if (image.tag().isEmpty() && image.digest().isEmpty()) {
                throw new InvalidInputException("image", "'" + image + "' has neither a tag nor a digest, so there is nothing to write",
                        "give the image as repo:tag@sha256:<hex> (the push step reports both)");
            }
            if ((pin == Pin.DIGEST || pin == Pin.BOTH) && image.digest().isEmpty()) {
                throw new InvalidInputException("pin", "pin " + pin.name().toLowerCase(Locale.ROOT) + " needs a digest, but '" + image + "' has none",
                        "give the image with @sha256:<hex>, or use pin tag");
            }
            if ((pin == Pin.TAG || pin == Pin.BOTH) && image.tag().isEmpty()) {
                throw new InvalidInputException("pin", "pin " + pin.name().toLowerCase(Locale.ROOT) + " needs a tag, but '" + image + "' has none",
                        "give the image with :<tag>, or use pin digest");
            }
        }
        for (Map.Entry<String, String> policy : fluxPolicies.entrySet()) {
            FluxPolicyImage.parse(policy.getKey(), policy.getValue());
        }
        for (String path : paths) {
            if (path == null || path.isBlank() || path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
                throw new InvalidInputException("paths", "'" + path + "' is not a path relative to the root",
                        "give folders below the repository root, e.g. overlays/prod");
            }
        }
        if (maxFileBytes <= 0 || maxFileBytes > MAX_FILE_BYTES_LIMIT) {
            throw new InvalidInputException("maxFileBytes", maxFileBytes + " is out of range",
                    "give a size from 1 to " + MAX_FILE_BYTES_LIMIT + " bytes");
        }
    }

    /** Updates {@code images} everywhere below the root, with each target's default pin and no Helm or Flux settings. */
    public static UpdateSpec of(ImageRef... images) {
        return new UpdateSpec(List.of(images), Pin.DEFAULT, List.of(), Map.of(), List.of(), DEFAULT_MAX_FILE_BYTES);
    }

    /** Only Flux {@code $imagepolicy} markers, driven by the policies' images. */
    public static UpdateSpec fluxMarkers(Map<String, String> fluxPolicies) {
        return new UpdateSpec(List.of(), Pin.DEFAULT, List.of(), fluxPolicies, List.of(), DEFAULT_MAX_FILE_BYTES);
    }

    /**
     * The file-update part of a GitOps request: its images, pin, Flux policies and {@code path}. {@code helmKeys}
     * is read as {@code files} (glob, default {@code **}{@code /values*.yaml}), {@code repository}, {@code tag},
     * {@code digest} or {@code image} to key paths, e.g. {@code repository=image.repository, tag=image.tag}.
     */
    public static UpdateSpec fromRequest(GitOpsUpdateRequest request) {
        List<HelmValues> helm = new ArrayList<>();
        Map<String, String> keys = request.helmKeys();
        if (!keys.isEmpty()) {
            for (String key : keys.keySet()) {
                if (!List.of("files", "repository", "tag", "digest", "image").contains(key)) {
                    throw new InvalidInputException("helmKeys", "'" + key + "' is not a Helm key setting",
                            "use files, repository, tag, digest or image, e.g. repository=image.repository, tag=image.tag");
                }
            }
            helm.add(new HelmValues(keys.getOrDefault("files", "**/values*.yaml"), keys.get("repository"), keys.get("tag"),
                    keys.get("digest"), keys.get("image")));
        }
        Map<String, String> policies = new LinkedHashMap<>();
        policies.putAll(request.fluxPolicies());
        String path = request.path() == null ? "" : request.path().strip();
        List<String> paths = path.isEmpty() || path.equals(".") || path.equals("/") ? List.of() : List.of(path);
        return new UpdateSpec(request.images(), request.pin(), helm, policies, paths, DEFAULT_MAX_FILE_BYTES);
    }

    /** Parses {@code default}, {@code tag}, {@code digest} or {@code both} (any case); {@code field} names the option. */
    public static Pin parsePin(String field, String text) {
        if (text != null) {
            try {
                return Pin.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException notAPin) {
                // fall through to the typed error
            }
        }
        throw new InvalidInputException(field, "'" + text + "' is not a pin", "use one of: tag, digest, both (or default)");
    }

    public UpdateSpec withPin(Pin newPin) {
        return new UpdateSpec(images, newPin, helm, fluxPolicies, paths, maxFileBytes);
    }

    public UpdateSpec withHelm(List<HelmValues> newHelm) {
        return new UpdateSpec(images, pin, newHelm, fluxPolicies, paths, maxFileBytes);
    }

    public UpdateSpec withFluxPolicies(Map<String, String> newPolicies) {
        return new UpdateSpec(images, pin, helm, newPolicies, paths, maxFileBytes);
    }

    public UpdateSpec withPaths(List<String> newPaths) {
        return new UpdateSpec(images, pin, helm, fluxPolicies, newPaths, maxFileBytes);
    }

    public UpdateSpec withMaxFileBytes(long newMax) {
        return new UpdateSpec(images, pin, helm, fluxPolicies, paths, newMax);
    }
}
