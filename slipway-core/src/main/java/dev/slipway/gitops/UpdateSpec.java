package dev.slipway.gitops;

import dev.slipway.image.ImageRef;
import dev.slipway.support.InvalidInputException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to change in a folder of manifests: the new image (matched by {@link ImageRef#sameImageAs}), how to pin
 * it, which Helm values keys hold it, and the Flux image policies behind {@code $imagepolicy} markers.
 *
 * @param image         the new image with a tag and/or a digest; null when only Flux markers are updated
 * @param pin           what to write where tag and digest both fit; null for each target's default (see {@link Pin})
 * @param helm          Helm values layouts (files glob and key paths); also the parameter names looked for in Argo CD
 * @param fluxPolicies  {@code <namespace>:<policy>} to the image it resolved to, as Flux writes it ({@code name:tag[@digest]})
 * @param paths         folders or files below the root to update, '/' separated; empty for the whole root
 * @param maxFileBytes  larger YAML files are refused (the parse is bounded)
 */
public record UpdateSpec(ImageRef image, Pin pin, List<HelmValues> helm, Map<String, String> fluxPolicies,
        List<String> paths, long maxFileBytes) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int SCHEMA_VERSION = 1;
    public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024;
    /** snakeyaml-engine counts code points; one code point is at least one byte, so this bounds the parse too. */
    static final long MAX_FILE_BYTES_LIMIT = 64L * 1024 * 1024;

    public UpdateSpec {
        helm = helm == null ? List.of() : List.copyOf(helm);
        fluxPolicies = fluxPolicies == null ? Map.of() : Map.copyOf(new TreeMap<>(fluxPolicies));
        paths = paths == null ? List.of() : List.copyOf(paths);
        if (image == null && fluxPolicies.isEmpty()) {
            throw new InvalidInputException("image", "no image is given",
                    "give the new image with its tag and digest, e.g. myacr.azurecr.io/shop/web:1.4.2@sha256:<hex>");
        }
        if (image != null) {
            if (image.tag().isEmpty() && image.digest().isEmpty()) {
                throw new InvalidInputException("image", "'" + image + "' has neither a tag nor a digest, so there is nothing to write",
                        "give the image as repo:tag@sha256:<hex> (the push step reports both)");
            }
            if ((pin == Pin.DIGEST || pin == Pin.BOTH) && image.digest().isEmpty()) {
                throw new InvalidInputException("pin", "pin " + pin.name().toLowerCase() + " needs a digest, but '" + image + "' has none",
                        "give the image with @sha256:<hex>, or use pin tag");
            }
            if ((pin == Pin.TAG || pin == Pin.BOTH) && image.tag().isEmpty()) {
                throw new InvalidInputException("pin", "pin " + pin.name().toLowerCase() + " needs a tag, but '" + image + "' has none",
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

    /** Updates {@code image} everywhere below the root, with each target's default pin and no Helm or Flux settings. */
    public static UpdateSpec of(ImageRef image) {
        return new UpdateSpec(image, null, List.of(), Map.of(), List.of(), DEFAULT_MAX_FILE_BYTES);
    }

    /** Only Flux {@code $imagepolicy} markers, driven by the policies' images. */
    public static UpdateSpec fluxMarkers(Map<String, String> fluxPolicies) {
        return new UpdateSpec(null, null, List.of(), fluxPolicies, List.of(), DEFAULT_MAX_FILE_BYTES);
    }

    public UpdateSpec withPin(Pin newPin) {
        return new UpdateSpec(image, newPin, helm, fluxPolicies, paths, maxFileBytes);
    }

    public UpdateSpec withHelm(List<HelmValues> newHelm) {
        return new UpdateSpec(image, pin, newHelm, fluxPolicies, paths, maxFileBytes);
    }

    public UpdateSpec withFluxPolicies(Map<String, String> newPolicies) {
        return new UpdateSpec(image, pin, helm, newPolicies, paths, maxFileBytes);
    }

    public UpdateSpec withPaths(List<String> newPaths) {
        return new UpdateSpec(image, pin, helm, fluxPolicies, newPaths, maxFileBytes);
    }

    public UpdateSpec withMaxFileBytes(long newMax) {
        return new UpdateSpec(image, pin, helm, fluxPolicies, paths, newMax);
    }

    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
