package dev.slipway.delivery;

import dev.slipway.support.SecretMasker;
import dev.slipway.support.SlipwayException;
import dev.slipway.support.SlipwayVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The self-contained HTML report of delivery records: the shared front end ({@value #RESOURCES}: the same
 * CSS and JavaScript the Jenkins pages serve) with the records inlined as JSON, so the file opens anywhere,
 * offline, and can be kept as a build artefact next to the records.
 */
public final class ReportWriter {
    /** Class-path folder of the front end; the Jenkins plugin serves the same files from here. */
    public static final String RESOURCES = "/dev/slipway/report/";
    public static final String STYLESHEET = "slipway-report.css";
    public static final String SCRIPT = "slipway-report.js";
    private static final String TEMPLATE = "report.html";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(TITLE|VERSION|GENERATED|CSS|JS|DATA)}}");

    private ReportWriter() {}

    /** The report of some records (masked with {@code masker}: defence in depth, records hold no secret). */
    public static String render(String title, List<DeliveryRecord> records, SecretMasker masker, Instant generatedAt) {
        String json = records.stream().map(r -> DeliveryRecords.toJson(r, masker)).collect(Collectors.joining(",\n", "[", "]"));
        return renderJson(title, json, generatedAt);
    }

    /**
     * The report of already-serialised delivery JSON: an array of records, one record, or a delivery index
     * ({@link DeliveryIndexFile#toJson}).
     */
    public static String renderJson(String title, String json, Instant generatedAt) {
        Objects.requireNonNull(json, "json");
        Map<String, String> values = Map.of(
                "TITLE", escapeHtml(title),
                "VERSION", escapeHtml(SlipwayVersion.get()),
                "GENERATED", escapeHtml(generatedAt.toString()),
                "CSS", resource(STYLESHEET),
                "JS", resource(SCRIPT),
                "DATA", scriptSafe(json));
        // one pass, so text inside the data can never be taken for a placeholder
        Matcher m = PLACEHOLDER.matcher(resource(TEMPLATE));
        StringBuilder html = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(html, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(html);
        return html.toString();
    }

    /** Writes the report atomically: a reader never sees half a file. */
    public static void write(Path file, String html) {
        Path target = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
            try {
                Files.writeString(temp, html, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot write the report " + target + ": " + e.getMessage(),
                    "choose an output file in a writable folder (-o)", e);
        }
    }

    /**
     * JSON made safe inside {@code <script type="application/json">}: {@code <}, {@code >} and {@code &}
     * become Unicode escapes, so a value like {@code </script>} or {@code <!--} cannot end or change the
     * block; U+2028/U+2029 are escaped for older JavaScript parsers. The escapes only occur inside JSON
     * strings (the only place these characters can be), so {@code JSON.parse} returns the same values.
     */
    public static String scriptSafe(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A front-end file from {@link #RESOURCES}, as text. */
    public static String resource(String name) {
        try (InputStream in = ReportWriter.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("front-end file " + RESOURCES + name + " is missing from the Slipway jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
