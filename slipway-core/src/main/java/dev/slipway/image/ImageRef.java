package dev.slipway.image;

import dev.slipway.azure.AzureCloud;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference, parsed and normalised by the OCI distribution reference grammar:
 * {@code [registry[:port]/]path[:tag][@digest]}. {@code nginx} becomes {@code docker.io/library/nginx}.
 * Immutable; equality is on the canonical form ({@link #canonical()}), in which a reference with neither
 * tag nor digest means {@code :latest}.
 *
 * <p>{@link #sameImageAs} is the one image-matching rule of Slipway, shared by deploy and update: same
 * registry host and repository path, any tag or digest. {@code web} never matches {@code webhook}.
 */
public final class ImageRef implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DOCKER_HUB = "docker.io";
    static final int NAME_MAX_LENGTH = 255;

    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN_COMPONENT = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+(?:%[a-zA-Z0-9]+)?]");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private ImageRef(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /** Parses a reference; errors name the field {@code image}. */
    public static ImageRef parse(String reference) {
        return parse("image", reference);
    }

    /** Parses a reference; {@code field} names the step parameter or option in error messages. */
    public static ImageRef parse(String field, String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new InvalidImageReferenceException(field, String.valueOf(reference), "it is empty",
                    "give an image such as myregistry.azurecr.io/shop/web:1.2.3");
        }
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new InvalidImageReferenceException(field, reference,
                        "it contains " + (Character.isWhitespace(c) && c >= 0x20 ? "whitespace" : "a control character")
                                + " at position " + (i + 1),
                        "remove spaces, tabs and line breaks (check for a trailing newline from a file or variable)");
            }
        }

        String rest = reference;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            if (rest.indexOf('@', at + 1) >= 0) {
                throw new InvalidImageReferenceException(field, reference, "it has more than one '@'",
                        "write name[:tag]@sha256:<hex> with a single digest");
            }
            digest = Digest.parse(field, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }

        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0 && colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (tag.isEmpty()) {
                throw new InvalidImageReferenceException(field, reference, "':' is not followed by a tag",
                        "add the tag after ':' (e.g. :1.2.3) or remove the ':'");
            }
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidImageReferenceException(field, reference,
                        "tag '" + tag + "' is invalid" + (tag.length() > 128 ? " (longer than 128 characters)" : ""),
                        "a tag is 1-128 characters of letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
        }

        if (rest.isEmpty()) {
            throw new InvalidImageReferenceException(field, reference, "the repository name is empty",
                    "give a repository name before ':' or '@'");
        }
        if (rest.length() > NAME_MAX_LENGTH) {
            throw new InvalidImageReferenceException(field, reference,
                    "the name is " + rest.length() + " characters long; at most " + NAME_MAX_LENGTH + " are allowed",
                    "use a shorter registry or repository path");
        }

        String registry;
        String path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        boolean firstIsRegistry = slash >= 0
                && (first.contains(".") || first.contains(":") || first.equals("localhost")
                        || !first.toLowerCase(Locale.ROOT).equals(first));
        if (firstIsRegistry) {
            registry = checkRegistry(field, reference, first);
            path = rest.substring(slash + 1);
        } else {
            registry = DOCKER_HUB;
            path = rest;
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        checkPath(field, reference, path);
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        return new ImageRef(registry, path, tag, digest);
    }

    private static String checkRegistry(String field, String reference, String registry) {
        String host = registry;
        String port = null;
        if (registry.startsWith("[")) {
            int close = registry.indexOf(']');
            host = close < 0 ? registry : registry.substring(0, close + 1);
            String after = close < 0 ? "" : registry.substring(close + 1);
            if (after.startsWith(":")) {
                port = after.substring(1);
            } else if (!after.isEmpty()) {
                host = registry;
            }
            if (!IPV6.matcher(host).matches()) {
                throw new InvalidImageReferenceException(field, reference, "registry '" + registry + "' is not a valid IPv6 address",
                        "write an IPv6 registry as [address]:port");
            }
        } else {
            int colon = registry.indexOf(':');
            if (colon >= 0) {
                host = registry.substring(0, colon);
                port = registry.substring(colon + 1);
            }
            if (!IPV4.matcher(host).matches()) {
                String[] labels = host.split("\\.", -1);
                for (String label : labels) {
                    if (!DOMAIN_COMPONENT.matcher(label).matches()) {
                        throw new InvalidImageReferenceException(field, reference,
                                "registry host '" + host + "' is not a valid host name",
                                "a registry host is a DNS name (letters, digits, '-' between them, '.' between labels), an IPv4 address or localhost");
                    }
                }
            }
        }
        if (port != null) {
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
                throw new InvalidImageReferenceException(field, reference, "registry port '" + port + "' is not a port number",
                        "write the port as digits from 1 to 65535, e.g. localhost:5000");
            }
        }
        // Host names are case-insensitive, so lower-case them for equality; but an upper-case host without '.' or
        // a port is a registry only because of its case, so it keeps it (or it would re-parse as a Docker Hub path).
        String lower = host.toLowerCase(Locale.ROOT);
        boolean recognisableLowerCased = port != null || lower.contains(".") || lower.equals("localhost") || lower.startsWith("[");
        return (recognisableLowerCased ? lower : host) + (port == null ? "" : ":" + port);
    }

    private static void checkPath(String field, String reference, String path) {
        String[] components = path.split("/", -1);
        for (String component : components) {
            if (component.isEmpty()) {
                throw new InvalidImageReferenceException(field, reference, "the repository path has an empty component ('//' or a '/' at an end)",
                        "remove the extra '/'");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                if (!component.toLowerCase(Locale.ROOT).equals(component)) {
                    throw new InvalidImageReferenceException(field, reference,
                            "repository names must be lower-case ('" + component + "')",
                            "write the repository path in lower case: " + path.toLowerCase(Locale.ROOT));
                }
                throw new InvalidImageReferenceException(field, reference,
                        "path component '" + component + "' is badly separated or has characters other than a-z, 0-9",
                        "path components are lower-case letters and digits joined by '.', '_', '__' or '-' (not at the start or end)");
            }
        }
    }

    /** The registry host, with {@code :port} when one was given; {@code docker.io} for Docker Hub. */
    public String registry() {
        return registry;
    }

    /** The repository path inside the registry, e.g. {@code shop/web} or {@code library/nginx}. */
    public String repository() {
        return repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    public ImageRef withTag(String newTag) {
        return parse("tag", name() + ":" + newTag + (digest == null ? "" : "@" + digest));
    }

    public ImageRef withDigest(Digest newDigest) {
        return new ImageRef(registry, repository, tag, newDigest);
    }

    public ImageRef withoutTag() {
        return new ImageRef(registry, repository, null, digest);
    }

    public ImageRef withoutDigest() {
        return new ImageRef(registry, repository, tag, null);
    }

    /** The same image in another repository (and possibly registry): {@code target}'s name, this tag and digest. */
    public ImageRef inRepository(ImageRef target) {
        return new ImageRef(target.registry, target.repository, tag, digest);
    }

    /** The image-matching rule: same registry and repository, whatever the tag or digest. */
    public boolean sameImageAs(ImageRef other) {
        return other != null && registry.equals(other.registry) && repository.equals(other.repository);
    }

    /** The Azure cloud whose ACR serves this image, if the registry is an ACR login server. */
    public Optional<AzureCloud> acrCloud() {
        return AzureCloud.ofRegistryHost(registry);
    }

    public boolean isAcr() {
        return acrCloud().isPresent();
    }

    /** The fully-qualified form: {@code registry/repository[:tag][@digest]}, {@code :latest} when neither is given. */
    public String canonical() {
        if (tag == null && digest == null) {
            return name() + ":latest";
        }
        return reference();
    }

    /** The form written into manifests: {@code registry/repository[:tag][@digest]} exactly as held. */
    public String reference() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** The short form people type: {@code nginx} for {@code docker.io/library/nginx}. */
    public String familiar() {
        String familiarName = registry.equals(DOCKER_HUB)
                ? (repository.startsWith("library/") && repository.indexOf('/', 8) < 0 ? repository.substring(8) : repository)
                : name();
        return familiarName + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageRef ref && canonical().equals(ref.canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return reference();
    }
}
