package dev.slipway.image;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A content digest as registries use it: {@code sha256:} with 64 lower-case hex digits, or {@code sha512:}
 * with 128. Other algorithms are refused: no registry Slipway talks to accepts them.
 */
public record Digest(String algorithm, String hex) implements Serializable {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

    public Digest {
        check("digest", algorithm + ":" + hex, algorithm, hex);
    }

    /** Parses {@code sha256:<hex>}; {@code field} names the input in the error message. */
    public static Digest parse(String field, String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidImageReferenceException(field, String.valueOf(text), "the digest is empty",
                    "give a digest such as sha256:<64 lower-case hex digits>");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidImageReferenceException(field, text, "a digest needs an algorithm, e.g. 'sha256:'",
                    "write the digest as sha256:<64 lower-case hex digits>");
        }
        String algorithm = text.substring(0, colon);
        String hex = text.substring(colon + 1);
        check(field, text, algorithm, hex);
        return new Digest(algorithm, hex);
    }

    public static Digest parse(String text) {
        return parse("digest", text);
    }

    public static Digest sha256(String hex) {
        return new Digest("sha256", hex);
    }

    private static void check(String field, String input, String algorithm, String hex) {
        Pattern pattern = switch (algorithm) {
            case "sha256" -> SHA256;
            case "sha512" -> SHA512;
            default -> throw new InvalidImageReferenceException(field, input,
                    "unsupported digest algorithm '" + algorithm + "'", "use a sha256: or sha512: digest");
        };
        if (!pattern.matcher(hex).matches()) {
            int expected = algorithm.equals("sha256") ? 64 : 128;
            String problem = hex.length() != expected
                    ? "a " + algorithm + " digest has " + expected + " hex digits, this one has " + hex.length()
                    : "a " + algorithm + " digest is lower-case hex (0-9, a-f)";
            throw new InvalidImageReferenceException(field, input, problem,
                    "copy the digest exactly as the registry or build reported it");
        }
    }

    /** The first 12 hex digits, as people abbreviate digests in messages and labels. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
